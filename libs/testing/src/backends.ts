// dynalite ships no types: the reference brings our declaration into every project importing this.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- see above
/// <reference path="./types/dynalite.d.ts" />
import { constants, generateKeyPairSync, privateDecrypt, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { connect, type Channel, type ChannelModel } from 'amqplib';
import dynalite from 'dynalite';
import Redis from 'ioredis';
import { authPlugins } from 'mysql2';
import { createConnection } from 'mysql2/promise';
import { Client } from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';

// Throwaway resources on the servers every machine runs (DESIGN.md, last section), for the
// whole-store suites: each run gets its own database, exchange, queue, table and keys, and
// removes them afterwards. Imported as `@retail/testing/backends`, apart from the index, so only
// the suites that use them load the database drivers.
const MYSQL = { host: '127.0.0.1', port: 3306, user: 'root', password: '' };
const POSTGRES = { host: '127.0.0.1', port: 5432, user: 'postgres', password: '' };
export const REDIS_URL = 'redis://127.0.0.1:6379';
const AMQP_URL = 'amqp://guest:guest@127.0.0.1:5672';

export const uniqueSuffix = (): string => randomBytes(4).toString('hex');

export interface ThrowawayDatabase {
  name: string;
  query: <T = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<T[]>;
  drop: () => Promise<void>;
}

/** A MariaDB/MySQL database of this run's own on 127.0.0.1:3306. */
export async function createMysqlDatabase(prefix: string): Promise<ThrowawayDatabase> {
  const name = `${prefix}_${uniqueSuffix()}`;
  const admin = await createConnection(MYSQL);
  await admin.query(`CREATE DATABASE \`${name}\``);
  await admin.end();
  return {
    name,
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

/** The catalog's variables for `database` (the reference's DB_* names). */
export const catalogDbEnv = (database: string, port = MYSQL.port): Record<string, string> => ({
  DB_ENDPOINT: `${MYSQL.host}:${port}`,
  DB_USER: MYSQL.user,
  DB_PASSWORD: MYSQL.password,
  DB_NAME: database,
});

/** A PostgreSQL database of this run's own on 127.0.0.1:5432. */
export async function createPostgresDatabase(prefix: string): Promise<ThrowawayDatabase> {
  const name = `${prefix}_${uniqueSuffix()}`;
  const admin = async (sql: string) => {
    const c = new Client({ ...POSTGRES, database: 'postgres' });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  return {
    name,
    query: async <T>(sql: string, params: unknown[] = []) => {
      const c = new Client({ ...POSTGRES, database: name });
      await c.connect();
      try {
        return (await c.query(sql, params)).rows as T[];
      } finally {
        await c.end();
      }
    },
    drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/** Orders' variables for `database` (Spring's names), on PostgreSQL unless `kind` says MySQL. */
export const ordersDbEnv = (
  database: string,
  port?: number,
  kind: 'postgresql' | 'mysql' = 'postgresql',
): Record<string, string> => {
  const server = kind === 'mysql' ? MYSQL : POSTGRES;
  return {
    SPRING_DATASOURCE_URL: `jdbc:${kind}://${server.host}:${port ?? server.port}/${database}`,
    SPRING_DATASOURCE_USERNAME: server.user,
  };
};

/** A message as it arrived on the test queue. */
export interface ReceivedEvent {
  body: { order: { id: string; [key: string]: unknown } };
  properties: { contentType?: string; messageId?: string; headers?: Record<string, unknown> };
}

/**
 * An exchange and queue of this run's own: orders declares and binds them
 * (ORDERS_RABBITMQ_EXCHANGE/QUEUE), the test reads the queue, and close() deletes both, so the
 * shared orders-exchange is never touched.
 */
export interface EventQueue {
  env: (port?: number) => Record<string, string>;
  /** Every event on the queue, waiting until `orderIds` have all arrived or `timeoutMs` passed. */
  collect: (orderIds: string[], timeoutMs: number) => Promise<ReceivedEvent[]>;
  close: () => Promise<void>;
}

export async function createEventQueue(): Promise<EventQueue> {
  const suffix = uniqueSuffix();
  const exchange = `orders-exchange-test-${suffix}`;
  const queue = `orders-orders-queue-test-${suffix}`;
  const broker: ChannelModel = await connect(AMQP_URL);
  const channel: Channel = await broker.createChannel();
  const received: ReceivedEvent[] = [];
  return {
    env: (port = 5672) => ({
      SPRING_PROFILES_ACTIVE: 'rabbitmq',
      SPRING_RABBITMQ_HOST: '127.0.0.1',
      SPRING_RABBITMQ_PORT: String(port),
      ORDERS_RABBITMQ_EXCHANGE: exchange,
      ORDERS_RABBITMQ_QUEUE: queue,
    }),
    collect: async (orderIds, timeoutMs) => {
      const deadline = Date.now() + timeoutMs;
      const missing = () => orderIds.filter((id) => !received.some((e) => e.body.order.id === id));
      while (Date.now() < deadline) {
        const message = await channel.get(queue, { noAck: true });
        if (message) {
          received.push({
            body: JSON.parse(message.content.toString()) as ReceivedEvent['body'],
            properties: message.properties,
          });
        } else if (missing().length === 0) {
          break;
        } else {
          await new Promise((r) => setTimeout(r, 50));
        }
      }
      return [...received];
    },
    close: async () => {
      await channel.deleteQueue(queue);
      await channel.deleteExchange(exchange);
      await broker.close();
    },
  };
}

/** A real DynamoDB emulator (dynalite, in memory) in this process, on a loopback port. */
export interface Dynalite {
  endpoint: string;
  port: number;
  close(): Promise<void>;
}

/** DynamoDB for the cart on `port` (0: any free one), e.g. again on the port a test stopped. */
export async function startDynalite(port = 0): Promise<Dynalite> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  server.listen(port, '127.0.0.1');
  await once(server, 'listening');
  const bound = (server.address() as AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${bound}`,
    port: bound,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

/** The cart's variables for a DynamoDB endpoint, with dummy keys the emulator accepts. */
export const cartDbEnv = (endpoint: string, table: string): Record<string, string> => ({
  SPRING_PROFILES_ACTIVE: 'dynamodb',
  CARTS_DYNAMODB_ENDPOINT: endpoint,
  CARTS_DYNAMODB_TABLENAME: table,
  CARTS_DYNAMODB_CREATETABLE: 'true',
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  AWS_REGION: 'us-west-2',
});

/** A client of the shared Redis, for checks on checkout's keys and for removing them. */
export const redisClient = (): Redis =>
  new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });

/** How a MySQL 8 sign-in went: the way the password travelled and what the server recovers. */
export interface Mysql8SignIn {
  /** `tls`: sent as is inside TLS; `rsa`: encrypted with the server's public key it asked for. */
  via: 'tls' | 'rsa';
  /** The TLS options mysql2 was given (undefined: a plain TCP connection). */
  ssl: unknown;
  /** What reached the server, with its RSA key where one was used. */
  password: string;
  /** Whether the bytes on the wire hold the password as is. */
  sentInClear: boolean;
}

/**
 * Replays what mysql2's caching_sha2_password client (the default plugin of MySQL 8.0/8.4 and RDS)
 * sends, with the pool options TypeORM derives from `options`, to a server asking for full
 * authentication (a first sign-in): no MySQL 8 server runs here, and MariaDB lacks the plugin.
 */
export function mysql8SignIn(options: DataSourceOptions): Mysql8SignIn {
  const driver = new DataSource(options).driver as unknown as {
    options: object;
    createConnectionOptions(
      options: object,
      credentials: object,
    ): { ssl?: unknown; password: string };
  };
  const config = driver.createConnectionOptions(driver.options, driver.options);
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const next = authPlugins.caching_sha2_password({})({ connection: { config } } as never);
  const scramble = randomBytes(20);
  void next(scramble); // the fast-path token, which this server turns down
  const answer = next(Buffer.from([4])) as Buffer; // 4: "perform full authentication"
  if (!answer.equals(Buffer.from([2]))) {
    // Not a request for the server's key: the password itself, NUL-terminated.
    return {
      via: 'tls',
      ssl: config.ssl,
      password: answer.toString('utf8', 0, answer.length - 1),
      sentInClear: true,
    };
  }
  const encrypted = next(Buffer.from(publicKey.export({ type: 'spki', format: 'pem' }))) as Buffer;
  const xored = privateDecrypt(
    { key: privateKey, oaepHash: 'sha1', padding: constants.RSA_PKCS1_OAEP_PADDING },
    encrypted,
  );
  const plain = Buffer.from(xored.map((b, i) => b ^ scramble[i % scramble.length]));
  return {
    via: 'rsa',
    ssl: config.ssl,
    password: plain.toString('utf8', 0, plain.length - 1),
    sentInClear: encrypted.includes(Buffer.from(config.password)),
  };
}
