#!/usr/bin/env node
// Two builds of one service, or one build under two sets of node flags, side by side (not a jest
// test): each round starts A then B, warms it up, loads one route at a fixed rate with autocannon
// on loopback and reads the CPU it spent per request (/proc, user + system) and its RSS after the
// load. A fixed rate gives both the same work, so CPU per request is comparable even on a shared
// host; rounds alternate so that a change in the host's speed hits both alike.
//
//   node test/perf/compare.mjs <service> <path> [--a dist/services/<service>] [--b <other dist>]
//        [--flags-a="<node flags>"] [--flags-b="<node flags>"] [--body CHECKOUT_UPDATE]
//        [--rate 1000] [--connections 20] [--duration 5] [--rounds 3] [--env NAME=value ...]
//
// A build is a folder holding main.js under the repository (its packages resolve from the
// repository's node_modules), e.g. the output of `node tools/build.mjs <service>` copied aside
// before a change. Flags default to the service's own (tools/services.mjs's nodeFlagsOf).
// `--body` names an export of bodies.mjs and makes the request a JSON POST; `--env` adds a
// variable to both (e.g. `--env REDIS_URL=redis://127.0.0.1:6379` for checkout on Redis).
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as bodies from './bodies.mjs';
import {
  cpuMs,
  freePort,
  load,
  nodeFlags,
  root,
  rssMb,
  serviceEnv,
  startProcess,
  stop,
} from './lib.mjs';
import { serviceByName } from '../../tools/services.mjs';

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    a: { type: 'string' },
    b: { type: 'string' },
    'flags-a': { type: 'string' },
    'flags-b': { type: 'string' },
    body: { type: 'string' },
    rate: { type: 'string', default: '1000' },
    connections: { type: 'string', default: '20' },
    duration: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '3' },
    env: { type: 'string', multiple: true, default: [] },
  },
});
const [name, route] = positionals;
const service = name && serviceByName(name);
if (!service || !route?.startsWith('/') || (opts.body && !(opts.body in bodies))) {
  console.error(
    'usage: compare.mjs <service> <path> [--a dir] [--b dir] [--flags-a ..] [--body NAME]',
  );
  process.exit(2);
}

const own = path.join(root, 'dist/services', name);
const flagsOf = (given) =>
  given === undefined ? nodeFlags(name) : given.split(' ').filter(Boolean);
const sides = [
  { label: 'A', dir: path.resolve(opts.a ?? own), flags: flagsOf(opts['flags-a']), rounds: [] },
  { label: 'B', dir: path.resolve(opts.b ?? own), flags: flagsOf(opts['flags-b']), rounds: [] },
];
const request = opts.body
  ? {
      method: 'POST',
      body: JSON.stringify(bodies[opts.body]),
      headers: { 'content-type': 'application/json' },
      idReplacement: route.includes('[<id>]'),
    }
  : { method: 'GET', idReplacement: route.includes('[<id>]') };
const env = {
  ...serviceEnv(),
  ...Object.fromEntries(
    opts.env.map((pair) => [pair.split('=')[0], pair.slice(pair.indexOf('=') + 1)]),
  ),
};
const loadOptions = { ...request, connections: Number(opts.connections), rate: Number(opts.rate) };

async function round(side) {
  const port = await freePort();
  const { child, startMs } = await startProcess(
    [...side.flags, path.join(side.dir, 'main.js')],
    env,
    port,
    service.health,
  );
  try {
    const url = `http://127.0.0.1:${port}${route}`;
    await load(url, { ...loadOptions, duration: 2 });
    const before = cpuMs(child.pid);
    const result = await load(url, { ...loadOptions, duration: Number(opts.duration) });
    const cpuUs = Math.round(((cpuMs(child.pid) - before) * 1000) / result.requests);
    return { cpuUs, rss: rssMb(child.pid), startMs: Math.round(startMs), errors: result.errors };
  } finally {
    await stop(child);
  }
}

const describe = (side) =>
  `${side.label}: ${path.relative(root, side.dir)} with ${side.flags.join(' ') || "node's defaults"}`;
console.log(
  `${name} ${request.method} ${route}, ${opts.rate} req/s, ${opts.connections} connections, ` +
    `${opts.duration} s per round after 2 s of warm-up`,
);
for (const side of sides) console.log(describe(side));
for (let i = 1; i <= Number(opts.rounds); i++) {
  const results = [];
  for (const side of sides) {
    const result = await round(side);
    side.rounds.push(result);
    results.push(
      `${side.label} ${result.cpuUs} µs, ${result.rss} MB, start ${result.startMs} ms` +
        (result.errors ? `, ${result.errors} errors` : ''),
    );
  }
  console.log(`round ${i}: ${results.join(' | ')}`);
}

const span = (values) => {
  const sorted = [...values].sort((x, y) => x - y);
  return `${sorted[0]}–${sorted.at(-1)} (median ${sorted[Math.floor((sorted.length - 1) / 2)]})`;
};
for (const side of sides) {
  console.log(
    `${side.label}: CPU µs/request ${span(side.rounds.map((r) => r.cpuUs))}, RSS after MB ` +
      `${span(side.rounds.map((r) => r.rss))}, start ms ${span(side.rounds.map((r) => r.startMs))}`,
  );
}
