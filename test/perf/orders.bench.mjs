#!/usr/bin/env node
// Orders benchmark (not a jest test): the built service, in memory and on the local PostgreSQL,
// against two raw node:http servers under the same autocannon load on loopback: one answering
// the same bytes to everything, one keeping every posted order (raw-orders-server.mjs). The
// in-memory service is compared with the raw server that keeps the orders, the PostgreSQL one
// (which keeps them in the database) with the one that keeps nothing. `node
// test/perf/orders.bench.mjs` (builds the service first; POSTS=orders posted per server, default
// 30000; DURATION=seconds of GET load, default 10; CONNECTIONS, default 50).
//
// Every server gets the same number of POSTs (a two-item order as checkout sends it), so each
// one that keeps orders ends up holding the same ones; then GET /orders/{id} for a fixed time.
// For each: req/s, p99, errors; RSS (VmRSS of the child) after both loads; the service's time
// from spawn to its first 200 on /actuator/health. The PostgreSQL run uses a throwaway database,
// dropped at the end. Start-up is also given as CPU ms (user + system until healthy), which other
// load on the machine inflates far less than wall time. A watchdog kills everything if a phase
// hangs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { ORDER as ORDER_BODY } from './bodies.mjs';
import {
  cpuMs,
  freePort,
  load,
  root,
  rssMb,
  serviceArgs,
  serviceEnv,
  serviceFlags,
  startProcess,
  stop,
} from './lib.mjs';

const posts = Number(process.env.POSTS ?? 30000);
const duration = Number(process.env.DURATION ?? 10);
const connections = Number(process.env.CONNECTIONS ?? 50);
const ORDER = JSON.stringify(ORDER_BODY);
const JSON_HEADERS = { 'content-type': 'application/json' };

const WARM_UP_POSTS = 2000;
const perf = (file) => path.join(root, 'test/perf', file);

const children = new Set();
const watchdog = setTimeout(
  () => {
    console.error('benchmark did not finish in time; stopping');
    for (const child of children) child.kill('SIGKILL');
    process.exit(2);
  },
  (duration * 12 + posts / 100 + 180) * 1000,
);
watchdog.unref();

async function started(args, env, port, readyPath) {
  const svc = await startProcess(args, env, port, readyPath);
  children.add(svc.child);
  return svc;
}

async function finished(child) {
  await stop(child);
  children.delete(child);
}

/** `posts` POSTs to /orders, then GET /orders/{id} of one order; each after a warm-up. */
async function measure(base) {
  const post = { method: 'POST', body: ORDER, headers: JSON_HEADERS, connections };
  await load(`${base}/orders`, { ...post, amount: WARM_UP_POSTS });
  const posted = await load(`${base}/orders`, { ...post, amount: posts });
  const created = await fetch(`${base}/orders`, {
    method: 'POST',
    body: ORDER,
    headers: JSON_HEADERS,
  });
  const { id } = await created.json();
  await load(`${base}/orders/${id}`, { connections, duration: 2 });
  const got = await load(`${base}/orders/${id}`, { connections, duration });
  const bytes = Buffer.from(await (await fetch(`${base}/orders/${id}`)).arrayBuffer());
  return { posted, got, bytes };
}

async function runOrders(store, env) {
  const port = await freePort();
  const svc = await started(
    serviceArgs('orders'),
    { ...serviceEnv(), ...env },
    port,
    '/actuator/health',
  );
  const startCpuMs = cpuMs(svc.child.pid);
  const result = await measure(`http://127.0.0.1:${port}`);
  const rss = rssMb(svc.child.pid);
  await finished(svc.child);
  return { store, ...result, rss, startMs: Math.round(svc.startMs), startCpuMs };
}

/** A raw twin (node's defaults, no service flags) under the same load as the service. */
async function runRaw(name, args) {
  const port = await freePort();
  const raw = await started(args, {}, port, '/health');
  const result = await measure(`http://127.0.0.1:${port}`);
  const rss = rssMb(raw.child.pid);
  await finished(raw.child);
  return { name, ...result, rss };
}

async function withPostgres(work) {
  const admin = new pg.Client({
    host: '127.0.0.1',
    port: 5432,
    user: 'postgres',
    database: 'postgres',
  });
  try {
    await admin.connect();
  } catch (error) {
    console.log(`PostgreSQL not reachable on 127.0.0.1:5432 (${error.message}); skipping that run`);
    return undefined;
  }
  const name = `orders_bench_${process.pid}`;
  await admin.query(`CREATE DATABASE ${name}`);
  try {
    return await work({
      SPRING_DATASOURCE_URL: `jdbc:postgresql://127.0.0.1:5432/${name}`,
      SPRING_DATASOURCE_USERNAME: 'postgres',
    });
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

execFileSync(process.execPath, ['tools/build.mjs', 'orders'], { cwd: root, stdio: 'ignore' });
const loadBefore = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const runs = [await runOrders('memory', {})];
const onPostgres = await withPostgres((env) => runOrders('PostgreSQL', env));
if (onPostgres) runs.push(onPostgres);
const file = path.join(mkdtempSync(path.join(tmpdir(), 'orders-bench-')), 'order.json');
writeFileSync(file, runs[0].bytes);
const sameBytes = await runRaw('raw node:http, same bytes', [perf('raw-server.mjs'), file]);
const keeping = await runRaw('raw node:http, keeps orders', [perf('raw-orders-server.mjs')]);
// Each service run against the raw server that keeps the orders where it does.
const baselines = { memory: keeping, PostgreSQL: sameBytes };

console.log(
  `orders, autocannon ${connections} connections, ${posts} POSTs then ${duration} s of GETs per server, node ${serviceFlags('orders')}, ${new Date().toISOString()}`,
);
console.log(`load average before the run: ${loadBefore}`);
console.log(
  '| server | route | req/s | p99 ms | errors | compared with | vs raw req/s | RSS MB after both | RSS vs raw | start ms (CPU ms) |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|');
const row = (server, route, r, rss, raw, start) =>
  console.log(
    `| ${server} | ${route} | ${r.rps} | ${r.p99} | ${r.errors} | ${raw?.name ?? '—'} | ${raw ? (r.rps / raw[route].rps).toFixed(2) : '—'} | ${rss} | ${raw ? (rss / raw.rss).toFixed(2) : '—'} | ${start} |`,
  );
const byRoute = (r) => ({ 'POST /orders': r.posted, 'GET /orders/{id}': r.got });
for (const r of [...runs, sameBytes, keeping]) {
  const raw = r.store && {
    name: baselines[r.store].name,
    rss: baselines[r.store].rss,
    ...byRoute(baselines[r.store]),
  };
  const start = r.store ? `${r.startMs} (${r.startCpuMs})` : '—';
  const name = r.store ? `orders (${r.store})` : r.name;
  for (const [route, result] of Object.entries(byRoute(r)))
    row(name, route, result, r.rss, raw, start);
}
