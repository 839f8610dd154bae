// Shared by the benchmarks: start a built service or a raw node:http twin as a child process,
// load it with autocannon (or hey, for large bodies) on loopback for a fixed time, read its RSS
// and CPU time. Everything is bounded.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { RUNTIME_ENV, nodeFlagsOf, serviceByName } from '../../tools/services.mjs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export async function freePort() {
  const server = createServer();
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  await new Promise((r) => server.close(r));
  return port;
}

/** Spawns `node <args>` and resolves once `readyPath` answers 200, with the start-up time. */
export async function startProcess(args, env, port, readyPath, timeoutMs = 15000) {
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      ...env,
      PORT: String(port),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}${readyPath}`)).status === 200) {
        return { child, startMs: performance.now() - started };
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  child.kill('SIGKILL');
  throw new Error(`${args.join(' ')} not ready on :${port}${readyPath}`);
}

export const rssMb = (pid) => {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
  return line ? Math.round(Number(line[1]) / 1024) : NaN;
};

/**
 * Load on one URL for `duration` seconds, or for exactly `amount` requests when given; returns
 * req/s, requests, p50/p99 latency (ms) and errors. With `idReplacement`, each `[<id>]` in the
 * URL or body is a new random id per request; with `rate`, no more than that many requests per
 * second in all.
 */
export async function load(
  url,
  {
    connections = 50,
    duration = 10,
    amount,
    method = 'GET',
    body,
    headers,
    idReplacement,
    rate,
  } = {},
) {
  const started = performance.now();
  const result = await autocannon({
    url,
    connections,
    duration,
    amount,
    method,
    body,
    headers,
    idReplacement,
    overallRate: rate,
  });
  const seconds = (performance.now() - started) / 1000;
  return {
    // Not requests.average, a mean over whole seconds: a counted run can last under a second.
    rps: Math.round(result.requests.total / seconds),
    requests: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

export async function stop(child) {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}

/**
 * Node's arguments for running a built service the way `npm start` and the images do (with its
 * flags from tools/services.mjs's nodeFlagsOf; spawn it with serviceEnv() too). BENCH_NODE_FLAGS
 * replaces those flags to compare others; `BENCH_NODE_FLAGS=` (empty) runs node's defaults. Raw
 * servers always run with node's defaults and neither.
 */
export function serviceArgs(name) {
  return [...nodeFlags(name), path.join(root, 'dist/services', name, 'main.js')];
}

/** The node flags serviceArgs passes for `name`, for another script that should run as it does. */
export function nodeFlags(name) {
  const override = process.env.BENCH_NODE_FLAGS;
  return override === undefined
    ? nodeFlagsOf(serviceByName(name))
    : override.split(' ').filter(Boolean);
}

/** The environment `npm start` and the images add (RUNTIME_ENV); BENCH_RUNTIME_ENV=0 leaves it out. */
export const serviceEnv = () => (process.env.BENCH_RUNTIME_ENV === '0' ? {} : { ...RUNTIME_ENV });

/** For a benchmark's header line: the flags serviceArgs passes and the variables serviceEnv adds. */
export const serviceFlags = (name) =>
  [
    nodeFlags(name).join(' ') || '(node defaults)',
    ...Object.entries(serviceEnv()).map(([k, v]) => `${k}=${v}`),
  ].join(' ');

/** The same for a run of several services: the services that share flags, then the flags. */
export function storeFlags(names) {
  const byFlags = new Map();
  for (const name of names) {
    const flags = nodeFlags(name).join(' ') || '(node defaults)';
    byFlags.set(flags, [...(byFlags.get(flags) ?? []), name]);
  }
  const groups = [...byFlags].map(([flags, group]) => `${group.join(', ')}: ${flags}`);
  return [...groups, ...Object.entries(serviceEnv()).map(([k, v]) => `${k}=${v}`)].join('; ');
}

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat. */
export function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // utime and stime are fields 14 and 15 of proc(5), in clock ticks (100 per second on Linux).
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** CPU seconds of this process's children that have exited (cutime + cstime): a finished `hey`. */
function exitedChildrenCpuSeconds() {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

/** `[command, args]` running `command args` on the CPUs listed (`0` or `0,1`; taskset), or as is. */
export const pinnedTo = (cpus, command, args) =>
  cpus ? ['taskset', ['-c', cpus, command, ...args]] : [command, args];

/**
 * Load on one URL with `hey` (it sustains large bodies where autocannon tops out), optionally
 * pinned to `cpus`. Returns req/s, p50/p99 (ms), non-2xx and errors, and the CPU hey used itself
 * as a share of the cores it may use: near 1, the generator and not the server is the limit.
 */
export async function heyLoad(url, { connections = 50, duration = 10, headers = {}, cpus } = {}) {
  const cores = cpus ? cpus.split(',').length : availableParallelism();
  const heyArgs = ['-z', `${duration}s`, '-c', String(connections), '-cpus', String(cores)];
  for (const [name, value] of Object.entries(headers)) heyArgs.push('-H', `${name}: ${value}`);
  const [command, args] = pinnedTo(cpus, 'hey', [...heyArgs, url]);
  const cpuBefore = exitedChildrenCpuSeconds();
  const started = performance.now();
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  const code = await new Promise((r) => child.once('close', r));
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`hey exited ${code}: ${out}`);
  const number = (re) => Number(re.exec(out)?.[1] ?? NaN);
  const sum = (matches) => matches.reduce((n, m) => n + Number(m.at(-1)), 0);
  const statuses = [...out.matchAll(/\[(\d{3})\]\s+(\d+) responses/g)];
  const all = sum(statuses);
  const ok = sum(statuses.filter(([, status]) => status.startsWith('2')));
  // Transport errors (resets, timeouts) are listed apart, as `[count] message`.
  const failed = sum([...(out.split('Error distribution:')[1] ?? '').matchAll(/\[(\d+)\]/g)]);
  return {
    rps: Math.round(number(/Requests\/sec:\s+([\d.]+)/)),
    requests: all,
    p50: number(/50% in ([\d.]+) secs/) * 1000,
    p99: number(/99% in ([\d.]+) secs/) * 1000,
    errors: all - ok + failed,
    generatorCpu: (exitedChildrenCpuSeconds() - cpuBefore) / seconds / cores,
  };
}

/** The same in milliseconds: other load inflates CPU time far less than wall time. */
export const cpuMs = (pid) => cpuSeconds(pid) * 1000;
