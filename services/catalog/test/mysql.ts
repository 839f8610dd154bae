import { randomBytes } from 'node:crypto';
import { createConnection } from 'mysql2/promise';

export const MYSQL = { host: '127.0.0.1', port: 3306, user: 'root', password: '' };

/** A database of its own for one test file, dropped afterwards. */
export async function createThrowawayDatabase(): Promise<{
  name: string;
  drop: () => Promise<void>;
}> {
  const name = `catalog_test_${randomBytes(4).toString('hex')}`;
  const admin = await createConnection(MYSQL);
  await admin.query(`CREATE DATABASE \`${name}\``);
  await admin.end();
  return {
    name,
    drop: async () => {
      const c = await createConnection(MYSQL);
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await c.end();
    },
  };
}

export async function countRows(database: string): Promise<Record<string, number>> {
  const c = await createConnection({ ...MYSQL, database });
  const counts: Record<string, number> = {};
  for (const table of ['product', 'tag', 'product_tag']) {
    const [rows] = await c.query(`SELECT COUNT(*) AS n FROM ${table}`);
    counts[table] = Number((rows as Array<{ n: number }>)[0].n);
  }
  await c.end();
  return counts;
}

export const mysqlEnv = (database: string, extra: Record<string, string> = {}) => ({
  DB_ENDPOINT: `${MYSQL.host}:${MYSQL.port}`,
  DB_USER: MYSQL.user,
  DB_PASSWORD: MYSQL.password,
  DB_NAME: database,
  ...extra,
});
