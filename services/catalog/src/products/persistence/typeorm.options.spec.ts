import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { mysql8SignIn } from '@retail/testing/backends';
import { loadConfig, MysqlConfig } from '../../config/catalog.config';
import { catalogTypeOrmOptions, mysqlDataSourceOptions } from './typeorm.options';

const mysql = (env: Record<string, string> = {}) =>
  loadConfig({ DB_ENDPOINT: 'catalog-db:3306', DB_PASSWORD: 's3cret', ...env })
    .persistence as MysqlConfig;
const signIn = (env: Record<string, string> = {}) =>
  mysql8SignIn(mysqlDataSourceOptions(mysql(env)));

describe(catalogTypeOrmOptions.name, () => {
  it('retries once a second for DB_STARTUP_RETRY_SECONDS, logging each failure', async () => {
    const options = await catalogTypeOrmOptions(mysql({ DB_STARTUP_RETRY_SECONDS: '20' }))
      .useFactory!();
    expect(options).toMatchObject({ retryAttempts: 21, retryDelay: 1000, verboseRetryLog: true });
    const once = await catalogTypeOrmOptions(mysql({ DB_STARTUP_RETRY_SECONDS: '0' }))
      .useFactory!();
    expect(once).toMatchObject({ retryAttempts: 1 });
  });

  it('runs the checked-in migrations at start (DB_MIGRATE) and never synchronizes', async () => {
    const options = await catalogTypeOrmOptions(mysql()).useFactory!();
    expect(options).toMatchObject({ migrationsRun: true, synchronize: false });
    expect(options.migrations).toHaveLength(2);
    expect(mysqlDataSourceOptions(mysql({ DB_MIGRATE: 'false' })).migrationsRun).toBe(false);
  });
});

describe('MySQL 8 sign-in (caching_sha2_password)', () => {
  it('without TLS (the default) sends the password encrypted with the server key, never in clear', () => {
    expect(signIn()).toEqual({
      via: 'rsa',
      ssl: undefined,
      password: 's3cret',
      sentInClear: false,
    });
  });

  it('with DB_SSL_MODE=required sends it inside TLS, without checking the certificate', () => {
    expect(signIn({ DB_SSL_MODE: 'REQUIRED' })).toMatchObject({
      via: 'tls',
      ssl: { rejectUnauthorized: false },
      password: 's3cret',
    });
  });

  it('with DB_SSL_MODE=verify_identity checks the certificate against DB_SSL_CA and the host name', () => {
    const ca = path.join(mkdtempSync(path.join(tmpdir(), 'catalog-ca-')), 'global-bundle.pem');
    const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    writeFileSync(ca, pem);
    expect(signIn({ DB_SSL_MODE: 'verify-identity', DB_SSL_CA: ca })).toMatchObject({
      via: 'tls',
      ssl: { rejectUnauthorized: true, verifyIdentity: true, ca: pem },
    });
  });

  it('applies TLS to the reader too', () => {
    const options = mysqlDataSourceOptions(
      mysql({ DB_READ_ENDPOINT: 'catalog-ro:3306', DB_SSL_MODE: 'required' }),
    );
    expect(options).toMatchObject({
      ssl: { rejectUnauthorized: false },
      replication: { slaves: [{ host: 'catalog-ro', port: 3306 }] },
    });
  });

  it.each([
    [{ DB_SSL_MODE: 'preferred' }, /^Invalid configuration: DB_SSL_MODE must be one of/],
    [
      { DB_SSL_CA: '/nowhere/ca.pem' },
      /^Invalid configuration: DB_SSL_CA cannot be read \(ENOENT\)/,
    ],
  ])('rejects %j naming the variable', (env, message) => {
    expect(() => mysql(env)).toThrow(message);
  });
});
