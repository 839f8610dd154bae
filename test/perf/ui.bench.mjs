#!/usr/bin/env node
// The storefront with live catalog and cart services (both in memory): req/s, p50/p99 and errors
// for /home and /catalog at 50 connections, each against a raw node:http server sending the
// same HTML; RSS of the three processes after the load; UI start to first 200 on
// /actuator/health. New visitors (no cookie) get a new SESSIONID and need no cart call; a
// returning visitor's page also asks carts for the badge. Catalog answers are reused for
// CATALOG_CACHE_SECONDS (5). `node test/perf/ui.bench.mjs` (DURATION=seconds per run, default
// 10; builds the services first).
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
  serviceEnv,
  storeFlags,
  startProcess,
  stop,
} from './lib.mjs';

const duration = Number(process.env.DURATION ?? 10);
for (const name of ['ui', 'catalog', 'cart']) {
  execFileSync(process.execPath, ['tools/build.mjs', name], { cwd: root, stdio: 'ignore' });
}
const HTML = { accept: 'text/html' };

const catalogPort = await freePort();
const catalog = await startProcess(serviceArgs('catalog'), serviceEnv(), catalogPort, '/health');
const cartPort = await freePort();
const cart = await startProcess(serviceArgs('cart'), serviceEnv(), cartPort, '/actuator/health');
const uiPort = await freePort();
const ui = await startProcess(
  serviceArgs('ui'),
  {
    ...serviceEnv(),
    ENDPOINTS_CATALOG: `http://127.0.0.1:${catalogPort}`,
    ENDPOINTS_CARTS: `http://127.0.0.1:${cartPort}`,
  },
  uiPort,
  '/actuator/health',
);

// A returning visitor with two watches in the cart: each page also asks carts for the badge.
// The ui replaces session ids it did not issue, so the visitor keeps the one its first page got.
const firstVisit = await fetch(`http://127.0.0.1:${uiPort}/home`, { headers: HTML });
const session = /^SESSIONID=[^;]+/.exec(firstVisit.headers.get('set-cookie') ?? '')?.[0];
if (!session) throw new Error('the ui set no SESSIONID cookie on a first visit');
const RETURNING = { ...HTML, cookie: session };
for (const productId of [
  '510a0d7e-8e83-4193-b483-e27e09ddc34d',
  '6d62d909-f957-430e-8689-b5129c0bb75e',
]) {
  await fetch(`http://127.0.0.1:${uiPort}/cart`, {
    method: 'POST',
    headers: { ...RETURNING, 'content-type': 'application/x-www-form-urlencoded' },
    body: `productId=${productId}`,
    redirect: 'manual',
  });
}

const rows = [];
for (const [label, route, headers] of [
  ['/home (new visitor)', '/home', HTML],
  ['/catalog (new visitor)', '/catalog', HTML],
  ['/home (returning, 2 in cart)', '/home', RETURNING],
]) {
  const url = `http://127.0.0.1:${uiPort}${route}`;
  await load(url, { duration: 2, headers }); // warm-up
  const result = await load(url, { duration, headers });

  const html = Buffer.from(await (await fetch(url, { headers })).arrayBuffer());
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'bench-')), 'page.html');
  writeFileSync(file, html);
  const rawPort = await freePort();
  const raw = await startProcess(
    [path.join(root, 'test/perf/raw-server.mjs'), file, 'text/html; charset=utf-8'],
    {},
    rawPort,
    '/',
  );
  await load(`http://127.0.0.1:${rawPort}/`, { duration: 2 });
  const rawResult = await load(`http://127.0.0.1:${rawPort}/`, { duration });
  await stop(raw.child);
  rows.push({ label, result, raw: rawResult, bytes: html.length });
}
const rss = {
  ui: rssMb(ui.child.pid),
  catalog: rssMb(catalog.child.pid),
  cart: rssMb(cart.child.pid),
};
for (const svc of [ui, catalog, cart]) await stop(svc.child);

console.log(
  `ui with live catalog + cart (in memory), autocannon 50 connections, ${duration} s per run, node flags ${storeFlags(['ui', 'catalog', 'cart'])}, ${new Date().toISOString()}`,
);
console.log('| page | bytes | ui req/s | p50 ms | p99 ms | errors | raw req/s | raw p99 ms |');
console.log('|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(
    `| ${r.label} | ${r.bytes} | ${r.result.rps} | ${r.result.p50} | ${r.result.p99} | ${r.result.errors} | ${r.raw.rps} | ${r.raw.p99} |`,
  );
}
console.log(
  `RSS after the load: ui ${rss.ui} MB, catalog ${rss.catalog} MB, cart ${rss.cart} MB; ui start to healthy ${Math.round(ui.startMs)} ms`,
);
