import type { TypeOrmModuleAsyncOptions } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { MysqlConfig } from '../../config/catalog.config';
import { CATALOG_MIGRATIONS } from './migrations';
import { ProductEntity, TagEntity } from './product.entity';

// Under compose or ECS the database may still be starting: retry at this pace for
// DB_STARTUP_RETRY_SECONDS, each failure logged by TypeOrmModule, then stop start-up.
const RETRY_DELAY_MS = 1000;

/** TypeOrmModule.forRootAsync's options for the catalog's MySQL/MariaDB (writer and optional reader). */
export function catalogTypeOrmOptions(db: MysqlConfig): TypeOrmModuleAsyncOptions {
  const where = `MySQL at ${db.writer.host}:${db.writer.port}/${db.database}`;
  const attempts = 1 + Math.floor(db.startupRetryMs / RETRY_DELAY_MS);
  let attempt = 0;
  return {
    useFactory: () => ({
      ...mysqlDataSourceOptions(db),
      retryAttempts: attempts,
      retryDelay: RETRY_DELAY_MS,
      verboseRetryLog: true,
    }),
    // A fresh DataSource per attempt, closed if it fails half-way (connected, migration failed),
    // so no pool leaks; the error names the database for the one line start-up ends with.
    dataSourceFactory: async (options) => {
      attempt += 1;
      const dataSource = new DataSource(options!);
      try {
        return await dataSource.initialize();
      } catch (error) {
        if (dataSource.isInitialized) await dataSource.destroy();
        throw new Error(
          `${where} not reachable (attempt ${attempt} of ${attempts}): ${reason(error)}`,
          {
            cause: error,
          },
        );
      }
    },
  };
}

/** What TypeORM and mysql2 are given: the unit tests check these, the MariaDB suites use them. */
export function mysqlDataSourceOptions(db: MysqlConfig) {
  const credentials = { username: db.user, password: db.password, database: db.database };
  return {
    type: 'mysql' as const,
    ...(db.reader
      ? {
          replication: {
            master: { ...db.writer, ...credentials },
            slaves: [{ ...db.reader, ...credentials }],
            // mysql2's pool cluster drops a node for good after a few errors by default; bring
            // the reader back a second after it failed so the service recovers by itself.
            restoreNodeTimeout: 1000,
          },
        }
      : { ...db.writer, ...credentials }),
    ssl: mysqlTls(db.tls),
    connectTimeout: db.connectTimeoutMs,
    entities: [ProductEntity, TagEntity],
    migrations: CATALOG_MIGRATIONS,
    migrationsRun: db.migrate,
    synchronize: false,
    logging: false,
    extra: { connectionLimit: 10 },
  };
}

/**
 * mysql2's `ssl`. Without TLS, a caching_sha2_password account (MySQL 8's default) still signs in:
 * mysql2 asks the server for its RSA key and sends the password encrypted with it.
 */
function mysqlTls(tls: MysqlConfig['tls']): MysqlTls | undefined {
  if (tls.mode === 'disabled') return undefined;
  if (tls.mode === 'required') return { rejectUnauthorized: false };
  // mysql2 checks the host name only when asked to (verifyIdentity).
  return { rejectUnauthorized: true, verifyIdentity: true, ...(tls.ca ? { ca: tls.ca } : {}) };
}

interface MysqlTls {
  rejectUnauthorized: boolean;
  verifyIdentity?: boolean;
  ca?: string;
}

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));
