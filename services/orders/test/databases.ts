import {
  createMysqlDatabase as createMysql,
  createPostgresDatabase as createPostgres,
  ordersDbEnv,
  type ThrowawayDatabase as Database,
} from '@retail/testing/backends';

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
