import { AppLogger, retryWithBackoff } from '@retail/service-kit';
import { DataSource, DataSourceOptions } from 'typeorm';
import type { SqlConfig } from '../../config/orders.config';
import { ORDERS_MIGRATIONS } from './migrations';
import { OrderEntity, OrderItemEntity, OutboxEntity } from './order.entity';
import type { SqlStore } from './sql-store';
import { TypeOrmOrdersRepository, TypeOrmOutbox } from './typeorm-orders.repository';

// What each driver says when asked for TLS by a server without it; "prefer" then goes plain.
const NO_TLS_ON_SERVER = /does not support (SSL|secure connection)/i;

function sqlDataSourceOptions(cfg: SqlConfig, tls: boolean): DataSourceOptions {
  const ssl = tls ? { rejectUnauthorized: cfg.ssl === 'verify-full' } : false;
  const common = {
    host: cfg.host,
    port: cfg.port,
    username: cfg.user,
    password: cfg.password,
    database: cfg.database,
    entities: [OrderEntity, OrderItemEntity, OutboxEntity],
    migrations: ORDERS_MIGRATIONS[cfg.kind],
    migrationsRun: true,
    migrationsTableName: 'orders_migrations',
    synchronize: false,
    logging: false,
    poolSize: cfg.poolSize,
  };
  return cfg.kind === 'postgres'
    ? {
        type: 'postgres',
        ...common,
        ssl,
        connectTimeoutMS: cfg.connectTimeoutMs,
        applicationName: 'orders',
      }
    : {
        type: 'mysql',
        ...common,
        ssl: ssl || undefined,
        connectTimeout: cfg.connectTimeoutMs,
        charset: 'utf8mb4_unicode_ci',
      };
}

/**
 * Connects and migrates with bounded, logged retries: under compose or ECS the database may still
 * be starting. Each attempt is a fresh DataSource so no half-open pool leaks.
 */
export async function openSqlStore(cfg: SqlConfig, logger: AppLogger): Promise<SqlStore> {
  const where = `${cfg.kind === 'postgres' ? 'PostgreSQL' : 'MySQL'} at ${cfg.host}:${cfg.port}/${cfg.database}`;
  let tls = cfg.ssl !== 'disable';
  const dataSource = await retryWithBackoff(
    async () => {
      try {
        return await initialize(sqlDataSourceOptions(cfg, tls));
      } catch (error) {
        if (!(cfg.ssl === 'prefer' && tls && NO_TLS_ON_SERVER.test(String(error)))) throw error;
        tls = false;
        return initialize(sqlDataSourceOptions(cfg, tls));
      }
    },
    {
      what: where,
      maxDurationMs: cfg.startupRetryMs,
      onRetry: (attempt, delayMs, error) =>
        logger.warn({ attempt, delayMs, reason: String(error) }, `waiting for ${where}`),
    },
  );
  logger.info({ tls }, `connected to ${where}, schema migrated`);
  return {
    orders: new TypeOrmOrdersRepository(dataSource),
    outbox: new TypeOrmOutbox(dataSource),
    dataSource,
    close: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}

async function initialize(options: DataSourceOptions): Promise<DataSource> {
  const dataSource = new DataSource(options);
  try {
    return await dataSource.initialize();
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    throw error;
  }
}
