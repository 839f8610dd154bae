#!/usr/bin/env node
// Cart benchmark (not a jest test): the built service in memory against a raw node:http server
// answering the same bytes, under the same autocannon load, all on loopback.
//
//   node test/perf/cart.bench.mjs [--duration 10] [--connections 50] [--no-build]
//
// Measures, for GET /carts/{id} (a cart of three lines) and POST /carts/{id}/items: req/s and
// p99 latency; then each server's RSS (VmRSS of the child, after its load) and the cart's time
// from spawn to its first 200 on /actuator/health. Stops by itself: every phase is bounded and a
// watchdog kills the children if anything hangs.
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout } from 'node:timers';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { fetch } from 'undici';
import { CART_ITEM } from './bodies.mjs';
import { serviceArgs, serviceEnv, serviceFlags } from './lib.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const DURATION_S = option('duration', 10);
const CONNECTIONS = option('connections', 50);
const CUSTOMER = 'bench-customer';
const LINES = [
  { itemId: '510a0d7e-8e83-4193-b483-e27e09ddc34d', quantity: 1, unitPrice: 150 },
  { itemId: '6d62d909-f957-430e-8689-b5129c0bb75e', quantity: 2, unitPrice: 385 },
  { itemId: '808a2de1-1aaa-4c25-a9b9-6612e8f29a38', quantity: 1, unitPrice: 5100 },
];
const POST_BODY = JSON.stringify(CART_ITEM);

const children = new Set();
const watchdog = setTimeout(
  () => {
    console.error('benchmark did not finish in time; stopping');
    for (const child of children) child.kill('SIGKILL');
    process.exit(2);
  },
  (DURATION_S * 4 + 120) * 1000,
);
watchdog.unref();

async function freePort() {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  server.close();
  await once(server, 'close');
  return port;
}

function start(argv, env) {
  const child = spawn(process.execPath, argv, {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

async function waitFor200(url, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`${url} not 200 within ${timeoutMs} ms`);
}

const rssMb = (pid) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]) / 1024;
};

// CPU time the process has used (user + system), from /proc/<pid>/stat in clock ticks (100/s):
// on a busy machine a truer measure of start-up work than wall time.
const cpuMs = (pid) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
};

async function load(title, url, extra = {}) {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION_S,
    ...extra,
  });
  const bad = result.non2xx + result.errors + result.timeouts;
  if (bad > 0) throw new Error(`${title}: ${bad} failed requests`);
  return { reqPerSec: Math.round(result.requests.average), p99Ms: result.latency.p99 };
}

async function stop(child) {
  child.kill('SIGTERM');
  await once(child, 'exit');
}

// The raw server answers with the bytes the cart answers, read from the cart itself.
const RAW_SERVER = `
const http = require('node:http');
const [getBody, postBody] = JSON.parse(process.env.BODIES);
http.createServer((req, res) => {
  if (req.method === 'POST') {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      JSON.parse(Buffer.concat(chunks).toString());
      res.writeHead(201, { 'content-type': 'application/json; charset=utf-8' }).end(postBody);
    });
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(getBody);
}).listen(Number(process.env.PORT), '127.0.0.1');
`;

async function main() {
  if (!args.includes('--no-build')) {
    const build = spawnSync(process.execPath, ['tools/build.mjs', 'cart'], {
      cwd: root,
      stdio: 'inherit',
    });
    if (build.status !== 0) throw new Error('build failed');
  }

  const cartPort = await freePort();
  const base = `http://127.0.0.1:${cartPort}`;
  const spawned = performance.now();
  const cart = start(serviceArgs('cart'), { ...serviceEnv(), PORT: String(cartPort) });
  await waitFor200(`${base}/actuator/health`);
  const startToHealthyMs = Math.round(performance.now() - spawned);
  const startCpuMs = cpuMs(cart.pid);

  for (const line of LINES) {
    await fetch(`${base}/carts/${CUSTOMER}/items`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(line),
    });
  }
  const getBody = await (await fetch(`${base}/carts/${CUSTOMER}`)).text();

  const post = {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: POST_BODY,
  };
  const cartGet = await load('cart GET', `${base}/carts/${CUSTOMER}`);
  const cartPost = await load('cart POST', `${base}/carts/${CUSTOMER}-post/items`, post);
  const cartRss = rssMb(cart.pid);
  await stop(cart);

  const rawPort = await freePort();
  const raw = start(['-e', RAW_SERVER], {
    PORT: String(rawPort),
    BODIES: JSON.stringify([getBody, POST_BODY]),
  });
  const rawBase = `http://127.0.0.1:${rawPort}`;
  await waitFor200(rawBase);
  const rawGet = await load('raw GET', `${rawBase}/`);
  const rawPost = await load('raw POST', `${rawBase}/`, post);
  const rawRss = rssMb(raw.pid);
  await stop(raw);

  const rows = [
    ['GET /carts/{id}', cartGet, rawGet],
    ['POST /carts/{id}/items', cartPost, rawPost],
  ];
  console.log(
    `\ncart benchmark: ${CONNECTIONS} connections, ${DURATION_S} s per load, loopback, node ${process.version} ${serviceFlags('cart')}`,
  );
  console.log('| load | cart req/s | cart p99 ms | raw req/s | raw p99 ms | cart/raw |');
  console.log('|---|---|---|---|---|---|');
  for (const [name, c, r] of rows) {
    console.log(
      `| ${name} | ${c.reqPerSec} | ${c.p99Ms} | ${r.reqPerSec} | ${r.p99Ms} | ${(c.reqPerSec / r.reqPerSec).toFixed(2)} |`,
    );
  }
  console.log(
    `RSS after load: cart ${cartRss.toFixed(0)} MB, raw ${rawRss.toFixed(0)} MB (${(cartRss / rawRss).toFixed(2)}x; target ≤ 192 MB)`,
  );
  console.log(
    `start to healthy: ${startToHealthyMs} ms wall, ${startCpuMs} ms CPU (target ≤ 1,500 ms)`,
  );
  console.log(
    JSON.stringify({
      cartGet,
      cartPost,
      rawGet,
      rawPost,
      cartRssMb: Math.round(cartRss),
      rawRssMb: Math.round(rawRss),
      startToHealthyMs,
      startCpuMs,
    }),
  );
}

main().catch((error) => {
  console.error(error);
  for (const child of children) child.kill('SIGKILL');
  process.exitCode = 1;
});
