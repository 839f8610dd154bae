#!/usr/bin/env node
// Benchmark of the assets service against nginx (one worker), bare Fastify with @fastify/static
// and a raw node:http server, all sending the same picture.
//
//   node test/perf/assets.bench.mjs [--image chrono_classic.jpg] [--encoding br]
//        [--duration 5] [--rounds 3] [--connections 50] [--server-cpu 1] [--client-cpu 0]
//        [--no-pin] [--no-build]
//
// Needs `hey` and `nginx` (Debian: apt-get install -y hey nginx); without nginx its row is left
// out, with the reason printed. Builds the service (tools/build.mjs) and starts it as
// `node <its node flags> main.js` with no environment but PORT (the way `npm start` and the image
// run it), timing spawn to the first 200 from /health.html. nginx runs test/perf/nginx-assets.conf
// (the reference's settings, one worker) on the built service's public/ folder, with every path
// in a scratch folder; bare Fastify sends the file with @fastify/static's sendFile and the
// service's options (the library's floor, run with the service's node flags); the raw node:http
// server holds, in memory, the exact bytes and headers the service sent. With two cores or more, the servers run on one CPU and hey on another
// (taskset), so a server gets one core, as nginx's one worker has. Each round loads each server
// in turn with hey on 127.0.0.1 (after a warm-up), so a burst of load from elsewhere hits all of
// them; the best round of each is reported, with the CPU time each server spent per request
// (from /proc/<pid>/stat, nginx's master and worker together) and the CPU hey used itself (near
// 100 % of its core, hey and not the server was the limit). RSS and peak RSS come from /proc
// after the last round. Bounded: about 4 × (2 + rounds × duration) seconds; stops itself.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { fetch, request } from 'undici';
import {
  cpuSeconds,
  freePort,
  heyLoad,
  nodeFlags,
  pinnedTo,
  root,
  serviceArgs,
  serviceEnv,
  serviceFlags,
} from './lib.mjs';

const twoCores = availableParallelism() >= 2;
const { values: opts } = parseArgs({
  options: {
    image: { type: 'string', default: 'chrono_classic.jpg' },
    encoding: { type: 'string' },
    duration: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
    'server-cpu': { type: 'string', default: '1' },
    'client-cpu': { type: 'string', default: '0' },
    'no-pin': { type: 'boolean', default: !twoCores },
    'no-build': { type: 'boolean', default: false },
  },
});
const clamp = (value, min, max) => Math.min(max, Math.max(min, Number(value) || min));
const duration = clamp(opts.duration, 1, 30);
const rounds = clamp(opts.rounds, 1, 5);
const connections = clamp(opts.connections, 1, 500);
const serverCpu = opts['no-pin'] ? undefined : opts['server-cpu'];
const clientCpu = opts['no-pin'] ? undefined : opts['client-cpu'];
const WARMUP_SECONDS = 2;
const START_TIMEOUT_MS = 15_000;
const GENERATOR_BOUND = 0.9;
const requestHeaders = opts.encoding ? { 'accept-encoding': opts.encoding } : {};
const publicDir = path.join(root, 'dist/services/assets/public');

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

// The library's floor: bare Fastify, one route sending the file as the service does.
const STATIC_TWIN = `
const fastify = require('fastify')();
fastify.register(require('@fastify/static'), {
  root: process.env.ROOT, serve: false, preCompressed: true, index: false,
  maxAge: 31536000000, immutable: true,
});
fastify.get('/health.html', (req, reply) => reply.type('text/html').send('OK'));
fastify.get('/assets/:name', (req, reply) => reply.sendFile(req.params.name));
fastify.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
`;

