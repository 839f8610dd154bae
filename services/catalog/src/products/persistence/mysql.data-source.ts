import { AppLogger, retryWithBackoff } from '@retail/service-kit';
import { DataSource, DataSourceOptions } from 'typeorm';
import type { MysqlConfig } from '../../config/catalog.config';
import { CATALOG_MIGRATIONS } from './migrations';
import { ProductEntity, TagEntity } from './product.entity';

export function mysqlDataSourceOptions(cfg: MysqlConfig): DataSourceOptions {
  const credentials = { username: cfg.user, password: cfg.password, database: cfg.database };
  return {
    type: 'mysql',
    ...(cfg.reader
      ? {
          replication: {
            master: { ...cfg.writer, ...credentials },
            slaves: [{ ...cfg.reader, ...credentials }],
            // mysql2's pool cluster drops a node for good after a few errors by default; bring
            // the reader back a second after it failed so the service recovers by itself.
            restoreNodeTimeout: 1000,
          },
        }
      : { ...cfg.writer, ...credentials }),
    connectTimeout: cfg.connectTimeoutMs,
    entities: [ProductEntity, TagEntity],
    migrations: CATALOG_MIGRATIONS,
    migrationsRun: cfg.migrate,
    synchronize: false,
    logging: false,
    extra: { connectionLimit: 10 },
  };
}

/**
 * Connects (and migrates, when DB_MIGRATE) with bounded, logged retries: under compose or ECS the
 * database may still be starting. Each attempt is a fresh DataSource so no half-open pool leaks.
 */
export async function connectMysql(cfg: MysqlConfig, logger: AppLogger): Promise<DataSource> {
  const where = `MySQL at ${cfg.writer.host}:${cfg.writer.port}/${cfg.database}`;
  return retryWithBackoff(
    async () => {
      const dataSource = new DataSource(mysqlDataSourceOptions(cfg));
      try {
        return await dataSource.initialize();
      } catch (error) {
        if (dataSource.isInitialized) await dataSource.destroy();
        throw error;
      }
    },
    {
      what: where,
      maxDurationMs: cfg.startupRetryMs,
      onRetry: (attempt, delayMs, error) =>
        logger.warn({ attempt, delayMs, reason: String(error) }, `waiting for ${where}`),
    },
  );
}

/** Round trips to the writer and, when configured, the reader: what readiness reports. */
export async function pingMysql(dataSource: DataSource, mode: 'master' | 'slave'): Promise<void> {
  const runner = dataSource.createQueryRunner(mode);
  try {
    await runner.query('SELECT 1');
  } finally {
    await runner.release();
  }
}
