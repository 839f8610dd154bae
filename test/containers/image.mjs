// One image run as its ECS task runs it: read-only root with a /tmp tmpfs, no capabilities, the
// image's own user, port 8080 published on loopback. Then what ECS and the workshop rely on, and
// what the image must not hold.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import {
  HARDENING,
  healthCheckArgs,
  inspect,
  logsOf,
  engine,
  removeContainers,
  startContainer,
  stopWithSigterm,
  waitHealthy,
} from './engine.mjs';
import { api, browser } from './shopper.mjs';

export const HEALTHY_WITHIN_MS = 60_000; // the task definitions' startPeriod
export const STOP_WITHIN_MS = 5_000;

// One API call per image from outside, through the published port, on in-memory data.
const API_PROBES = {
  catalog: async (base) => {
    const r = await api(`${base}/catalogue`);
    return [r.status === 200 && r.json?.length > 0, `GET /catalogue ${r.status}`];
  },
  cart: async (base) => {
    const r = await api(`${base}/carts/containers-probe`);
    return [r.status === 200 && Array.isArray(r.json?.items), `GET /carts/{id} ${r.status}`];
  },
  orders: async (base) => {
    const r = await api(`${base}/orders`);
    return [r.status === 200 && Array.isArray(r.json), `GET /orders ${r.status}`];
  },
  assets: async (base) => {
    const r = await api(`${base}/assets/gentleman.jpg`);
    return [r.status === 200 && r.type === 'image/jpeg', `GET /assets/gentleman.jpg ${r.status}`];
  },
  checkout: async (base) => {
    const r = await api(`${base}/checkout/containers-probe/update`, {
      method: 'POST',
      body: { subtotal: 0, items: [] },
    });
    return [r.status === 201 && r.json?.total === 0, `POST /checkout/{id}/update ${r.status}`];
  },
  ui: async (base) => {
    const r = await browser(base).page('GET', '/home');
    return [r.status === 200 && r.html.includes('<title>'), `GET /home ${r.status}`];
  },
};

// Prints the source maps under /app that still carry the TypeScript they were made from.
const EMBEDDED_SOURCES = `
const fs = require('fs'), path = require('path');
for (const f of fs.readdirSync('/app', { recursive: true })) {
  if (!f.endsWith('.map') || f.startsWith('node_modules')) continue;
  const m = JSON.parse(fs.readFileSync(path.join('/app', f), 'utf8'));
  if ((m.sourcesContent ?? []).some(Boolean)) console.log('/app/' + f);
}`;

/** The health check command of every ECS task definition that runs the service's image. */
export function taskHealthChecks(root, service) {
  const dir = path.join(root, 'deploy/ecs/task-definitions');
  const commands = new Set();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const task = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
    for (const c of task.containerDefinitions ?? []) {
      if (c.image?.includes(`/retail-store-sample-${service.name}:`) && c.healthCheck) {
        commands.add(JSON.stringify(c.healthCheck.command));
      }
    }
  }
  return [...commands].map((c) => JSON.parse(c));
}

/** Package names only development installs have: the root lockfile's `dev: true` entries. */
export function devOnlyPackages(root) {
  const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
  const dev = new Set();
  const prod = new Set();
  for (const [where, entry] of Object.entries(lock.packages)) {
    if (!where.includes('node_modules/')) continue;
    const name = where.slice(where.lastIndexOf('node_modules/') + 'node_modules/'.length);
    (entry.dev ? dev : prod).add(name);
  }
  return new Set([...dev].filter((n) => !prod.has(n)));
}

/**
 * Every path of the container's root file system, listed as root. Without capabilities root
 * cannot enter another user's private folder (the stand-in's apt cache): those are returned as
 * `unreadable` rather than failing the listing.
 */
async function listFiles(name) {
  const find = ['find', '/', '-xdev', '(', '-path', '/proc', '-o', '-path', '/sys', ')', '-prune'];
  const { status, stdout, stderr } = await engine(
    ['exec', '--user', '0', name, ...find, '-o', '-print'],
    { timeoutMs: 60_000 },
  );
  const errors = stderr.split('\n').filter((l) => l.startsWith('find: '));
  const denied = errors.filter((l) => l.endsWith(': Permission denied'));
  if (status !== 0 && (status !== 1 || denied.length === 0 || denied.length < errors.length)) {
    return { paths: undefined, unreadable: [stderr.trim()] };
  }
  return {
    paths: stdout.split('\n').filter(Boolean),
    unreadable: denied.map((l) => /'([^']+)'/.exec(l)?.[1] ?? l),
  };
}

