#!/usr/bin/env node
// Catalog in memory vs a raw node:http server answering the same bytes: req/s, p99, the ratio,
// both RSS after the load, and start to first 200 on /health. `node test/perf/catalog.bench.mjs`
// (builds the service first; DURATION=seconds per round, default 5; ROUNDS, default 3).
//
// Both servers run at once and take turns under load, round after round, so a change in the
// shared machine's speed hits both alike; the best round of each is compared, and the CPU time
// each spent per request (from /proc/<pid>/stat) is shown beside it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
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

const duration = Number(process.env.DURATION ?? 5);
const rounds = Number(process.env.ROUNDS ?? 3);
execFileSync(process.execPath, ['tools/build.mjs', 'catalog'], { cwd: root, stdio: 'ignore' });

/** CPU time (user + system) the process has used so far, in ms. */
const cpuMs = (pid) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
};

async function round(server, route) {
  const before = cpuMs(server.child.pid);
  const result = await load(`http://127.0.0.1:${server.port}${route}`, { duration });
  const usPerRequest = ((cpuMs(server.child.pid) - before) * 1000) / result.requests;
  return { ...result, usPerRequest };
}

const best = (results) => results.reduce((a, b) => (b.rps > a.rps ? b : a));

const routes = ['/catalogue', '/catalogue/product/808a2de1-1aaa-4c25-a9b9-6612e8f29a38'];
const rows = [];
for (const route of routes) {
  const port = await freePort();
  const svc = {
    ...(await startProcess(serviceArgs('catalog'), serviceEnv(), port, '/health')),
    port,
  };
  const bytes = Buffer.from(await (await fetch(`http://127.0.0.1:${port}${route}`)).arrayBuffer());
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'bench-')), 'body.json');
  writeFileSync(file, bytes);
  const rawPort = await freePort();
  const raw = {
    ...(await startProcess([path.join(root, 'test/perf/raw-server.mjs'), file], {}, rawPort, '/')),
    port: rawPort,
  };
  for (const server of [svc, raw]) {
    await load(`http://127.0.0.1:${server.port}${route}`, { duration: 2 }); // warm-up
  }
  const nest = [];
  const plain = [];
  for (let i = 0; i < rounds; i++) {
    nest.push(await round(svc, route));
    plain.push(await round(raw, route));
  }
  rows.push({
    route,
    nest,
    raw: plain,
    nestRss: rssMb(svc.child.pid),
    rawRss: rssMb(raw.child.pid),
    startMs: Math.round(svc.startMs),
  });
  await stop(svc.child);
  await stop(raw.child);
}

console.log(
  `catalog (in memory), autocannon 50 connections, best of ${rounds} interleaved rounds of ${duration} s, node ${serviceFlags()}, ${new Date().toISOString()}`,
);
console.log(
  '| route | catalog req/s (rounds) | p99 ms | CPU µs/req | raw req/s (rounds) | p99 ms | CPU µs/req | ratio | catalog RSS MB | raw RSS MB | RSS ratio | errors | start ms |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  const [n, w] = [best(r.nest), best(r.raw)];
  const all = (results) => results.map((x) => x.rps).join(', ');
  const errors = r.nest.reduce((sum, x) => sum + x.errors, 0);
  console.log(
    `| ${r.route.replace(/[0-9a-f-]{36}/, '{id}')} | ${n.rps} (${all(r.nest)}) | ${n.p99} | ${Math.round(n.usPerRequest)} | ${w.rps} (${all(r.raw)}) | ${w.p99} | ${Math.round(w.usPerRequest)} | ${(n.rps / w.rps).toFixed(2)} | ${r.nestRss} | ${r.rawRss} | ${(r.nestRss / r.rawRss).toFixed(2)} | ${errors} | ${r.startMs} |`,
  );
}
