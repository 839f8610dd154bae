#!/usr/bin/env node
// Catalog in memory vs a raw node:http server answering the same bytes: req/s, p99, the ratio,
// both RSS after the load, and start to first 200 on /health. `node test/perf/catalog.bench.mjs`
// (builds the service first; DURATION=seconds per round, default 5; ROUNDS, default 3).
// Between them, the framework floor (framework-twin.mjs): the same JSON from bare NestJS on
// Fastify and from bare Fastify, so the table shows what the framework costs and what the
// service adds on top.
//
// All servers run at once and take turns under load, round after round, so a change in the
// shared machine's speed hits them alike; the best round of each is compared, and the CPU time
// each spent per request (from /proc/<pid>/stat) is shown beside it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  cpuMs,
  freePort,
  load,
  nodeFlags,
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

async function round(server, route) {
  const before = cpuMs(server.child.pid);
  const result = await load(`http://127.0.0.1:${server.port}${route}`, { duration });
  const usPerRequest = ((cpuMs(server.child.pid) - before) * 1000) / result.requests;
  return { ...result, usPerRequest };
}

const best = (results) => results.reduce((a, b) => (b.rps > a.rps ? b : a));

const perf = (file) => path.join(root, 'test/perf', file);
const routes = ['/catalogue', '/catalogue/product/808a2de1-1aaa-4c25-a9b9-6612e8f29a38'];
const rows = [];
for (const route of routes) {
  const port = await freePort();
  const svc = {
    name: 'catalog',
    ...(await startProcess(serviceArgs('catalog'), serviceEnv(), port, '/health')),
    port,
  };
  const bytes = Buffer.from(await (await fetch(`http://127.0.0.1:${port}${route}`)).arrayBuffer());
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'bench-')), 'body.json');
  writeFileSync(file, bytes);
  const template = route.replace(/[0-9a-f-]{36}/, ':id');
  const twin = async (name, args, env = {}) => {
    const twinPort = await freePort();
    return { name, ...(await startProcess(args, env, twinPort, route)), port: twinPort };
  };
  // The framework twins run with the service's flags and environment; the raw server with none.
  const framework = (name, kind) =>
    twin(
      name,
      [...nodeFlags('catalog'), perf('framework-twin.mjs'), kind, file, template],
      serviceEnv(),
    );
  const servers = [
    svc,
    await framework('bare NestJS + Fastify', 'nest'),
    await framework('bare Fastify', 'fastify'),
    await twin('raw node:http', [perf('raw-server.mjs'), file]),
  ];
  for (const server of servers) {
    await load(`http://127.0.0.1:${server.port}${route}`, { duration: 2 }); // warm-up
  }
  const results = servers.map(() => []);
  for (let i = 0; i < rounds; i++) {
    for (const [k, server] of servers.entries()) results[k].push(await round(server, route));
  }
  for (const [k, server] of servers.entries()) {
    rows.push({
      route,
      name: server.name,
      results: results[k],
      rss: rssMb(server.child.pid),
      startMs: Math.round(server.startMs),
    });
  }
  for (const server of servers) await stop(server.child);
}

console.log(
  `catalog (in memory), autocannon 50 connections, best of ${rounds} interleaved rounds of ${duration} s, node ${serviceFlags('catalog')} (the framework twins too; raw node:http with node's defaults), ${new Date().toISOString()}`,
);
console.log(
  '| route | server | req/s (rounds) | p99 ms | CPU µs/req | req/s vs raw | RSS MB | RSS vs raw | errors | start ms |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|');
const summary = [];
for (const route of routes) {
  const mine = rows.filter((r) => r.route === route);
  const raw = mine.at(-1);
  const rawBest = best(raw.results);
  for (const r of mine) {
    const b = best(r.results);
    const errors = r.results.reduce((sum, x) => sum + x.errors, 0);
    console.log(
      `| ${route.replace(/[0-9a-f-]{36}/, '{id}')} | ${r.name} | ${b.rps} (${r.results.map((x) => x.rps).join(', ')}) | ${b.p99} | ${Math.round(b.usPerRequest)} | ${(b.rps / rawBest.rps).toFixed(2)} | ${r.rss} | ${(r.rss / raw.rss).toFixed(2)} | ${errors} | ${r.startMs} |`,
    );
  }
  const [svc, nest, fastify] = mine.map((r) => best(r.results).rps / rawBest.rps);
  summary.push(
    `${route.replace(/[0-9a-f-]{36}/, '{id}')}: catalog/raw ${svc.toFixed(2)} (target ≥ 0.6); the framework alone: bare NestJS ${nest.toFixed(2)}, bare Fastify ${fastify.toFixed(2)}`,
  );
}
console.log(`\n${summary.join('\n')}`);
