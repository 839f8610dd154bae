import type { DataSource } from 'typeorm';
import type { Outbox } from '../../events/outbox';
import type { OrdersRepository } from './orders.repository';

/**
 * Orders and their outbox in PostgreSQL or MySQL. Built by `openSqlStore` (typeorm-sql-store.ts),
 * which is imported only when a database is configured, so the in-memory default never loads
 * TypeORM or a driver.
 */
export interface SqlStore {
  orders: OrdersRepository;
  outbox: Outbox;
  /** What the health endpoints ping. */
  dataSource: DataSource;
  close(): Promise<void>;
}

export const SQL_STORE = Symbol('SQL_STORE');
