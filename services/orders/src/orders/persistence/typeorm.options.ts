import { Logger } from '@nestjs/common';
import type { TypeOrmModuleAsyncOptions } from '@nestjs/typeorm';
import { DataSource, DataSourceOptions } from 'typeorm';
import type { SqlConfig } from '../../config/orders.config';
import { ORDERS_MIGRATIONS } from './migrations';
import { OrderEntity, OrderItemEntity, OutboxEntity } from './order.entity';

// Under compose or ECS the database may still be starting: retry at this pace for
// DB_STARTUP_RETRY_SECONDS, each failure logged by TypeOrmModule, then stop start-up.
const RETRY_DELAY_MS = 1000;
// What each driver says when asked for TLS by a server without it; "prefer" then goes plain.
const NO_TLS_ON_SERVER = /does not support (SSL|secure connection)/i;

/** TypeOrmModule.forRootAsync's options for the orders database (PostgreSQL or MySQL/MariaDB). */
export function ordersTypeOrmOptions(db: SqlConfig): TypeOrmModuleAsyncOptions {
  const where = `${db.kind === 'postgres' ? 'PostgreSQL' : 'MySQL'} at ${db.host}:${db.port}/${db.database}`;
  const attempts = 1 + Math.floor(db.startupRetryMs / RETRY_DELAY_MS);
  let attempt = 0;
  let tls = db.ssl !== 'disable';
  return {
    useFactory: () => ({
      ...sqlDataSourceOptions(db, tls),
      retryAttempts: attempts,
      retryDelay: RETRY_DELAY_MS,
      verboseRetryLog: true,
    }),
    // Options are rebuilt on each attempt, as sslmode=prefer may have dropped TLS; the error
    // names the database for the one line start-up ends with.
    dataSourceFactory: async () => {
      attempt += 1;
      try {
        const dataSource = await initialize(sqlDataSourceOptions(db, tls)).catch((error) => {
          if (!(db.ssl === 'prefer' && tls && NO_TLS_ON_SERVER.test(String(error)))) throw error;
          tls = false;
          return initialize(sqlDataSourceOptions(db, tls));
        });
        new Logger('TypeOrmModule').log(
          `connected to ${where} (TLS ${tls ? 'on' : 'off'}), schema migrated`,
        );
        return dataSource;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`${where} not reachable (attempt ${attempt} of ${attempts}): ${reason}`, {
          cause: error,
        });
      }
    },
  };
}

/** What TypeORM and the driver are given, with or without TLS. */
export function sqlDataSourceOptions(db: SqlConfig, tls: boolean): DataSourceOptions {
  const ca = db.ca ? { ca: db.ca } : {};
  const verify = db.ssl === 'verify-full';
  const common = {
    host: db.host,
    port: db.port,
    username: db.user,
    password: db.password,
    database: db.database,
    entities: [OrderEntity, OrderItemEntity, OutboxEntity],
    migrations: ORDERS_MIGRATIONS[db.kind],
    migrationsRun: true,
    migrationsTableName: 'orders_migrations',
    synchronize: false,
    logging: false,
    poolSize: db.poolSize,
  };
  return db.kind === 'postgres'
    ? {
        type: 'postgres',
        ...common,
        ssl: tls ? { rejectUnauthorized: verify, ...ca } : false,
        connectTimeoutMS: db.connectTimeoutMs,
        applicationName: 'orders',
      }
    : {
        type: 'mysql',
        ...common,
        // mysql2 checks the host name only when asked to (verifyIdentity). Without TLS, a
        // caching_sha2_password account (MySQL 8's default) signs in with the server's RSA key.
        ssl: tls ? { rejectUnauthorized: verify, verifyIdentity: verify, ...ca } : undefined,
        connectTimeout: db.connectTimeoutMs,
        charset: 'utf8mb4_unicode_ci',
      };
}

/** A fresh DataSource per attempt, closed if it fails half-way (connected, migration failed). */
async function initialize(options: DataSourceOptions): Promise<DataSource> {
  const dataSource = new DataSource(options);
  try {
    return await dataSource.initialize();
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    throw error;
  }
}
