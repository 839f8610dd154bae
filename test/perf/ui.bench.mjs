#!/usr/bin/env node
// The storefront with live catalog and cart services (both in memory): req/s, p50/p99 and errors
// for /home and /catalog at 50 connections, each against a raw node:http server sending the
// same HTML; RSS of the three processes after the load; UI start to first 200 on
// /actuator/health. Every request is a new visitor (no cookie): a new SESSIONID, one catalog
// call and one cart call per page. `node test/perf/ui.bench.mjs` (DURATION=seconds per run,
// default 10; builds the services first).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, load, root, rssMb, startProcess, stop } from './lib.mjs';

const duration = Number(process.env.DURATION ?? 10);
for (const name of ['ui', 'catalog', 'cart']) {
  execFileSync(process.execPath, ['tools/build.mjs', name], { cwd: root, stdio: 'ignore' });
}
const main = (name) => path.join(root, 'dist/services', name, 'main.js');
const HTML = { accept: 'text/html' };

const catalogPort = await freePort();
const catalog = await startProcess([main('catalog')], {}, catalogPort, '/health');
const cartPort = await freePort();
const cart = await startProcess([main('cart')], {}, cartPort, '/actuator/health');
const uiPort = await freePort();
const ui = await startProcess(
  [main('ui')],
  {
    ENDPOINTS_CATALOG: `http://127.0.0.1:${catalogPort}`,
    ENDPOINTS_CARTS: `http://127.0.0.1:${cartPort}`,
  },
  uiPort,
  '/actuator/health',
);

const rows = [];
for (const route of ['/home', '/catalog']) {
  const url = `http://127.0.0.1:${uiPort}${route}`;
  await load(url, { duration: 2, headers: HTML }); // warm-up
  const result = await load(url, { duration, headers: HTML });

  const html = Buffer.from(await (await fetch(url, { headers: HTML })).arrayBuffer());
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
  rows.push({ route, result, raw: rawResult, bytes: html.length });
}
const rss = { ui: rssMb(ui.child.pid), catalog: rssMb(catalog.child.pid), cart: rssMb(cart.child.pid) };
for (const svc of [ui, catalog, cart]) await stop(svc.child);

console.log(
  `ui with live catalog + cart (in memory), autocannon 50 connections, ${duration} s per run, ${new Date().toISOString()}`,
);
console.log('| page | bytes | ui req/s | p50 ms | p99 ms | errors | raw req/s | raw p99 ms |');
console.log('|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(
    `| ${r.route} | ${r.bytes} | ${r.result.rps} | ${r.result.p50} | ${r.result.p99} | ${r.result.errors} | ${r.raw.rps} | ${r.raw.p99} |`,
  );
}
console.log(
  `RSS after the load: ui ${rss.ui} MB, catalog ${rss.catalog} MB, cart ${rss.cart} MB; ui start to healthy ${Math.round(ui.startMs)} ms`,
);
