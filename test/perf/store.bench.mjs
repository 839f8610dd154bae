#!/usr/bin/env node
// The whole store under a shopper's load (not a jest test): the six built services as processes,
// wired like `npm start`, then
//  1. the reference load generator's flow at a fixed arrival rate for a fixed time: each shopper
//     opens home, the catalog and every product page, adds one product to the cart, views the
//     cart and goes through the four checkout steps to the confirmation (15 requests, cookies
//     kept);
//  2. the ECS workshop's own load step, `hey -z 60s -c 5 -q 40 <ui>/home` (5 workers at 40 req/s
//     each), with autocannon at the same connections and rate when hey is missing.
// Prints markdown: req/s, p50/p99 and errors per step and for the hey run, the orders stored
// against the confirmations, the CPU each process used during the shopper flow (where the time
// goes), RSS of every service after the load, and each one's start-up time.
//
//   node test/perf/store.bench.mjs [--backends memory|real] [--rate 5] [--duration 60]
//        [--hey-duration 60] [--no-build] [--profile <service>] [--npm-start]
//
// --npm-start runs the store through `npm start` itself (tools/start.mjs, with --real for
// --backends real) instead of starting the services here with LOG_LEVEL=warn: the services log
// every request as `npm start` leaves them to, and the runner relays and formats those lines.
// --profile runs that service under `node --cpu-prof` and prints its self time by package
// during the shopper flow.
//
// --backends real runs catalog on MariaDB, orders on PostgreSQL (throwaway databases, dropped at
// the end) with events to RabbitMQ (an exchange and queue of the run's own, deleted at the end),
// checkout on Redis (its keys expire; each shopper's is deleted by its confirmation) and cart on
// dynalite in a process of its own, as `npm start -- --real` runs it. The UI listens on 8888 when that port is free (the workshop's URL),
// else on a free port. Every phase is bounded; a watchdog kills the children if anything hangs.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { Agent, request } from 'undici';
import {
  cpuMs,
  freePort,
  root,
  rssMb,
  serviceArgs,
  serviceEnv,
  storeFlags,
  startProcess,
  stop,
} from './lib.mjs';
import { endpointsFor, serviceByName, SERVICES } from '../../tools/services.mjs';
import { startDynalite } from '../../tools/start/real-backends.mjs';
import { monotonicUs, printProfile, summariseProfile } from './cpu-profile.mjs';

const { values: opts } = parseArgs({
  options: {
    backends: { type: 'string', default: 'memory' },
    rate: { type: 'string', default: '5' },
    duration: { type: 'string', default: '60' },
    'hey-duration': { type: 'string', default: '60' },
    'no-build': { type: 'boolean', default: false },
    profile: { type: 'string' },
    'npm-start': { type: 'boolean', default: false },
  },
});
const rate = Number(opts.rate);
const duration = Number(opts.duration);
const heyDuration = Number(opts['hey-duration']);
if (
  !['memory', 'real'].includes(opts.backends) ||
  !(rate > 0) ||
  !(duration > 0) ||
  (opts['npm-start'] && opts.profile)
) {
  console.error(
    'usage: store.bench.mjs [--backends memory|real] [--rate N] [--duration S] [--profile <service> | --npm-start]',
  );
  process.exit(2);
}

const profileDir = mkdtempSync(path.join(tmpdir(), 'retail-store-profile-'));
const children = new Set();
const cleanups = [];
const watchdog = setTimeout(
  () => {
    console.error('store benchmark did not finish in time; stopping');
    for (const child of children) child.kill('SIGKILL');
    process.exit(2);
  },
  (duration + heyDuration + 300) * 1000,
);
watchdog.unref();

const NAMES = SERVICES.map((s) => s.name);
const PRODUCTS = [
  '510a0d7e-8e83-4193-b483-e27e09ddc34d',
  '6d62d909-f957-430e-8689-b5129c0bb75e',
  '808a2de1-1aaa-4c25-a9b9-6612e8f29a38',
  'a0a4f044-b040-410d-8ead-4de0446aec7e',
  'ee3715be-b4ba-11ea-b3de-0242ac130004',
  'f4ebd070-b4ba-11ea-b3de-0242ac130004',
];

/** Where each service serves its Prometheus metrics (`metricsPath` in its definition file). */
const METRICS_PATHS = {
  catalog: '/metrics',
  cart: '/actuator/prometheus',
  orders: '/actuator/prometheus',
  assets: '/metrics',
  checkout: '/metrics',
  ui: '/actuator/prometheus',
};

const portFree = (port) =>
  new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