/** Spawns a server on `port`; resolves once /health.html answered 200, with the time that took. */
async function start(name, [command, args], env, port) {
  const startedAt = performance.now();
  const child = spawn(command, args, {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  child.once('error', (error) => (stderr += String(error)));
  while (performance.now() - startedAt < START_TIMEOUT_MS) {
    if (child.exitCode !== null || stderr.includes('ENOENT')) {
      throw new Error(`${name} exited ${child.exitCode}: ${stderr}`);
    }
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
  // nginx stops gracefully on SIGQUIT (the reference image's STOPSIGNAL), node on SIGTERM.
  server.child.kill(server.stopSignal ?? 'SIGTERM');
  await Promise.race([exited, sleep(12_000)]);
  if (server.child.exitCode === null) server.child.kill('SIGKILL');
}

/** The process and its children (nginx's worker): CPU and memory are counted over all of them. */
function processTree(pid) {
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
    .split(' ')
    .filter(Boolean)
    .map(Number);
  return [pid, ...children.flatMap(processTree)];
}

const treeCpuSeconds = (server) =>
  processTree(server.child.pid).reduce((sum, pid) => sum + cpuSeconds(pid), 0);

function memoryMb(server) {
  const total = { rss: 0, peak: 0 };
  for (const pid of processTree(server.child.pid)) {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
    total.rss += kb('VmRSS') / 1024;
    total.peak += kb('VmHWM') / 1024;
  }
  return total;
}

async function load(server, seconds) {
  const cpuBefore = treeCpuSeconds(server);
  const result = await heyLoad(`http://127.0.0.1:${server.port}/assets/${opts.image}`, {
    connections,
    duration: seconds,
    headers: requestHeaders,
    cpus: clientCpu,
  });
  if (result.errors > 0) throw new Error(`${server.name}: ${result.errors} errors or non-2xx`);
  result.cpuUsPerRequest = ((treeCpuSeconds(server) - cpuBefore) * 1e6) / result.requests;
  return result;
}

/**
 * The body and headers the service sends for the picture, for the raw server to repeat: as sent,
 * so still encoded (undici's `request` does not decode, where `fetch` would).
 */
async function servedBytes(server) {
  const res = await request(`http://127.0.0.1:${server.port}/assets/${opts.image}`, {
    headers: requestHeaders,
  });
  const body = Buffer.from(await res.body.arrayBuffer());
  if (res.statusCode !== 200) throw new Error(`GET /assets/${opts.image}: ${res.statusCode}`);
  const keep = ['content-type', 'etag', 'last-modified', 'cache-control', 'content-encoding'];
  const headers = Object.fromEntries(
    keep.flatMap((h) => (res.headers[h] === undefined ? [] : [[h, String(res.headers[h])]])),
  );
  return { body, headers: { ...headers, 'content-length': String(body.length) } };
}

/** nginx's binary (often outside a user's PATH, in /usr/sbin), or undefined when not installed. */
function findNginx() {
  for (const candidate of ['nginx', '/usr/sbin/nginx']) {
    if (spawnSync(candidate, ['-v'], { stdio: 'ignore' }).status === 0) return candidate;
  }
  return undefined;
}

async function startNginx(scratch) {
  const nginx = findNginx();
  if (!nginx) return 'nginx is not installed (Debian: apt-get install -y nginx)';
  if (opts.encoding)
    return `nginx serves no pre-compressed files here (--encoding ${opts.encoding})`;
  const port = await freePort();
  const prefix = path.join(scratch, 'nginx');
  mkdirSync(prefix);
  const config = readFileSync(path.join(root, 'test/perf/nginx-assets.conf'), 'utf8')
    .replaceAll('@SCRATCH@', prefix)
    .replaceAll('@PORT@', String(port))
    .replaceAll('@ROOT@', publicDir);
  const configFile = path.join(prefix, 'nginx.conf');
  writeFileSync(configFile, config);
  const version = spawnSync(nginx, ['-v'], { encoding: 'utf8' }).stderr.trim().split('/')[1];
  const args = ['-p', prefix, '-e', path.join(prefix, 'error.log'), '-c', configFile];
  const server = await start(
    `nginx ${version} (1 worker)`,
    pinnedTo(serverCpu, nginx, args),
    {},
    port,
  );
  return { ...server, stopSignal: 'SIGQUIT' };
}

if (!opts['no-build']) {
  const build = spawnSync(process.execPath, ['tools/build.mjs', 'assets'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
if (spawnSync('hey', ['-n', '1', 'http://127.0.0.1:1/'], { stdio: 'ignore' }).error) {
  console.error('hey is not installed (Debian: apt-get install -y hey)');
  process.exit(1);
}

const servers = [];
const scratch = mkdtempSync(path.join(tmpdir(), 'assets-bench-'));
try {
  const service = await start(
    `assets service (node ${serviceFlags('assets')})`,
    pinnedTo(serverCpu, process.execPath, serviceArgs('assets')),
    serviceEnv(),
    await freePort(),
  );
  servers.push(service);
  const { body, headers } = await servedBytes(service);
  const bodyFile = path.join(scratch, 'body');
  writeFileSync(bodyFile, body);
  const raw = await start(
    'raw node:http',
    pinnedTo(serverCpu, process.execPath, ['-e', RAW_SERVER]),
    { BODY_FILE: bodyFile, HEADERS: JSON.stringify(headers) },
    await freePort(),
  );
  servers.unshift(raw);
  // The twin serves the folder as it is, without the service's pre-compressed files.
  if (opts.encoding) console.log(`\nno bare Fastify row: it has no .br/.gz files to send`);
  else {
    const twin = await start(
      `bare Fastify + @fastify/static (node ${serviceFlags('assets')})`,
      pinnedTo(serverCpu, process.execPath, [...nodeFlags('assets'), '-e', STATIC_TWIN]),
      { ...serviceEnv(), ROOT: path.join(publicDir, 'assets') },
      await freePort(),
    );
    servers.splice(1, 0, twin);
  }
  const nginx = await startNginx(scratch);
  if (typeof nginx === 'string') console.log(`\nno nginx row: ${nginx}`);
  else servers.splice(1, 0, nginx);

  for (const server of servers) await load(server, WARMUP_SECONDS);
  const best = new Map();
  for (let round = 0; round < rounds; round++) {
    for (const server of servers) {
      const r = await load(server, duration);
      const prev = best.get(server);
      best.set(server, {
        r: !prev || r.rps > prev.r.rps ? r : prev.r,
        runs: [...(prev?.runs ?? []), r.rps],
        cpu: Math.min(prev?.cpu ?? Infinity, r.cpuUsPerRequest),
        heyCpu: Math.max(prev?.heyCpu ?? 0, r.generatorCpu),
      });
    }
  }
  const rows = servers.map((server) => ({ server, ...best.get(server), mem: memoryMb(server) }));

  const pinning = serverCpu
    ? `servers on CPU ${serverCpu}, hey on CPU ${clientCpu}`
    : 'not pinned (one core, or --no-pin)';
  console.log(
    `\nGET /assets/${opts.image}${opts.encoding ? ` (Accept-Encoding: ${opts.encoding})` : ''}: ` +
      `${body.length} bytes, hey, ${connections} connections, best of ${rounds} × ${duration} s, ` +
      `${pinning}, node ${process.version}, ` +
      `load average ${readFileSync('/proc/loadavg', 'utf8').split(' ')[0]}\n`,
  );
  console.log(
    '| server | req/s (best) | all rounds | p50 ms | p99 ms | CPU µs/req | hey CPU | RSS after MB | peak RSS MB | start to healthy ms |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const { server, r, runs, cpu, heyCpu, mem } of rows) {
    console.log(
      `| ${server.name} | ${r.rps} | ${runs.join(', ')} | ${r.p50.toFixed(1)} | ` +
        `${r.p99.toFixed(1)} | ${cpu.toFixed(0)} | ${Math.round(heyCpu * 100)} % | ` +
        `${mem.rss.toFixed(0)} | ${mem.peak.toFixed(0)} | ${server.startMs.toFixed(0)} |`,
    );
  }
  const svc = rows.at(-1);
  const ratios = rows
    .slice(0, -1)
    .map(
      (row) =>
        `vs ${row.server.name}: req/s ${(svc.r.rps / row.r.rps).toFixed(2)}, ` +
        `CPU per request ${(svc.cpu / row.cpu).toFixed(2)}×, RSS ${(svc.mem.rss / row.mem.rss).toFixed(2)}×`,
    );
  console.log(`\nassets service ${ratios.join('; ')} (target: ≥ 0.5 of nginx's req/s)`);
  const bound = rows.filter((row) => row.heyCpu >= GENERATOR_BOUND);
  if (bound.length > 0) {
    console.log(
      `hey used ≥ ${GENERATOR_BOUND * 100} % of its CPU against ${bound.map((row) => row.server.name).join(', ')}: ` +
        'there the generator, not the server, may be the limit (req/s is a lower bound)',
    );
  }
} finally {
  for (const server of servers) await stop(server);
  rmSync(scratch, { recursive: true, force: true });
}
