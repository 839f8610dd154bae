#!/usr/bin/env node
// Runs every benchmark in test/perf (*.bench.mjs: each service against raw node:http, then the
// store scenario in memory and on the local servers, with the workshop's hey step) one after
// another, and writes test/perf/RESULTS.md: the machine, then each benchmark's own markdown.
// Nothing else should run on the machine meanwhile; the load average is recorded either way.
// What follows the KEPT line in the current RESULTS.md (hand-written analyses: where the CPU
// goes, before/after figures of a change) is carried over to the new file.
//
//   node test/perf/run-all.mjs [--quick] [--only catalog,store]
//
// --quick: a smoke run with 2 s loads and a 10 s store scenario (figures not worth publishing;
// RESULTS.md is then written to tmp/perf/RESULTS.quick.md instead). Each benchmark is bounded
// by its own watchdog and by a limit here; a failing one is reported and the others still run.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { root } from './lib.mjs';

const { values: opts } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, only: { type: 'string' } },
});
const perfDir = path.join(root, 'test/perf');
const only = opts.only?.split(',');

// The store scenario runs twice through `npm start`, at the shopper rates it must hold (issue
// 21's load target): with every service in memory, then on the real backends (`--real`).
const STORE_RUNS = [
  { title: 'store, in memory', args: ['--npm-start', '--backends', 'memory', '--rate', '40'] },
  {
    title: 'store, on MariaDB, PostgreSQL, RabbitMQ, Redis and dynalite',
    args: ['--npm-start', '--backends', 'real', '--rate', '30'],
  },
];
const KEPT = '<!-- kept by run-all.mjs: everything below is written by hand -->';
// Short settings for --quick, per benchmark (they take their durations in different ways).
const QUICK = {
  env: { DURATION: '2' },
  args: {
    assets: ['--duration', '2', '--rounds', '1'],
    cart: ['--duration', '2'],
    checkout: ['--duration', '2'],
    store: ['--rate', '3', '--duration', '10', '--hey-duration', '10'],
  },
};
const LIMIT_MS = 20 * 60_000;

const runs = readdirSync(perfDir)
  .filter((f) => f.endsWith('.bench.mjs'))
  .map((f) => f.replace('.bench.mjs', ''))
  .filter((name) => !only || only.includes(name))
  .sort((a, b) => (a === 'store') - (b === 'store') || a.localeCompare(b))
  .flatMap((name) =>
    name === 'store'
      ? STORE_RUNS.map((r) => ({ name, title: r.title, args: r.args }))
      : [{ name, title: name, args: [] }],
  );

function machine() {
  const cpus = os.cpus();
  const hey = spawnSync('hey', ['-h'], { stdio: 'ignore' }).error === undefined;
  return [
    `- CPU: ${cpus[0]?.model.trim() ?? 'unknown'}, ${os.availableParallelism()} cores (nproc)`,
    `- Memory: ${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    `- OS: ${os.type()} ${os.release()} ${os.arch()}`,
    `- Node.js: ${process.version}`,
    `- Load generator: autocannon (per-service runs), undici (store flow), ${hey ? 'hey' : 'autocannon in place of hey (not installed)'} (workshop step)`,
  ];
}

const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(', ');

/** Runs one benchmark, streaming its stderr; resolves with its stdout, exit code and time. */
function runBench({ name, args }) {
  const env = { ...process.env, ...(opts.quick ? QUICK.env : {}) };
  const extra = opts.quick ? (QUICK.args[name] ?? []) : [];
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [path.join(perfDir, `${name}.bench.mjs`), ...args, ...extra],
      { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      process.stdout.write(d);
    });
    const limit = setTimeout(() => child.kill('SIGKILL'), LIMIT_MS);
    child.once('close', (code, signal) => {
      clearTimeout(limit);
      resolve({
        out,
        code: code ?? signal,
        seconds: Math.round((performance.now() - started) / 1000),
      });
    });
  });
}

const startedAt = new Date();
const sections = [];
const loadBefore = loadAverage();
for (const bench of runs) {
  process.stderr.write(`run-all: ${bench.title}\n`);
  const result = await runBench(bench);
  const status =
    result.code === 0
      ? `${result.seconds} s`
      : `**failed** (exit ${result.code}) after ${result.seconds} s`;
  sections.push(
    `## ${bench.title}\n\n\`node test/perf/${bench.name}.bench.mjs${bench.args.length ? ` ${bench.args.join(' ')}` : ''}\` — ${status}, load average after: ${loadAverage()}\n\n${result.out.trim()}\n`,
  );
}

const failed = sections.filter((s) => s.includes('**failed**')).length;
const report = `# Measured performance

Written by \`node test/perf/run-all.mjs\`${opts.quick ? ' --quick (a smoke run: not figures to publish)' : ''}, ${startedAt.toISOString()}; ${Math.round((Date.now() - startedAt.getTime()) / 60_000)} min, ${runs.length - failed} of ${runs.length} benchmarks completed.

## Machine

${machine().join('\n')}
- Load average (1, 5, 15 min) before the run: ${loadBefore}. The machine is shared: anything
  else running inflates latencies and lowers req/s, so compare ratios to the raw node:http rows
  more than absolute figures, and rerun when the load average was high.

Every load runs on loopback (127.0.0.1). "raw" rows are a plain node:http server answering the
same bytes (after reading and parsing a POST's JSON body), the bar each service is measured
against; orders has a second one that keeps every posted order, the bar for its in-memory store.
"write-floor" puts the write paths beside that bar and the frameworks in between. RSS is VmRSS from /proc after the load; start-up
is spawn to the first 200 from the health endpoint.

${sections.join('\n')}
## Reproduce

\`\`\`bash
apt-get install -y hey                 # the workshop's load tool (autocannon stands in without it)
node test/perf/run-all.mjs             # everything, about 20 min; rewrites this file
node test/perf/store.bench.mjs --npm-start --backends real --rate 30   # one scenario
node test/perf/profile.mjs checkout-update   # where one write path's CPU goes
node test/perf/compare.mjs catalog /catalogue --a <old build>   # two builds side by side
node test/perf/write-floor.bench.mjs   # the write paths against bare NestJS, Fastify and node:http
\`\`\`
`;

const target = opts.quick
  ? path.join(root, 'tmp/perf/RESULTS.quick.md')
  : path.join(perfDir, 'RESULTS.md');
const previous = path.join(perfDir, 'RESULTS.md');
const kept = existsSync(previous) ? readFileSync(previous, 'utf8').split(KEPT)[1] : undefined;
mkdirSync(path.dirname(target), { recursive: true });
writeFileSync(target, kept === undefined ? report : `${report}\n${KEPT}${kept}`);
// The repository's format check covers committed markdown: write it as Prettier would.
spawnSync(
  process.execPath,
  [path.join(root, 'node_modules/prettier/bin/prettier.cjs'), '--write', target],
  {
    stdio: 'ignore',
  },
);
process.stderr.write(`run-all: wrote ${path.relative(root, target)}\n`);
process.exit(failed === 0 ? 0 : 1);
