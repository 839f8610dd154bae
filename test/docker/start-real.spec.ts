import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { describeWithServer, serverAvailable } from '@retail/testing';
import { connect } from 'amqplib';
import { createConnection } from 'mysql2/promise';
import { Client } from 'pg';
import { SERVICES, isPresent } from './support/tools';
import { buildError, freeOffset, get, root } from './support/processes';
import { Runner } from './support/runner';

const present = SERVICES.filter((s) => isPresent(root, s));
const has = (name: string) => present.some((s) => s.name === name);

// One throwaway database (MariaDB and PostgreSQL) and RabbitMQ exchange/queue per run, removed after.
const db = `retail_start_${process.pid}_${Date.now() % 1_000_000}`;
const exchange = `${db}-exchange`;
const queue = `${db}-queue`;

async function mysqlTables(): Promise<string[]> {
  const connection = await createConnection({ host: '127.0.0.1', user: 'root' });
  try {
    const [rows] = await connection.query(
      'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = ?',
      [db],
    );
    return (rows as { name: string }[]).map((r) => r.name);
  } finally {
    await connection.end();
  }
}

async function postgres<T>(database: string, work: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ host: '127.0.0.1', user: 'postgres', database });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describeWithServer('mysql', 'npm start -- --real', () => {
  beforeAll(() => {
    const failed = present.filter((s) => buildError(s.name)).map((s) => s.name);
    if (failed.length > 0) throw new Error(`these services do not build: ${failed.join(', ')}`);
  });

  afterAll(async () => {
    const connection = await createConnection({ host: '127.0.0.1', user: 'root' });
    await connection.query(`DROP DATABASE IF EXISTS \`${db}\``);
    await connection.end();
    if (serverAvailable('postgres')) {
      await postgres('postgres', (c) => c.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`));
    }
    if (serverAvailable('rabbitmq')) {
      const amqp = await connect('amqp://guest:guest@127.0.0.1:5672');
      const channel = await amqp.createChannel();
      await channel.deleteQueue(queue);
      await channel.deleteExchange(exchange);
      await amqp.close();
    }
  });

  it('runs the services on the local servers and a dynalite process, then stops them all', async () => {
    const offset = await freeOffset(SERVICES.map((s) => s.port));
    const runner = new Runner(['--real', '--db-name', db, '--port-offset', String(offset)], {
      ORDERS_RABBITMQ_EXCHANGE: exchange,
      ORDERS_RABBITMQ_QUEUE: queue,
    });
    await runner.waitFor(/services healthy/, 120_000);
    const table = runner.table();

    if (has('catalog')) {
      expect(table.get('catalog')?.backend).toBe(`mysql 127.0.0.1:3306/${db}`);
      // The catalog created and seeded its tables in the database the runner made for it.
      expect(await mysqlTables()).toEqual(expect.arrayContaining(['product', 'tag']));
      const tags = await get(8081 + offset, '/catalogue/tags');
      expect(JSON.parse(tags.body)).toHaveLength(4);
    }
    if (has('orders') && serverAvailable('postgres')) {
      const backend = table.get('orders')?.backend;
      expect(backend).toContain(`postgres 127.0.0.1:5432/${db}`);
      if (serverAvailable('rabbitmq')) expect(backend).toContain('+ rabbitmq 127.0.0.1:5672');
      const tables = await postgres(db, (c) =>
        c.query<{ tablename: string }>(
          "SELECT tablename FROM pg_tables WHERE schemaname = 'public'",
        ),
      );
      expect(tables.rowCount).toBeGreaterThan(0);
    }
    if (has('checkout') && serverAvailable('redis')) {
      expect(table.get('checkout')?.backend).toBe('redis 127.0.0.1:6379');
    }
    let dynalitePid: number | undefined;
    if (has('cart')) {
      const [, endpoint, pid] =
        /^dynalite (\S+) \(pid (\d+)/.exec(table.get('cart')?.backend ?? '') ?? [];
      expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      dynalitePid = Number(pid);
      // The cart created its table in the emulator at start-up.
      const dynamo = new DynamoDBClient({
        endpoint,
        region: 'us-west-2',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      });
      const { TableNames } = await dynamo.send(new ListTablesCommand({}));
      dynamo.destroy();
      expect(TableNames?.length).toBe(1);
    }

    runner.process.kill('SIGTERM');
    expect(await runner.exited(30_000)).toEqual({ code: 0, signal: null });
    // The emulator runs as a process of its own (not in the runner's thread) and stops with it.
    if (dynalitePid !== undefined) expect(() => process.kill(dynalitePid, 0)).toThrow();
  });
});
