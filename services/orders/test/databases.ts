import { ConsoleLogger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  createMysqlDatabase as createMysql,
  createPostgresDatabase as createPostgres,
  ordersDbEnv,
  type ThrowawayDatabase as Database,
} from '@retail/testing/backends';
import { loadConfig } from '../src/config/orders.config';
import { Outbox } from '../src/events/outbox';
import { OrdersPersistenceModule } from '../src/orders/persistence/orders-persistence.module';
import { OrdersRepository } from '../src/orders/persistence/orders.repository';

type Env = Record<string, string>;

/** A database of its own for one test file, dropped afterwards, with the orders service's variables. */
export interface ThrowawayDatabase extends Database {
  /** The server's port, for a proxy in front of it. */
  port: number;
  /** The service's variables for this database; `port` to go through a proxy. */
  env: (extra?: Env, port?: number) => Env;
}

export async function createPostgresDatabase(): Promise<ThrowawayDatabase> {
  const db = await createPostgres('orders_test');
  return {
    ...db,
    port: 5432,
    env: (extra = {}, port?: number) => ({ ...ordersDbEnv(db.name, port), ...extra }),
    // PostgreSQL numbers its parameters ($1, $2…); the suites write `?` for both databases.
    query: (sql, params) => {
      let n = 0;
      return db.query(
        sql.replace(/\?/g, () => `$${++n}`),
        params,
      );
    },
  };
}

export async function createMysqlDatabase(): Promise<ThrowawayDatabase> {
  const db = await createMysql('orders_test');
  return {
    ...db,
    port: 3306,
    env: (extra = {}, port?: number) => ({ ...ordersDbEnv(db.name, port, 'mysql'), ...extra }),
  };
}

/** The orders store as the service builds it (@nestjs/typeorm and the persistence module), on its own. */
export interface OrdersStore {
  orders: OrdersRepository;
  outbox: Outbox;
  close: () => Promise<void>;
}

export async function openOrdersStore(env: Env): Promise<OrdersStore> {
  const cfg = loadConfig({ LOG_LEVEL: 'silent', ...env });
  if (cfg.persistence.kind === 'in-memory') throw new Error('openOrdersStore needs a database');
  const moduleRef = await Test.createTestingModule({
    imports: [OrdersPersistenceModule.forConfig(cfg)],
  })
    .setLogger(new ConsoleLogger({ logLevels: [] }))
    .compile();
  return {
    orders: moduleRef.get(OrdersRepository),
    outbox: moduleRef.get(Outbox),
    close: () => moduleRef.close(),
  };
}
