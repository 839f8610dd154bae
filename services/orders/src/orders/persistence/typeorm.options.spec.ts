import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { mysql8SignIn } from '@retail/testing/backends';
import { loadConfig, SqlConfig } from '../../config/orders.config';
import { ordersTypeOrmOptions, sqlDataSourceOptions } from './typeorm.options';

const sql = (url: string, env: Record<string, string> = {}) =>
  loadConfig({
    SPRING_DATASOURCE_URL: url,
    SPRING_DATASOURCE_USERNAME: 'orders',
    SPRING_DATASOURCE_PASSWORD: 's3cret',
    ...env,
  }).persistence as SqlConfig;
const caFile = () => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'orders-ca-')), 'global-bundle.pem');
  writeFileSync(file, PEM);
  return file;
};
const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

describe(ordersTypeOrmOptions.name, () => {
  it('retries once a second for DB_STARTUP_RETRY_SECONDS, runs the migrations, never synchronizes', async () => {
    const options = await ordersTypeOrmOptions(
      sql('jdbc:postgresql://db/orders', { DB_STARTUP_RETRY_SECONDS: '30' }),
    ).useFactory!();
    expect(options).toMatchObject({
      retryAttempts: 31,
      retryDelay: 1000,
      verboseRetryLog: true,
      migrationsRun: true,
      synchronize: false,
      migrationsTableName: 'orders_migrations',
    });
  });

  it.each([
    ['sslmode=disable', false],
    ['sslmode=require', { rejectUnauthorized: false }],
  ])('gives PostgreSQL the TLS of %s', (query, ssl) => {
    const db = sql(`jdbc:postgresql://db/orders?${query}`);
    expect(sqlDataSourceOptions(db, db.ssl !== 'disable')).toMatchObject({ ssl });
  });

  it('checks the PostgreSQL certificate against DB_SSL_CA under sslmode=verify-full', () => {
    const db = sql('jdbc:postgresql://db/orders?sslmode=verify-full', { DB_SSL_CA: caFile() });
    expect(sqlDataSourceOptions(db, true)).toMatchObject({
      ssl: { rejectUnauthorized: true, ca: PEM },
    });
  });
});

describe('MySQL 8 sign-in (caching_sha2_password)', () => {
  const signIn = (query: string, env: Record<string, string> = {}) => {
    const db = sql(`jdbc:mysql://orders-db:3306/orders?${query}`, env);
    return mysql8SignIn(sqlDataSourceOptions(db, db.ssl !== 'disable'));
  };

  it('with sslMode=DISABLED sends the password encrypted with the server key, never in clear', () => {
    expect(signIn('sslMode=DISABLED')).toEqual({
      via: 'rsa',
      ssl: undefined,
      password: 's3cret',
      sentInClear: false,
    });
  });

  it.each(['sslMode=PREFERRED', 'sslMode=REQUIRED'])(
    'with %s sends it inside TLS without checking the certificate',
    (query) => {
      expect(signIn(query)).toMatchObject({
        via: 'tls',
        ssl: { rejectUnauthorized: false, verifyIdentity: false },
        password: 's3cret',
      });
    },
  );

  it('with sslMode=VERIFY_IDENTITY checks the certificate against DB_SSL_CA and the host name', () => {
    expect(signIn('sslMode=VERIFY_IDENTITY', { DB_SSL_CA: caFile() })).toMatchObject({
      via: 'tls',
      ssl: { rejectUnauthorized: true, verifyIdentity: true, ca: PEM },
    });
  });

  it('rejects an unreadable DB_SSL_CA naming it', () => {
    expect(() => sql('jdbc:mysql://db/orders', { DB_SSL_CA: '/nowhere/ca.pem' })).toThrow(
      /^Invalid configuration: DB_SSL_CA cannot be read \(ENOENT\)/,
    );
  });
});
