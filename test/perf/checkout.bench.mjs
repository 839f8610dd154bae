#!/usr/bin/env node
// Checkout benchmark (not a jest test): the built service, in memory and on the local Redis,
// against a raw node:http server answering the same bytes, under the same autocannon load, all
// on loopback.
//
//   node test/perf/checkout.bench.mjs [--duration 10] [--connections 50] [--no-build]
//
// For GET /checkout/{id} and POST /checkout/{id}/update (the reference UI's address step):
// req/s and p99 latency; each server's RSS (VmRSS of the child) after its load; checkout's time
// from spawn to its first 200 on /health (and /health/ready on Redis). Every phase is bounded
// and a watchdog kills the children if anything hangs. Redis keys carry a per-run prefix and
// are deleted at the end; the Redis rows are skipped when nothing answers on 127.0.0.1:6379.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { CHECKOUT_UPDATE } from './bodies.mjs';
import {
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

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const DURATION_S = option('duration', 10);
const CONNECTIONS = option('connections', 50);
const REDIS_URL = 'redis://127.0.0.1:6379';
const RUN = `checkout-bench-${randomBytes(4).toString('hex')}`;

const BODY = JSON.stringify(CHECKOUT_UPDATE);
const JSON_HEADERS = { 'content-type': 'application/json' };

const children = new Set();
const watchdog = setTimeout(
  () => {
    console.error('benchmark did not finish in time; killing its children');
    for (const child of children) child.kill('SIGKILL');
    process.exit(1);
  },
  (DURATION_S + 3) * 8 * 1000 + 120_000,
);

const redisAnswers = () =>
  new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port: 6379, timeout: 1000 });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true)).once('timeout', () => done(false));
    socket.once('error', () => done(false));
  });

async function start(args, env, readyPath) {
  const port = await freePort();
  const started = await startProcess(args, env, port, readyPath);
  children.add(started.child);
  return { ...started, base: `http://127.0.0.1:${port}` };
}

async function measure(base, route, options) {
  await load(`${base}${route}`, { ...options, connections: CONNECTIONS, duration: 2 }); // warm-up
  return load(`${base}${route}`, { ...options, connections: CONNECTIONS, duration: DURATION_S });
}

/** One store: GET and update under load, RSS afterwards, start-up; the bodies for the raw twin. */
async function benchCheckout(store, env) {
  // On Redis, "healthy" means ready: the connection is up, not just the process.
  const readyPath = env.REDIS_URL ? '/health/ready' : '/health';
  const svc = await start(serviceArgs('checkout'), { ...serviceEnv(), ...env }, readyPath);
  const getRoute = `/checkout/${RUN}-get`;
  const updateRoute = `/checkout/${RUN}-update/update`;
  const seeded = await fetch(`${svc.base}${getRoute}/update`, {
    method: 'POST',
    headers: JSON_HEADERS,
    body: BODY,
  });
  if (seeded.status !== 201) throw new Error(`seeding ${store} answered ${seeded.status}`);
  const updateBytes = Buffer.from(await seeded.arrayBuffer());
  const getBytes = Buffer.from(await (await fetch(`${svc.base}${getRoute}`)).arrayBuffer());
  const get = await measure(svc.base, getRoute);
  const update = await measure(svc.base, updateRoute, {
    method: 'POST',
    headers: JSON_HEADERS,
    body: BODY,
  });
  const rss = rssMb(svc.child.pid);
  await stop(svc.child);
  children.delete(svc.child);
  return {
    store,
    readyPath,
    get,
    update,
    rss,
    startMs: Math.round(svc.startMs),
    getBytes,
    updateBytes,
  };
}

/** The raw node:http twin answering `bytes` to every request, under the same load. */
async function benchRaw(bytes, route, options) {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'checkout-bench-')), 'body.json');
  writeFileSync(file, bytes);
  const raw = await start([path.join(root, 'test/perf/raw-server.mjs'), file], {}, '/');
  const result = await measure(raw.base, route, options);
  const rss = rssMb(raw.child.pid);
  await stop(raw.child);
  children.delete(raw.child);
  return { ...result, rss };
}

if (!args.includes('--no-build')) {
  execFileSync(process.execPath, ['tools/build.mjs', 'checkout'], { cwd: root, stdio: 'ignore' });
}

const rows = [await benchCheckout('memory', {})];
if (await redisAnswers()) {
  try {
    rows.push(await benchCheckout('redis', { REDIS_URL }));
  } finally {
    const redis = new Redis(REDIS_URL);
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `checkout:${RUN}-*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    await redis.quit();
  }
} else {
  console.warn('no Redis on 127.0.0.1:6379: Redis rows skipped');
}
// The raw twin serves the bytes of the memory run; the Redis run's bodies have the same size.
const rawGet = await benchRaw(rows[0].getBytes, `/checkout/${RUN}-get`);
const rawUpdate = await benchRaw(rows[0].updateBytes, `/checkout/${RUN}-update/update`, {
  method: 'POST',
  headers: JSON_HEADERS,
  body: BODY,
});
clearTimeout(watchdog);

const ratio = (a, b) => (a / b).toFixed(2);
console.log(
  `checkout, autocannon ${CONNECTIONS} connections, ${DURATION_S} s per run, node ${serviceFlags('checkout')}, ${new Date().toISOString()}`,
);
console.log(
  '| store | route | checkout req/s | p99 ms | raw req/s | raw p99 ms | ratio | errors |',
);
console.log('|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  for (const [route, result, raw] of [
    ['GET /checkout/{id}', r.get, rawGet],
    ['POST /checkout/{id}/update', r.update, rawUpdate],
  ]) {
    console.log(
      `| ${r.store} | ${route} | ${result.rps} | ${result.p99} | ${raw.rps} | ${raw.p99} | ${ratio(result.rps, raw.rps)} | ${result.errors} |`,
    );
  }
}
const rawRss = Math.max(rawGet.rss, rawUpdate.rss);
console.log('');
console.log('| store | RSS after load MB | raw RSS MB | RSS ratio | start to healthy ms |');
console.log('|---|---|---|---|---|');
for (const r of rows) {
  console.log(
    `| ${r.store} | ${r.rss} | ${rawRss} | ${ratio(r.rss, rawRss)} | ${r.startMs} (${r.readyPath}) |`,
  );
}