async function contentChecks(check, name, devOnly) {
  const { paths, unreadable } = await listFiles(name);
  const listed = check(
    `file system listed${unreadable.length > 0 ? ` (unreadable: ${unreadable.join(', ')})` : ''}`,
    paths !== undefined && !unreadable.some((p) => p.startsWith('/app')),
    unreadable.join('\n'),
  );
  if (!listed) return;
  const packages = new Set(
    paths
      .filter((p) => p.startsWith('/app/'))
      .map((p) => /\/node_modules\/((?:@[^/]+\/)?[^/@.][^/]*)$/.exec(p)?.[1])
      .filter(Boolean),
  );
  const dev = [...packages].filter((n) => devOnly.has(n));
  check(`no dev dependencies among ${packages.size} packages`, dev.length === 0, dev.join(', '));
  const ours = paths.filter((p) => !p.includes('/node_modules/'));
  const tests = ours.filter(
    (p) =>
      /\.(spec|e2e-spec|int-spec|test)\.[cm]?[jt]sx?$|\/jest\.config\.[cm]?js$/.test(p) ||
      (p.startsWith('/app/') && /\/(test|__tests__)$/.test(p)),
  );
  check('no tests', tests.length === 0, tests.slice(0, 5).join(', '));
  const sources = ours.filter(
    (p) =>
      (/\.[cm]?tsx?$/.test(p) && !/\.d\.[cm]?ts$/.test(p)) ||
      /\/tsconfig[^/]*\.json$|^\/app\/project\.json$/.test(p),
  );
  check('no sources', sources.length === 0, sources.slice(0, 5).join(', '));
  const maps = await engine(['exec', name, 'node', '-e', EMBEDDED_SOURCES]);
  check(
    'no sources inside source maps',
    maps.status === 0 && maps.stdout.trim() === '',
    `${maps.stdout} ${maps.stderr}`,
  );
  const envFiles = paths.filter((p) => /\/\.env(\.[^/]*)?$/.test(p));
  check('no .env files', envFiles.length === 0, envFiles.join(', '));
}

/**
 * Runs the image once and checks it; fills `row` with the figures (healthyMs, appSize, stopMs).
 * The container is removed whatever happens.
 */
export async function checkImage({ root, service, image, row, checks, devOnly }) {
  const check = (label, ok, detail) => checks.check(`${service.name}: ${label}`, ok, detail);
  const name = `rsct-${process.pid}-${service.name}`;
  const publish = ['-p', `127.0.0.1:${service.port}:8080`];
  const started = await startContainer(name, [...HARDENING, ...publish, image]);
  if (
    !check(
      'starts read-only, without capabilities, as its own user',
      started.status === 0,
      started.stderr,
    )
  ) {
    return;
  }
  try {
    for (const command of taskHealthChecks(root, service)) {
      const ms = await waitHealthy(name, command, HEALTHY_WITHIN_MS);
      row.healthyMs ??= ms;
      const healthy = check(
        `the task definition's health check passes: ${command.slice(1).join(' ')}`,
        ms !== undefined,
        (await logsOf(name)).slice(-2000),
      );
      if (!healthy) return;
    }
    const own = (await inspect(name))?.Config?.Healthcheck?.Test;
    const ran = own ? await engine(['exec', name, ...healthCheckArgs(own)]) : undefined;
    check("the image's HEALTHCHECK passes", ran?.status === 0, ran?.stderr ?? 'no HEALTHCHECK');
    const [answered, what] = await API_PROBES[service.name](
      `http://127.0.0.1:${service.port}`,
    ).catch((e) => [false, String(e)]);
    check(`answers from outside: ${what}`, answered, what);
    const uid = (await engine(['exec', name, 'id', '-u'])).stdout.trim();
    check('runs as uid 1000', uid === '1000', `uid ${uid}`);
    const bash = await engine(['exec', name, '/bin/bash', '-c', 'echo "$BASH_VERSION"']);
    check('/bin/bash runs (ECS Exec)', bash.status === 0, bash.stderr);
    await contentChecks(check, name, devOnly);
    const du = await engine(['exec', name, 'du', '-sk', '/app']);
    row.appSize = Number(du.stdout.split('\t')[0]) * 1024 || undefined;

    const { code, ms } = await stopWithSigterm(name, STOP_WITHIN_MS * 2);
    row.stopMs = ms;
    check(
      'exits with 0 within 5 s of SIGTERM',
      code === 0 && ms <= STOP_WITHIN_MS,
      ms === undefined ? 'still running' : `exit ${code} after ${(ms / 1000).toFixed(1)} s`,
    );
    // A write outside /tmp fails on the read-only root; Node names the error.
    const refused = (await logsOf(name))
      .split('\n')
      .filter((l) => /EROFS|read-only file system|EACCES/i.test(l));
    check('wrote nothing outside /tmp', refused.length === 0, refused.slice(0, 3).join('\n'));
  } finally {
    await removeContainers([name]);
  }
}
