import { constants, generateKeyPairSync, privateDecrypt } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { authPlugins } from 'mysql2';
import { DataSource } from 'typeorm';
import { loadConfig, MysqlConfig } from '../../config/catalog.config';
import { catalogTypeOrmOptions, mysqlDataSourceOptions } from './typeorm.options';

const mysql = (env: Record<string, string> = {}) =>
  loadConfig({ DB_ENDPOINT: 'catalog-db:3306', DB_PASSWORD: 's3cret', ...env })
    .persistence as MysqlConfig;

/** The options mysql2's pool is given, as TypeORM's MySQL driver derives them (no connection made). */
function mysql2PoolOptions(db: MysqlConfig): {
  ssl?: unknown;
  password: string;
  authPlugins?: unknown;
} {
  const dataSource = new DataSource(mysqlDataSourceOptions(db));
  const driver = dataSource.driver as unknown as {
    options: object;
    createConnectionOptions(options: object, credentials: object): never;
  };
  return driver.createConnectionOptions(driver.options, driver.options);
}

/**
 * mysql2's caching_sha2_password client (MySQL 8's default plugin) answering a server that asks
 * for full authentication, as MySQL 8.0/8.4 does on a first sign-in: returns what the client sends.
 */
function fullAuthentication(config: object, serverKeyPem: string): Buffer[] {
  const sent: Buffer[] = [];
  const next = authPlugins.caching_sha2_password({})({ connection: { config } } as never);
  const scramble = Buffer.alloc(20, 7);
  sent.push(next(scramble) as Buffer);
  const answer = next(Buffer.from([4])) as Buffer; // "perform full authentication"
  sent.push(answer);
  if (answer.equals(Buffer.from([2]))) sent.push(next(Buffer.from(serverKeyPem)) as Buffer);
  return sent;
}

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
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const serverKey = publicKey.export({ type: 'spki', format: 'pem' }).toString();

  it('without TLS (the default) asks the server for its RSA key and never sends the password in clear', () => {
    const pool = mysql2PoolOptions(mysql());
    expect(pool.ssl).toBeUndefined();
    expect(pool.authPlugins).toBeUndefined();
    const [, request, encrypted] = fullAuthentication(pool, serverKey);
    expect(request).toEqual(Buffer.from([2]));
    expect(encrypted.includes(Buffer.from('s3cret'))).toBe(false);
    const plain = privateDecrypt(
      { key: privateKey, oaepHash: 'sha1', padding: constants.RSA_PKCS1_OAEP_PADDING },
      encrypted,
    );
    // The server XORs the decrypted bytes with the scramble to get the password back.
    const password = Buffer.from(plain.map((b) => b ^ 7)).toString('utf8', 0, 6);
    expect(password).toBe('s3cret');
  });

  it('with DB_SSL_MODE=required encrypts without checking the certificate, and signs in over TLS', () => {
    const pool = mysql2PoolOptions(mysql({ DB_SSL_MODE: 'REQUIRED' }));
    expect(pool.ssl).toEqual({ rejectUnauthorized: false });
    const [, overTls] = fullAuthentication(pool, serverKey);
    expect(overTls).toEqual(Buffer.from('s3cret\0'));
  });

  it('with DB_SSL_MODE=verify_identity checks the certificate against DB_SSL_CA and the host name', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'catalog-ca-'));
    const ca = path.join(dir, 'global-bundle.pem');
    writeFileSync(ca, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    const pool = mysql2PoolOptions(mysql({ DB_SSL_MODE: 'verify-identity', DB_SSL_CA: ca }));
    expect(pool.ssl).toEqual({
      rejectUnauthorized: true,
      verifyIdentity: true,
      ca: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
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
