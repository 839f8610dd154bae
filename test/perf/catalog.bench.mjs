#!/usr/bin/env node
// Catalog in memory vs a raw node:http server answering the same bytes: req/s, p99, the ratio,
// both RSS after the load, and start to first 200 on /health. `node test/perf/catalog.bench.mjs`
// (builds the service first; DURATION=seconds per run, default 10).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  freePort,
  load,
  root,
  rssMb,
  serviceArgs,
  serviceFlags,
  startProcess,
  stop,
} from './lib.mjs';

const duration = Number(process.env.DURATION ?? 10);
execFileSync(process.execPath, ['tools/build.mjs', 'catalog'], { cwd: root, stdio: 'ignore' });

const routes = ['/catalogue', '/catalogue/product/808a2de1-1aaa-4c25-a9b9-6612e8f29a38'];
const rows = [];
for (const route of routes) {
  const port = await freePort();
  const svc = await startProcess(serviceArgs('catalog'), {}, port, '/health');
  const bytes = Buffer.from(await (await fetch(`http://127.0.0.1:${port}${route}`)).arrayBuffer());
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'bench-')), 'body.json');
  writeFileSync(file, bytes);
  await load(`http://127.0.0.1:${port}${route}`, { duration: 2 }); // warm-up
  const nest = await load(`http://127.0.0.1:${port}${route}`, { duration });
  const nestRss = rssMb(svc.child.pid);
  await stop(svc.child);

  const rawPort = await freePort();
  const raw = await startProcess(
    [path.join(root, 'test/perf/raw-server.mjs'), file],
    {},
    rawPort,
    '/',
  );
  await load(`http://127.0.0.1:${rawPort}${route}`, { duration: 2 });
  const rawResult = await load(`http://127.0.0.1:${rawPort}${route}`, { duration });
  const rawRss = rssMb(raw.child.pid);
  await stop(raw.child);

  rows.push({ route, nest, nestRss, raw: rawResult, rawRss, startMs: Math.round(svc.startMs) });
}

console.log(
  `catalog (in memory), autocannon 50 connections, ${duration} s per run, node ${serviceFlags()}, ${new Date().toISOString()}`,
);
console.log(
  '| route | catalog req/s | p99 ms | raw req/s | p99 ms | ratio | catalog RSS MB | raw RSS MB | RSS ratio | errors | start ms |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(
    `| ${r.route.replace(/[0-9a-f-]{36}/, '{id}')} | ${r.nest.rps} | ${r.nest.p99} | ${r.raw.rps} | ${r.raw.p99} | ${(r.nest.rps / r.raw.rps).toFixed(2)} | ${r.nestRss} | ${r.rawRss} | ${(r.nestRss / r.rawRss).toFixed(2)} | ${r.nest.errors} | ${r.startMs} |`,
  );
}