/**
 * The run's own database name (MariaDB and PostgreSQL), RabbitMQ exchange and queue, all removed
 * at the end; `create` makes the databases (npm start makes them itself).
 */
async function throwawayBackends(create) {
  const { createRequire } = await import('node:module');
  const require = createRequire(import.meta.url);
  const suffix = randomBytes(4).toString('hex');
  const database = `store_bench_${suffix}`;

  const mysql = require('mysql2/promise');
  if (create) {
    const admin = await mysql.createConnection({ host: '127.0.0.1', user: 'root' });
    await admin.query(`CREATE DATABASE \`${database}\``);
    await admin.end();
  }
  cleanups.push(async () => {
    const c = await mysql.createConnection({ host: '127.0.0.1', user: 'root' });
    await c.query(`DROP DATABASE IF EXISTS \`${database}\``);
    await c.end();
  });

  const { Client } = require('pg');
  const pgAdmin = async (sql) => {
    const c = new Client({ host: '127.0.0.1', user: 'postgres', database: 'postgres' });
    await c.connect();
    await c.query(sql);
    await c.end();
  };
  if (create) await pgAdmin(`CREATE DATABASE ${database}`);
  cleanups.push(() => pgAdmin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));

  const exchange = `orders-exchange-bench-${suffix}`;
  const queue = `orders-orders-queue-bench-${suffix}`;
  cleanups.push(async () => {
    const amqp = require('amqplib');
    const broker = await amqp.connect('amqp://guest:guest@127.0.0.1:5672');
    const channel = await broker.createChannel();
    await channel.deleteQueue(queue);
    await channel.deleteExchange(exchange);
    await broker.close();
  });
  return { suffix, database, exchange, queue };
}

/** The backends' variables per service for --backends real, and what to remove afterwards. */
async function realBackends() {
  const { suffix, database, exchange, queue } = await throwawayBackends(true);
  const dynamo = await startDynalite();
  cleanups.push(dynamo.close);

  return {
    description: `catalog on MariaDB, orders on PostgreSQL with events to RabbitMQ, checkout on Redis, cart on dynalite (a process of its own)`,
    processes: { dynalite: dynamo.pid },
    env: {
      catalog: { DB_ENDPOINT: '127.0.0.1:3306', DB_USER: 'root', DB_NAME: database },
      orders: {
        SPRING_DATASOURCE_URL: `jdbc:postgresql://127.0.0.1:5432/${database}`,
        SPRING_DATASOURCE_USERNAME: 'postgres',
        SPRING_PROFILES_ACTIVE: 'rabbitmq',
        SPRING_RABBITMQ_HOST: '127.0.0.1',
        ORDERS_RABBITMQ_EXCHANGE: exchange,
        ORDERS_RABBITMQ_QUEUE: queue,
      },
      checkout: { REDIS_URL: 'redis://127.0.0.1:6379' },
      cart: {
        SPRING_PROFILES_ACTIVE: 'dynamodb',
        CARTS_DYNAMODB_ENDPOINT: dynamo.url,
        CARTS_DYNAMODB_TABLENAME: `carts-bench-${suffix}`,
        CARTS_DYNAMODB_CREATETABLE: 'true',
        AWS_ACCESS_KEY_ID: 'bench',
        AWS_SECRET_ACCESS_KEY: 'bench',
        AWS_REGION: 'us-west-2',
      },
    },
  };
}

/**
 * The store as `npm start [--real]` runs it (tools/start.mjs: services at the log level it
 * leaves them, their log lines relayed and formatted by the runner), on ports moved by a free
 * offset; each service's pid and start-up time come from the runner's table.
 */
