// `npm start -- --real`: points each service at the local server it would use in production when
// that server answers on 127.0.0.1 (MariaDB/MySQL, PostgreSQL, Redis, RabbitMQ), and runs the
// DynamoDB emulator (dynalite) as a process of its own for the cart. A missing server leaves its
// service on the embedded default, with a note saying so.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

const require = createRequire(import.meta.url);

const SERVERS = { mysql: 3306, postgres: 5432, redis: 6379, rabbitmq: 5672 };

const answers = (port) =>
  new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port, timeout: 500 });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
  });

async function ensureMysqlDatabase(name) {
  const mysql = require('mysql2/promise');
  const connection = await mysql.createConnection({ host: '127.0.0.1', port: 3306, user: 'root' });
  try {
    await connection.query(`CREATE DATABASE IF NOT EXISTS \`${name}\``);
  } finally {
    await connection.end();
  }
}

async function ensurePostgresDatabase(name) {
  const { Client } = require('pg');
  const client = new Client({
    host: '127.0.0.1',
    port: 5432,
    user: 'postgres',
    database: 'postgres',
  });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount === 0) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

const freePort = async () => {
  const server = net.createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  server.close();
  await once(server, 'close');
  return port;
};

/**
 * dynalite (in memory) as a child process on a free loopback port: in the runner's own process
 * it shared one thread with every service's log lines, and the cart's requests queued behind
 * them under a shopper load. Resolves once it accepts connections; `close()` stops it.
 */
export async function startDynalite() {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      require.resolve('dynalite/cli.js'),
      ...['--host', '127.0.0.1', '--port', String(port)],
      // Tables become ACTIVE at once: the cart waits for its table at start-up.
      ...['--createTableMs', '0', '--deleteTableMs', '0', '--updateTableMs', '0'],
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const exited = once(child, 'exit');
  // Should the runner die without closing it, the emulator goes with it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const close = async () => {
    process.off('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  for (let waited = 0; !(await answers(port)); waited += 50) {
    if (child.exitCode !== null || waited > 10_000) {
      await close();
      throw new Error(`dynalite did not listen on 127.0.0.1:${port}`);
    }
    await sleep(50);
  }
  return { url: `http://127.0.0.1:${port}`, pid: child.pid, close };
}

/**
 * Prepares the backends of the services in `names` and returns, per service, the variables that
 * select them and a short description for the table; `close()` stops the emulator.
 * `dbName` names the MySQL and PostgreSQL databases, created when missing.
 */
export async function prepareRealBackends(names, dbName) {
  const up = {};
  await Promise.all(
    Object.entries(SERVERS).map(async ([server, port]) => {
      up[server] = await answers(port);
    }),
  );
  const env = {};
  const backend = {};
  const notes = [];
  const missing = (service, server) =>
    notes.push(`${service}: no ${server} on 127.0.0.1:${SERVERS[server]}, so it stays in memory`);
  let dynamo;

  if (names.includes('catalog')) {
    if (up.mysql) {
      await ensureMysqlDatabase(dbName);
      env.catalog = {
        DB_ENDPOINT: '127.0.0.1:3306',
        DB_USER: 'root',
        DB_PASSWORD: '',
        DB_NAME: dbName,
      };
      backend.catalog = `mysql 127.0.0.1:3306/${dbName}`;
    } else missing('catalog', 'mysql');
  }
  if (names.includes('orders')) {
    env.orders = {};
    const parts = [];
    if (up.postgres) {
      await ensurePostgresDatabase(dbName);
      Object.assign(env.orders, {
        SPRING_DATASOURCE_URL: `jdbc:postgresql://127.0.0.1:5432/${dbName}`,
        SPRING_DATASOURCE_USERNAME: 'postgres',
        SPRING_DATASOURCE_PASSWORD: '',
      });
      parts.push(`postgres 127.0.0.1:5432/${dbName}`);
    } else missing('orders', 'postgres');
    if (up.rabbitmq) {
      Object.assign(env.orders, {
        SPRING_PROFILES_ACTIVE: 'rabbitmq',
        SPRING_RABBITMQ_HOST: '127.0.0.1',
      });
      parts.push('rabbitmq 127.0.0.1:5672');
    } else {
      notes.push('orders: no rabbitmq on 127.0.0.1:5672, so order events are only logged');
    }
    if (parts.length > 0) backend.orders = parts.join(' + ');
  }
  if (names.includes('checkout')) {
    if (up.redis) {
      env.checkout = { REDIS_URL: 'redis://127.0.0.1:6379' };
      backend.checkout = 'redis 127.0.0.1:6379';
    } else missing('checkout', 'redis');
  }
  if (names.includes('cart')) {
    dynamo = await startDynalite();
    const { url } = dynamo;
    env.cart = {
      SPRING_PROFILES_ACTIVE: 'dynamodb',
      CARTS_DYNAMODB_ENDPOINT: url,
      CARTS_DYNAMODB_CREATETABLE: 'true',
      // The emulator accepts any key; the SDK refuses to sign without one.
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
    };
    backend.cart = `dynalite ${url} (pid ${dynamo.pid}, in memory)`;
  }

  return {
    env,
    backend,
    notes,
    close: async () => dynamo?.close(),
  };
}
