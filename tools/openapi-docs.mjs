#!/usr/bin/env node
// Writes docs/api/<service>.openapi.json: the OpenAPI document each service serves, taken from a
// fresh build of its source run in memory, so the committed copy is what a client gets.
//
// Usage: node tools/openapi-docs.mjs [--check] [--out DIR] [SERVICE...]
//   --check    write nothing: exit 1 naming each copy that differs from what its service serves
//   --out DIR  where the copies are (default: docs/api)
//   SERVICE    default: every service whose definition names an OpenAPI document (jsonPath)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { SERVICES } from './services.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const READY_WITHIN_MS = 20_000;

/** Where a service serves its document, read from its definition (the one place it is written). */
function documentPath(name) {
  const file = path.join(root, 'services', name, 'src', `${name}.definition.ts`);
  if (!existsSync(file)) return undefined;
  const match = /jsonPath:\s*'([^']+)'/.exec(readFileSync(file, 'utf8'));
  return match === null ? undefined : `/${match[1]}`;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Builds the service, runs it with no backend configured and fetches its document. */
async function servedDocument(name, docPath) {
  const build = spawnSync(process.execPath, [path.join(root, 'tools/build.mjs'), name], {
    cwd: root,
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`${name}: build failed\n${build.stdout}${build.stderr}`);
  const port = await freePort();
  const env = { PATH: process.env.PATH, PORT: String(port), NODE_ENV: 'production' };
  const child = spawn(process.execPath, [path.join(root, 'dist/services', name, 'main.js')], {
    cwd: root,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
  try {
    const deadline = Date.now() + READY_WITHIN_MS;
    for (;;) {
      try {
        const response = await fetch(`http://127.0.0.1:${port}${docPath}`);
        if (response.ok) return await response.json();
        throw new Error(`${name}: GET ${docPath} answered ${response.status}`);
      } catch (error) {
        if (child.exitCode !== null || Date.now() > deadline) {
          throw new Error(`${name}: no document at ${docPath} (${error.message})\n${stderr}`);
        }
        await sleep(100);
      }
    }
  } finally {
    child.kill('SIGTERM');
  }
}

/** The document as the repository's Prettier settings print JSON, so format:check agrees. */
async function formatted(document, file) {
  const options = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(JSON.stringify(document), { ...options, filepath: file });
}

const args = process.argv.slice(2);
const check = args.includes('--check');
const outAt = args.indexOf('--out');
const outDir = outAt >= 0 ? path.resolve(args[outAt + 1]) : path.join(root, 'docs/api');
const named = args.filter((arg, i) => !arg.startsWith('--') && i !== outAt + 1);
const services = (named.length > 0 ? named : SERVICES.map((s) => s.name))
  .map((name) => ({ name, docPath: documentPath(name) }))
  .filter(({ name, docPath }) => {
    if (docPath === undefined && named.includes(name)) {
      throw new Error(`${name} serves no OpenAPI document`);
    }
    return docPath !== undefined;
  });

const stale = [];
for (const { name, docPath } of services) {
  const file = path.join(outDir, `${name}.openapi.json`);
  const text = await formatted(await servedDocument(name, docPath), file);
  if (check) {
    if (!existsSync(file) || readFileSync(file, 'utf8') !== text) stale.push(file);
  } else {
    mkdirSync(outDir, { recursive: true });
    writeFileSync(file, text);
    console.log(`wrote ${path.relative(root, file)} (GET ${docPath})`);
  }
}
if (stale.length > 0) {
  for (const file of stale) console.error(`stale: ${path.relative(root, file)}`);
  console.error('run: node tools/openapi-docs.mjs');
  process.exit(1);
}
if (check) console.log(`current: ${services.map((s) => `${s.name}.openapi.json`).join(', ')}`);
