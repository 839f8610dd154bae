#!/usr/bin/env node
// Where a write path's CPU goes (not a jest test): runs one built service under `node --cpu-prof`,
// loads one route with autocannon on loopback, stops the service (the profile is written on its
// exit) and prints the busy CPU's self time by package: each npm package, node's own internals,
// the service's bundled code (main.js: the service and the workspace libraries), GC and native.
//
//   node test/perf/profile.mjs <scenario> [--duration 10] [--connections 50] [--top 15] [--keep]
//   node test/perf/profile.mjs --summarise <file.cpuprofile> [--top 15]
//
// Scenarios: checkout-update, checkout-update-redis, cart-add, cart-add-dynamodb, orders-create,
// orders-create-postgres. The Redis one uses keys of its own (they expire); the DynamoDB one a
// dynalite of its own in a separate process; the PostgreSQL one a throwaway database, dropped at
// the end. --keep leaves the .cpuprofile (for Chrome DevTools or speedscope) and prints its path.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { cpuMs, freePort, load, serviceArgs, serviceEnv, startProcess, stop } from './lib.mjs';
import { serviceByName } from '../../tools/services.mjs';
import { startDynalite } from '../../tools/start/real-backends.mjs';
import { CART_ITEM, CHECKOUT_UPDATE, ORDER } from './bodies.mjs';
import { monotonicUs, printProfile, summariseProfile } from './cpu-profile.mjs';

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    top: { type: 'string', default: '15' },
    keep: { type: 'boolean', default: false },
    summarise: { type: 'string' },
  },
});

const run = randomBytes(4).toString('hex');

async function throwawayPostgres() {
  const database = `profile_${run}`;
  const admin = async (sql) => {
    const client = new pg.Client({ host: '127.0.0.1', user: 'postgres', database: 'postgres' });
    await client.connect();
    await client.query(sql);
    await client.end();
  };
  await admin(`CREATE DATABASE ${database}`);
  return {
    database,
    close: () => admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`),
  };
}

/** Each scenario: the service, the request, and a backend to set up (its variables, its cleanup). */
const SCENARIOS = {
  // The hot reads issue 18 measures, for comparison with the write paths.
  'catalog-list': { service: 'catalog', method: 'GET', path: '/catalogue' },
  'catalog-product': {
    service: 'catalog',
    method: 'GET',
    path: '/catalogue/product/808a2de1-1aaa-4c25-a9b9-6612e8f29a38',
  },
  'checkout-update': {
    service: 'checkout',
    path: `/checkout/${run}/update`,
    body: CHECKOUT_UPDATE,
  },
  'checkout-update-redis': {
    service: 'checkout',
    path: `/checkout/${run}/update`,
    body: CHECKOUT_UPDATE,
    backend: async () => ({ env: { REDIS_URL: 'redis://127.0.0.1:6379' }, close: async () => {} }),
  },
  // A cart per request, as shoppers have: one cart would queue every update on one key.
  'cart-add': { service: 'cart', path: '/carts/[<id>]/items', body: CART_ITEM },
  'cart-add-dynamodb': {
    service: 'cart',
    path: '/carts/[<id>]/items',
    body: CART_ITEM,
    backend: async () => {
      const dynamo = await startDynalite();
      return {
        env: {
          SPRING_PROFILES_ACTIVE: 'dynamodb',
          CARTS_DYNAMODB_ENDPOINT: dynamo.url,
          CARTS_DYNAMODB_TABLENAME: `carts-profile-${run}`,
          CARTS_DYNAMODB_CREATETABLE: 'true',
          AWS_ACCESS_KEY_ID: 'profile',
          AWS_SECRET_ACCESS_KEY: 'profile',
          AWS_REGION: 'us-west-2',
        },
        close: dynamo.close,
        pid: dynamo.pid,
      };
    },
  },
  'orders-create': { service: 'orders', path: '/orders', body: ORDER },
  'orders-create-postgres': {
    service: 'orders',
    path: '/orders',
    body: ORDER,
    backend: async () => {
      const db = await throwawayPostgres();
      return {
        env: {
          SPRING_DATASOURCE_URL: `jdbc:postgresql://127.0.0.1:5432/${db.database}`,
          SPRING_DATASOURCE_USERNAME: 'postgres',
        },
        close: db.close,
      };
    },
  },
};

const top = Number(opts.top);
if (opts.summarise) {
  printProfile(summariseProfile(opts.summarise), top);
  process.exit(0);
}
const scenario = SCENARIOS[positionals[0]];
if (!scenario) {
  console.error(`usage: profile.mjs <${Object.keys(SCENARIOS).join('|')}> [--duration 10]`);
  process.exit(2);
}

const dir = mkdtempSync(path.join(tmpdir(), 'retail-profile-'));
const backend = scenario.backend ? await scenario.backend() : { env: {}, close: async () => {} };
try {
  const port = await freePort();
  const { child } = await startProcess(
    ['--cpu-prof', `--cpu-prof-dir=${dir}`, ...serviceArgs(scenario.service)],
    { ...serviceEnv(), ...backend.env },
    port,
    serviceByName(scenario.service).health,
    30_000,
  );
  const method = scenario.method ?? 'POST';
  const request =
    method === 'GET'
      ? { method }
      : {
          method,
          body: JSON.stringify(scenario.body),
          headers: { 'content-type': 'application/json' },
          idReplacement: scenario.path.includes('[<id>]'),
        };
  const url = `http://127.0.0.1:${port}${scenario.path}`;
  const fromUs = monotonicUs();
  const cpuBefore = [child.pid, backend.pid].map((pid) => pid && cpuMs(pid));
  const result = await load(url, {
    ...request,
    connections: Number(opts.connections),
    duration: Number(opts.duration),
  });
  const toUs = monotonicUs();
  const [serviceCpu, backendCpu] = [child.pid, backend.pid].map((pid, i) =>
    pid ? Math.round(((cpuMs(pid) - cpuBefore[i]) * 1000) / result.requests) : undefined,
  );
  await stop(child);
  const file = path.join(
    dir,
    readdirSync(dir).find((f) => f.endsWith('.cpuprofile')),
  );
  console.log(
    `${positionals[0]}: ${method} ${scenario.path}, ${opts.connections} connections, ${opts.duration} s: ` +
      `${result.rps} req/s, p99 ${result.p99} ms, ${result.errors} errors; CPU per request ` +
      `(/proc): service ${serviceCpu} µs` +
      (backendCpu === undefined ? '' : `, dynalite ${backendCpu} µs`),
  );
  printProfile(summariseProfile(file, fromUs, toUs), top);
  if (opts.keep) console.log(`\nprofile: ${file}`);
  else rmSync(dir, { recursive: true, force: true });
} finally {
  await backend.close();
}
