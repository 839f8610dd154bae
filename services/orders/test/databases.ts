import { randomBytes } from 'node:crypto';
import { createConnection } from 'mysql2/promise';
import { Client } from 'pg';

type Env = Record<string, string>;

const POSTGRES = { host: '127.0.0.1', port: 5432, user: 'postgres', password: '' };
const MYSQL = { host: '127.0.0.1', port: 3306, user: 'root', password: '' };

/** A database of its own for one test file, dropped afterwards. */
export interface ThrowawayDatabase {
  name: string;
  /** The server's port, for a proxy in front of it. */
  port: number;
  /** The service's variables for this database; `port` to go through a proxy. */
  env: (extra?: Env, port?: number) => Env;
  query: <T = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<T[]>;
  drop: () => Promise<void>;
}

const uniqueName = () => `orders_test_${randomBytes(4).toString('hex')}`;

export async function createPostgresDatabase(): Promise<ThrowawayDatabase> {
  const name = uniqueName();
  const admin = async <T>(work: (c: Client) => Promise<T>): Promise<T> => {
    const c = new Client({ ...POSTGRES, database: 'postgres' });
    await c.connect();
    try {
      return await work(c);
    } finally {
      await c.end();
    }
  };
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  return {
    name,
    port: POSTGRES.port,
    env: (extra = {}, port?: number) => ({
      SPRING_DATASOURCE_URL: `jdbc:postgresql://${POSTGRES.host}:${port ?? POSTGRES.port}/${name}`,
      SPRING_DATASOURCE_USERNAME: POSTGRES.user,
      ...extra,
    }),
    query: async <T>(sql: string, params: unknown[] = []) => {
      const c = new Client({ ...POSTGRES, database: name });
      await c.connect();
      try {
        // $1-style placeholders; the suites write `?` for both databases.
        let n = 0;
        return (
          await c.query(
            sql.replace(/\?/g, () => `$${++n}`),
            params,
          )
        ).rows as T[];
      } finally {
        await c.end();
      }
    },
    drop: () =>
      admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

export async function createMysqlDatabase(): Promise<ThrowawayDatabase> {
  const name = uniqueName();
  const admin = await createConnection(MYSQL);
  await admin.query(`CREATE DATABASE \`${name}\``);
  await admin.end();
  return {
    name,
    port: MYSQL.port,
    env: (extra = {}, port?: number) => ({
      SPRING_DATASOURCE_URL: `jdbc:mysql://${MYSQL.host}:${port ?? MYSQL.port}/${name}`,
      SPRING_DATASOURCE_USERNAME: MYSQL.user,
      ...extra,
    }),
    query: async <T>(sql: string, params: unknown[] = []) => {
      const c = await createConnection({ ...MYSQL, database: name });
      try {
        return (await c.query(sql, params))[0] as T[];
      } finally {
        await c.end();
      }
    },
    drop: async () => {
      const c = await createConnection(MYSQL);
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await c.end();
    },
  };
}
