#!/usr/bin/env node
// Benchmark of the assets service against a raw node:http server sending the same picture.
//
//   node test/perf/assets.bench.mjs [--image chrono_classic.jpg] [--encoding br]
//        [--duration 5] [--rounds 3] [--connections 50] [--no-build]
//
// Builds the service (tools/build.mjs) and starts it as `node <NODE_FLAGS> main.js` with no
// environment but PORT (the way `npm start` and the image run it), timing spawn to the first 200
// from /health.html. Then starts a raw node:http server holding, in memory, the exact bytes and
// headers the service sent for the picture. Each round loads one, then the other, with autocannon
// on 127.0.0.1 (after a warm-up), so a burst of load from elsewhere on the machine hits both; the
// best round of each is reported, with the CPU time each server spent per request (from
// /proc/<pid>/stat, which other load does not inflate). RSS and peak RSS of both processes come
// from /proc after the last round. Bounded: about 2 × (2 + rounds × duration) seconds; stops itself.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { fetch } from 'undici';
import { serviceArgs, serviceEnv, serviceFlags } from './lib.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values: opts } = parseArgs({
  options: {
    image: { type: 'string', default: 'chrono_classic.jpg' },
    encoding: { type: 'string' },
    duration: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
    'no-build': { type: 'boolean', default: false },
  },
});
const clamp = (value, min, max) => Math.min(max, Math.max(min, Number(value) || min));
const duration = clamp(opts.duration, 1, 30);
const rounds = clamp(opts.rounds, 1, 5);
const connections = clamp(opts.connections, 1, 500);
const WARMUP_SECONDS = 2;
const START_TIMEOUT_MS = 15_000;
const requestHeaders = opts.encoding ? { 'accept-encoding': opts.encoding } : {};

// The raw server: one in-memory body with the service's headers, /health.html for readiness.
const RAW_SERVER = `
const http = require('node:http');
const body = require('node:fs').readFileSync(process.env.BODY_FILE);
const headers = JSON.parse(process.env.HEADERS);
http.createServer((req, res) => {
  if (req.url === '/health.html') { res.writeHead(200, { 'content-type': 'text/html' }); res.end('OK'); return; }
  res.writeHead(200, headers);
  res.end(body);
}).listen(Number(process.env.PORT), '127.0.0.1');
`;

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

/** Spawns a server; resolves once /health.html answered 200, with the time that took. */
async function start(name, args, env) {
  const port = await freePort();
  const startedAt = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  while (performance.now() - startedAt < START_TIMEOUT_MS) {
    if (child.exitCode !== null) throw new Error(`${name} exited ${child.exitCode}: ${stderr}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health.html`);
      await res.arrayBuffer();
      if (res.status === 200) return { name, child, port, startMs: performance.now() - startedAt };
    } catch {
      // not listening yet
    }
    await sleep(5);
  }
  child.kill('SIGKILL');
  throw new Error(`${name} not healthy within ${START_TIMEOUT_MS} ms: ${stderr}`);
}

async function stop(server) {
  if (server.child.exitCode !== null) return;
  const exited = new Promise((r) => server.child.once('exit', r));
  server.child.kill('SIGTERM');
  await Promise.race([exited, sleep(12_000)]);
  if (server.child.exitCode === null) server.child.kill('SIGKILL');
}

function memoryMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/** CPU seconds (user + system) the process has used: per request, this is immune to other load. */
function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // utime and stime are fields 14 and 15 of stat(5), in clock ticks (100 per second on Linux).
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function load(server, seconds) {
  const cpuBefore = cpuSeconds(server.child.pid);
  const result = await autocannon({
    url: `http://127.0.0.1:${server.port}/assets/${opts.image}`,
    connections,
    duration: seconds,
    headers: requestHeaders,
  });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${server.name}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  }
  result.cpuUsPerRequest =
    ((cpuSeconds(server.child.pid) - cpuBefore) * 1e6) / result.requests.total;
  return result;
}

