#!/usr/bin/env node
// The write paths against their floors (not a jest test): checkout's update, the cart's add item
// and orders' create, each in memory, beside the same POST answered by bare NestJS with
// nestjs-pino's request logging, by bare NestJS, by bare Fastify (framework-twin.mjs) and by raw
// node:http (raw-server.mjs), every one reading and parsing the same JSON body and answering the
// service's own bytes. Shows what the framework and the logging cost before any service code runs.
//
//   node test/perf/write-floor.bench.mjs   (DURATION=seconds per round, default 5; ROUNDS, 3;
//                                           RATE=requests per second, default 1000)
//
// All load runs at one fixed rate, so each server does the same work and the CPU it spent per
// request (/proc, user + system) compares whatever else the shared machine does; rounds take
// turns across the servers. "of raw" is raw's CPU per request over the server's: the share of
// raw's throughput the server can reach on one core.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CART_ITEM, CHECKOUT_UPDATE, ORDER } from './bodies.mjs';
import {
  cpuMs,
  freePort,
  load,
  nodeFlags,
  root,
  serviceArgs,
  serviceEnv,
  storeFlags,
  startProcess,
  stop,
} from './lib.mjs';
import { serviceByName } from '../../tools/services.mjs';

const duration = Number(process.env.DURATION ?? 5);
const rounds = Number(process.env.ROUNDS ?? 3);
const rate = Number(process.env.RATE ?? 1000);
const ROUTES = [
  {
    service: 'checkout',
    path: '/checkout/floor/update',
    template: '/checkout/:id/update',
    body: CHECKOUT_UPDATE,
  },
  // A cart per request, as shoppers have (autocannon replaces `[<id>]`).
  { service: 'cart', path: '/carts/[<id>]/items', template: '/carts/:id/items', body: CART_ITEM },
  { service: 'orders', path: '/orders', template: '/orders', body: ORDER },
];
for (const { service } of ROUTES) {
  execFileSync(process.execPath, ['tools/build.mjs', service], { cwd: root, stdio: 'ignore' });
}
const perf = (file) => path.join(root, 'test/perf', file);
const dir = mkdtempSync(path.join(tmpdir(), 'write-floor-'));

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function measure({ service, path: route, template, body }) {
  const json = JSON.stringify(body);
  const request = {
    method: 'POST',
    body: json,
    headers: { 'content-type': 'application/json' },
    idReplacement: route.includes('[<id>]'),
  };
  const start = async (name, args, env, ready) => {
    const port = await freePort();
    return { name, port, ...(await startProcess(args, env, port, ready, 30_000)) };
  };
  const svc = await start(
    service,
    serviceArgs(service),
    serviceEnv(),
    serviceByName(service).health,
  );
  const sample = await fetch(`http://127.0.0.1:${svc.port}${route.replace('[<id>]', 'sample')}`, {
    method: 'POST',
    body: json,
    headers: request.headers,
  });
  const file = path.join(dir, `${service}.json`);
  writeFileSync(file, Buffer.from(await sample.arrayBuffer()));
  // The twins run with the service's flags and environment; the raw server with neither.
  const twin = (name, kind) =>
    start(
      name,
      [...nodeFlags(service), perf('framework-twin.mjs'), kind, file, template, 'post'],
      serviceEnv(),
      '/health',
    );
  const servers = [
    svc,
    await twin('NestJS + nestjs-pino', 'nest-pino'),
    await twin('bare NestJS', 'nest'),
    await twin('bare Fastify', 'fastify'),
    await start('raw node:http', [perf('raw-server.mjs'), file], {}, '/'),
  ];
  const cpu = servers.map(() => []);
  const errors = servers.map(() => 0);
  try {
    for (const server of servers) {
      await load(`http://127.0.0.1:${server.port}${route}`, { ...request, duration: 2 }); // warm-up
    }
    for (let i = 0; i < rounds; i++) {
      for (const [k, server] of servers.entries()) {
        const before = cpuMs(server.child.pid);
        const result = await load(`http://127.0.0.1:${server.port}${route}`, {
          ...request,
          connections: 20,
          duration,
          rate,
        });
        cpu[k].push(((cpuMs(server.child.pid) - before) * 1000) / result.requests);
        errors[k] += result.errors;
      }
    }
  } finally {
    for (const server of servers) await stop(server.child);
  }
  const raw = median(cpu.at(-1));
  return servers.map((server, k) => ({
    route: `${service} POST ${template.replace(':id', '{id}')}`,
    name: server.name,
    us: median(cpu[k]),
    rounds: cpu[k],
    ofRaw: raw / median(cpu[k]),
    errors: errors[k],
  }));
}

try {
  const rows = [];
  for (const route of ROUTES) rows.push(...(await measure(route)));
  console.log(
    `write paths in memory and their floors: ${rate} req/s, 20 connections, median of ${rounds} interleaved rounds of ${duration} s; ${storeFlags(ROUTES.map((r) => r.service))} (the framework twins too; raw node:http with node's defaults), ${new Date().toISOString()}`,
  );
  console.log('| route | server | CPU µs/req (rounds) | of raw | errors |');
  console.log('|---|---|---|---|---|');
  for (const r of rows) {
    const each = r.rounds.map(Math.round).join(', ');
    console.log(
      `| ${r.route} | ${r.name} | ${Math.round(r.us)} (${each}) | ${r.ofRaw.toFixed(2)} | ${r.errors} |`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