async function startWithRunner() {
  const base = SERVICES.map((s) => s.port);
  let offset;
  for (let tries = 0; offset === undefined && tries < 50; tries++) {
    const candidate = 20_000 + Math.floor(Math.random() * 30_000);
    const free = await Promise.all(base.map((port) => portFree(port + candidate)));
    if (free.every(Boolean)) offset = candidate;
  }
  if (offset === undefined) throw new Error('no free port offset for npm start');
  const args = ['tools/start.mjs', '--port-offset', String(offset)];
  const env = { ...process.env, NO_COLOR: '1' };
  let description = 'npm start: every service on its embedded default (in memory)';
  if (opts.backends === 'real') {
    const { database, exchange, queue } = await throwawayBackends(false);
    args.push('--real', '--db-name', database);
    Object.assign(env, { ORDERS_RABBITMQ_EXCHANGE: exchange, ORDERS_RABBITMQ_QUEUE: queue });
    description = `npm start --real: catalog on MariaDB, orders on PostgreSQL with events to RabbitMQ, checkout on Redis, cart on dynalite (a process of its own)`;
  }
  const runner = spawn(process.execPath, args, {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.add(runner);
  let out = '';
  runner.stdout.on('data', (d) => (out += d));
  const deadline = Date.now() + 180_000;
  while (!/services healthy/.test(out)) {
    if (runner.exitCode !== null || Date.now() > deadline) {
      throw new Error(`npm start did not get healthy:\n${out.slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const store = {};
  for (const name of NAMES) {
    const row = new RegExp(
      `\\b${name}\\s+http://localhost:(\\d+)\\s.*\\s(\\d+)\\s+healthy in ([\\d.]+) s`,
    );
    const [, port, pid, seconds] = row.exec(out) ?? [];
    if (!pid) throw new Error(`no row for ${name} in npm start's table:\n${out.slice(-3000)}`);
    store[name] = {
      url: `http://127.0.0.1:${port}`,
      pid: Number(pid),
      startMs: Number(seconds) * 1000,
    };
  }
  const dynalite = /dynalite \S+ \(pid (\d+)/.exec(out)?.[1];
  const processes = {
    'npm start (runner)': runner.pid,
    ...(dynalite ? { dynalite: Number(dynalite) } : {}),
  };
  return { store, runner, description, processes };
}

async function startStore(backendEnv) {
  if (!opts['no-build']) {
    for (const name of NAMES) {
      execFileSync(process.execPath, ['tools/build.mjs', name], { cwd: root, stdio: 'ignore' });
    }
  }
  const ports = {};
  for (const name of NAMES) ports[name] = await freePort();
  if (await portFree(8888)) ports.ui = 8888;
  const url = (name) => `http://127.0.0.1:${ports[name]}`;
  // All at once, as `npm start` starts them: each start-up time includes the others' competition.
  const started = await Promise.all(
    NAMES.map((name) =>
      startProcess(
        name === opts.profile
          ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, ...serviceArgs(name)]
          : serviceArgs(name),
        {
          ...serviceEnv(),
          ...endpointsFor(serviceByName(name), SERVICES, (callee) => url(callee.name)),
          ...backendEnv[name],
        },
        ports[name],
        serviceByName(name).health,
        90_000,
      ),
    ),
  );
  const store = {};
  NAMES.forEach((name, i) => {
    children.add(started[i].child);
    store[name] = { url: url(name), pid: started[i].child.pid, ...started[i] };
  });
  return store;
}

/** One shopper's visit; returns a sample per request: step, ms, ok. */
async function visit(base, dispatcher, n) {
  const samples = [];
  let cookie;
  const product = PRODUCTS[n % PRODUCTS.length];
  const step = async (name, method, pathname, expected, form) => {
    const started = performance.now();
    let ok = false;
    let body = '';
    try {
      const res = await request(`${base}${pathname}`, {
        method,
        dispatcher,
        headers: {
          accept: 'text/html',
          ...(cookie ? { cookie } : {}),
          ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
        body: form ? new URLSearchParams(form).toString() : undefined,
        signal: AbortSignal.timeout(10_000),
      });
      const setCookie = [res.headers['set-cookie'] ?? []]
        .flat()
        .find((c) => c.startsWith('SESSIONID='));
      if (setCookie) cookie = setCookie.split(';')[0];
      body = await res.body.text();
      ok = res.statusCode === expected;
    } catch {
      ok = false;
    }
    samples.push({ name, ms: performance.now() - started, ok });
    if (!ok) throw new Error(`${name} failed`);
    return body;
  };
  try {
    await step('GET /home', 'GET', '/home', 200);
    await step('GET /catalog', 'GET', '/catalog', 200);
    for (const id of PRODUCTS) await step('GET /catalog/{id}', 'GET', `/catalog/${id}`, 200);
    await step('POST /cart', 'POST', '/cart', 303, { productId: product });
    await step('GET /cart', 'GET', '/cart', 200);
    await step('GET /checkout', 'GET', '/checkout', 200);
    await step('POST /checkout', 'POST', '/checkout', 200, {
      firstName: 'Load',
      lastName: `Shopper ${n}`,
      email: `shopper${n}@example.com`,
      address1: '1 Main St',
      city: 'Seattle',
      state: 'WA',
      zip: '98101',
    });
    await step('POST /checkout/delivery', 'POST', '/checkout/delivery', 200, {
      token: 'priority-mail',
    });
    await step('POST /checkout/payment', 'POST', '/checkout/payment', 200, {
      ccName: 'Load Shopper',
      ccNumber: '4111111111111111',
      ccExpiration: '12/30',
      ccCvv: '123',
    });
    const confirmation = await step('POST /checkout/confirm', 'POST', '/checkout/confirm', 200);
    return { samples, orderId: /id="orderId">([^<]+)</.exec(confirmation)?.[1] };
  } catch {
    return { samples };
  }
}

/** Starts `rate` shoppers a second for `seconds`, each going through the whole flow. */
async function shoppers(base) {
  const dispatcher = new Agent({ connections: 64, keepAliveTimeout: 10_000 });
  const visits = [];
  const started = performance.now();
  const total = Math.round(rate * duration);
  for (let n = 0; n < total; n++) {
    const due = started + (n * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    visits.push(visit(base, dispatcher, n));
  }
  const results = await Promise.all(visits);
  const elapsedS = (performance.now() - started) / 1000;
  await dispatcher.close();
  return { results, elapsedS };
}

const percentile = (sorted, p) =>
  sorted.length === 0
    ? NaN
    : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const round = (ms) => (ms < 10 ? Math.round(ms * 10) / 10 : Math.round(ms));

function hasHey() {
  return spawnSync('hey', ['-h'], { stdio: 'ignore' }).error === undefined;
}

/** The workshop's step; autocannon at the same connections and overall rate without hey. */
async function workshopLoad(uiPort) {
  const url = `http://localhost:${uiPort}/home`;
  if (hasHey()) {
    const args = ['-z', `${heyDuration}s`, '-c', '5', '-q', '40', url];
    const out = await new Promise((resolve) => {
      const child = spawn('hey', args, { stdio: ['ignore', 'pipe', 'inherit'] });
      children.add(child);
      let text = '';
      child.stdout.on('data', (d) => (text += d));
      child.once('close', () => resolve(text));
    });
    const number = (re) => Number(re.exec(out)?.[1]);
    const statuses = [...out.matchAll(/\[(\d{3})\]\s+(\d+) responses/g)];
    const errorLines = out.split('Error distribution:')[1]?.trim().split('\n') ?? [];
    const errors =
      statuses.filter(([, code]) => code !== '200').reduce((sum, [, , n]) => sum + Number(n), 0) +
      errorLines.reduce((sum, line) => sum + (Number(/\[(\d+)\]/.exec(line)?.[1]) || 0), 0);
    return {
      tool: `hey ${args.join(' ')}`,
      rps: number(/Requests\/sec:\s+([\d.]+)/),
      requests: statuses.reduce((sum, [, , n]) => sum + Number(n), 0),
      p50: number(/50%+ in ([\d.]+) secs/) * 1000,
      p99: number(/99%+ in ([\d.]+) secs/) * 1000,
      errors,
    };
  }
  const result = await autocannon({
    url,
    connections: 5,
    overallRate: 200,
    duration: heyDuration,
  });
  return {
    tool: `autocannon (hey is not installed: apt-get install hey) -c 5 --overallRate 200 -d ${heyDuration} ${url}`,
    rps: Math.round(result.requests.average),
    requests: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

let store;
let runner;
let flowFromUs;
let flowToUs;
try {
  let backends;
  if (opts['npm-start']) {
    ({ store, runner, ...backends } = await startWithRunner());
  } else {
    backends =
      opts.backends === 'real'
        ? await realBackends()
        : {
            description: 'every service on its embedded default (in memory)',
            env: {},
            processes: {},
          };
    store = await startStore(backends.env);
  }
  const uiBase = store.ui.url;

  // A short warm-up: the first visits pay for lazy connections and JIT.
  for (let n = 0; n < 3; n++) await visit(uiBase, undefined, 1000 + n);
  const ordersBefore = await countOrders(store.orders.url);
  const pids = {
    ...Object.fromEntries(NAMES.map((name) => [name, store[name].pid])),
    ...backends.processes,
    'load generator': process.pid,
  };
  const cpuBefore = Object.fromEntries(Object.entries(pids).map(([n, pid]) => [n, cpuMs(pid)]));
  const metricsBefore = await routeCounts(store);
  flowFromUs = monotonicUs();
  const flow = await shoppers(uiBase);
  flowToUs = monotonicUs();
  const metricsAfter = await routeCounts(store);
  const cpuUsed = Object.entries(pids).map(([n, pid]) => [n, cpuMs(pid) - cpuBefore[n]]);
  const ordersAfter = await countOrders(store.orders.url);
  const uiPort = Number(new URL(uiBase).port);
  const workshop = await workshopLoad(uiPort);
  const rss = Object.fromEntries(NAMES.map((name) => [name, rssMb(store[name].pid)]));

  const samples = flow.results.flatMap((r) => r.samples);
  const confirmed = flow.results.filter((r) => r.orderId).length;
  const steps = [...new Set(samples.map((s) => s.name))];

  console.log(
    `store: ${backends.description}; ${rate} shoppers/s for ${duration} s, node flags ${storeFlags(NAMES)}, ${new Date().toISOString()}`,
  );
  console.log('');
  console.log('| step | requests | p50 ms | p99 ms | errors |');
  console.log('|---|---|---|---|---|');
  for (const name of [...steps, 'all']) {
    const of = samples.filter((s) => name === 'all' || s.name === name);
    const ms = of.map((s) => s.ms).sort((a, b) => a - b);
    const label =
      name === 'all' ? `**all (${Math.round(samples.length / flow.elapsedS)} req/s)**` : name;
    console.log(
      `| ${label} | ${of.length} | ${round(percentile(ms, 50))} | ${round(percentile(ms, 99))} | ${of.filter((s) => !s.ok).length} |`,
    );
  }
  console.log('');
  console.log(
    `Shoppers: ${flow.results.length} started, ${confirmed} confirmed; orders stored during the run: ${ordersAfter - ordersBefore}.`,
  );
  console.log('');
  console.log(
    `CPU used during the shopper flow (user + system from /proc, ${Math.round(flow.elapsedS)} s on ${availableParallelism()} cores):`,
  );
  console.log('');
  console.log('| process | CPU s | share of the machine | CPU ms per shopper |');
  console.log('|---|---|---|---|');
  for (const [name, ms] of cpuUsed.sort((a, b) => b[1] - a[1])) {
    const share = ms / 1000 / flow.elapsedS / availableParallelism();
    console.log(
      `| ${name} | ${(ms / 1000).toFixed(1)} | ${Math.round(share * 100)} % | ${(ms / flow.results.length).toFixed(1)} |`,
    );
  }
  console.log('');
  console.log('Requests each service answered per shopper (from its own metrics):');
  console.log('');
  console.log('| service | route | per shopper |');
  console.log('|---|---|---|');
  for (const [key, after] of metricsAfter) {
    const perShopper = (after - (metricsBefore.get(key) ?? 0)) / flow.results.length;
    if (perShopper >= 0.05) console.log(`| ${key} | ${Math.round(perShopper * 10) / 10} |`);
  }
  console.log('');
  console.log(`Workshop load step: \`${workshop.tool}\``);
  console.log('');
  console.log('| requests | req/s | p50 ms | p99 ms | errors |');
  console.log('|---|---|---|---|---|');
  console.log(
    `| ${workshop.requests} | ${Math.round(workshop.rps * 10) / 10} | ${round(workshop.p50)} | ${round(workshop.p99)} | ${workshop.errors} |`,
  );
  console.log('');
  console.log('| service | start to healthy ms (all six at once) | RSS after the load MB |');
  console.log('|---|---|---|');
  for (const name of NAMES) {
    console.log(`| ${name} | ${Math.round(store[name].startMs)} | ${rss[name]} |`);
  }
} finally {
  if (runner) await stop(runner);
  else for (const name of NAMES) if (store?.[name]) await stop(store[name].child);
  if (opts.profile && flowToUs) {
    const file = readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile'));
    console.log('');
    console.log(`${opts.profile} during the shopper flow, \`node --cpu-prof\`:`);
    printProfile(summariseProfile(path.join(profileDir, file), flowFromUs, flowToUs), 20);
  }
  rmSync(profileDir, { recursive: true, force: true });
  for (const cleanup of cleanups.reverse()) {
    await cleanup().catch((error) => console.error(`cleanup: ${error.message}`));
  }
}

/** Requests answered so far, per `service method route`, from each one's request histogram. */
async function routeCounts(running) {
  const counts = new Map();
  for (const name of NAMES) {
    const text = await (await fetch(`${running[name].url}${METRICS_PATHS[name]}`)).text();
    for (const [, labels, n] of text.matchAll(
      /^http_request_duration_seconds_count\{(.*)\} (\d+)/gm,
    )) {
      const label = (key) => new RegExp(`${key}="([^"]*)"`).exec(labels)?.[1];
      const key = `${name} | ${label('method')} ${label('route')}`;
      counts.set(key, (counts.get(key) ?? 0) + Number(n));
    }
  }
  return counts;
}

async function countOrders(ordersUrl) {
  const res = await fetch(`${ordersUrl}/orders`);
  return (await res.json()).length;
}