/** The body and headers the service sends for the picture, for the raw server to repeat. */
async function servedBytes(server) {
  const res = await fetch(`http://127.0.0.1:${server.port}/assets/${opts.image}`, {
    headers: requestHeaders,
  });
  if (res.status !== 200) throw new Error(`GET /assets/${opts.image}: ${res.status}`);
  const body = Buffer.from(await res.arrayBuffer());
  const keep = ['content-type', 'etag', 'last-modified', 'cache-control', 'content-encoding'];
  const headers = Object.fromEntries(
    keep.flatMap((h) => (res.headers.has(h) ? [[h, res.headers.get(h)]] : [])),
  );
  return { body, headers: { ...headers, 'content-length': String(body.length) } };
}

if (!opts['no-build']) {
  const build = spawnSync(process.execPath, ['tools/build.mjs', 'assets'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const servers = [];
const scratch = mkdtempSync(path.join(tmpdir(), 'assets-bench-'));
try {
  const service = await start(
    `assets service (node ${serviceFlags()})`,
    serviceArgs('assets'),
    serviceEnv(),
  );
  servers.push(service);
  const { body, headers } = await servedBytes(service);
  const bodyFile = path.join(scratch, 'body');
  writeFileSync(bodyFile, body);
  const raw = await start('raw node:http', ['-e', RAW_SERVER], {
    BODY_FILE: bodyFile,
    HEADERS: JSON.stringify(headers),
  });
  servers.unshift(raw);

  for (const server of servers) await load(server, WARMUP_SECONDS);
  const best = new Map();
  for (let round = 0; round < rounds; round++) {
    for (const server of servers) {
      const r = await load(server, duration);
      const prev = best.get(server);
      best.set(server, {
        r: !prev || r.requests.average > prev.r.requests.average ? r : prev.r,
        runs: [...(prev?.runs ?? []), Math.round(r.requests.average)],
        cpu: Math.min(prev?.cpu ?? Infinity, r.cpuUsPerRequest),
      });
    }
  }
  const rows = servers.map((server) => ({
    server,
    ...best.get(server),
    mem: memoryMb(server.child.pid),
  }));

  console.log(
    `\nGET /assets/${opts.image}${opts.encoding ? ` (Accept-Encoding: ${opts.encoding})` : ''}: ` +
      `${body.length} bytes, ${connections} connections, best of ${rounds} × ${duration} s, ` +
      `node ${process.version}, load average ${readFileSync('/proc/loadavg', 'utf8').split(' ')[0]}\n`,
  );
  console.log(
    '| server | req/s (best) | all rounds | p50 ms | p99 ms | CPU µs/req | RSS after MB | peak RSS MB | start to healthy ms |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const { server, r, runs, cpu, mem } of rows) {
    console.log(
      `| ${server.name} | ${Math.round(r.requests.average)} | ${runs.join(', ')} | ${r.latency.p50} | ` +
        `${r.latency.p99} | ${cpu.toFixed(0)} | ${mem.rss.toFixed(0)} | ${mem.peak.toFixed(0)} | ` +
        `${server.startMs.toFixed(0)} |`,
    );
  }
  const [rawRow, svcRow] = rows;
  console.log(
    `\nreq/s ratio ${(svcRow.r.requests.average / rawRow.r.requests.average).toFixed(2)} (target ≥ 0.6); ` +
      `CPU per request ratio raw/service ${(rawRow.cpu / svcRow.cpu).toFixed(2)} (what req/s would be ` +
      `on a core of its own); RSS ratio ${(svcRow.mem.rss / rawRow.mem.rss).toFixed(2)} (target ≤ 1.5); ` +
      `service start ${svcRow.server.startMs.toFixed(0)} ms (target ≤ 1000)`,
  );
} finally {
  for (const server of servers) await stop(server);
  rmSync(scratch, { recursive: true, force: true });
}
