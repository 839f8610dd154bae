#!/usr/bin/env node
// Builds the six images from their Dockerfiles and runs each as its ECS task runs it, then the
// whole store from those images, then the UI alone (test/containers/README.md). Needs Docker or
// podman and takes minutes: its own command, not part of `npm test`.
//
// Usage: node test/containers/run.mjs
//   CONTAINER_ENGINE=E    docker or podman (default: docker when installed, else podman)
//   REQUIRE_CONTAINERS=1  fail instead of skipping where this machine cannot run containers
//                         (with stand-ins, also run where podman is missing: the tool installs it)
//   CONTAINER_STANDINS=F  a script that makes local stand-ins for base images this machine cannot
//                         pull (CI: ../shared/tools/container-standins.sh); unset, builds pull them
//   REFRESH_STANDINS=1    import the stand-in base images again even when they exist
// Exit 0 when every check passed (or the run was skipped, with the reason printed), else 1.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVICES, endpointsFor } from '../../tools/services.mjs';
import { Checks } from './checks.mjs';
import {
  HEALTHY_WITHIN_MS,
  STOP_WITHIN_MS,
  checkImage,
  devOnlyPackages,
  taskHealthChecks,
} from './image.mjs';
import {
  CONTAINERS_CONF,
  ENGINE,
  HARDENING,
  IS_PODMAN,
  STANDINS,
  engineAnswers,
  logsOf,
  engine,
  removeContainers,
  removeOrphans,
  run,
  startContainer,
  stopWithSigterm,
  waitFor,
  waitHealthy,
} from './engine.mjs';
import { api, browser, shopToOrder } from './shopper.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const standins = STANDINS === undefined ? undefined : path.resolve(root, STANDINS);
const logDir = path.join(root, 'tmp/containers');
const BUILD_TIMEOUT_MS = 20 * 60_000;
const RUN_TIMEOUT_MS = 60 * 60_000;

const image = (s) => `retail-store-sample-${s.name}:test`;
const BUILD = IS_PODMAN
  ? ['build', '--format', 'docker', ...(standins === undefined ? [] : ['--pull=never'])]
  : ['build'];
// How a build says it took the dependencies' layer from the cache: podman (buildah) prints
// `--> Using cache <id>` after the step; BuildKit, whose progress is plain text when not on a
// terminal, `#<n> CACHED` under the step's own `#<n> [...] RUN ...`; Docker's legacy builder
// ` ---> Using cache`.
const DEPS_CACHED = IS_PODMAN
  ? /RUN npm ci --ignore-scripts[^\n]*\n--> Using cache/
  : /#(\d+) \[[^\]]*\] RUN npm ci --ignore-scripts[^\n]*\n#\1 CACHED|RUN npm ci --ignore-scripts[^\n]*\n ---> Using cache/;
const byName = (name) => SERVICES.find((s) => s.name === name);
const local = (s) => `http://127.0.0.1:${s.port}`;
const seconds = (ms) => (ms === undefined ? '-' : `${(ms / 1000).toFixed(1)} s`);
const megabytes = (bytes) => (bytes === undefined ? '-' : `${Math.round(bytes / 1e6)} MB`);

/** One row of the summary per image; `store` holds the rest (build cache, store, ui alone). */
const rows = new Map(SERVICES.map((s) => [s.name, { service: s, checks: new Checks() }]));
const store = new Checks();
const phases = [];
const failures = () => [...[...rows.values()].flatMap((r) => r.checks.failures), ...store.failures];

async function phase(name, body) {
  const begun = performance.now();
  console.log(`\n== ${name}`);
  try {
    await body();
  } finally {
    phases.push(`${name} ${seconds(performance.now() - begun)}`);
  }
}

function skip(reason) {
  if (process.env.REQUIRE_CONTAINERS === '1') {
    console.error(`containers: cannot run: ${reason} (REQUIRE_CONTAINERS=1)`);
    process.exit(1);
  }
  console.log(`containers: skipped: ${reason} (REQUIRE_CONTAINERS=1 makes this a failure)`);
  process.exit(0);
}

/** The images the Dockerfiles start FROM that this machine lacks (all of them without podman). */
async function missingBaseImages() {
  const names = new Set();
  for (const service of SERVICES) {
    const file = path.join(root, 'services', service.name, 'Dockerfile');
    for (const [, name] of readFileSync(file, 'utf8').matchAll(/^FROM\s+(\S+)/gm)) names.add(name);
  }
  const missing = [];
  for (const name of names) {
    if ((await engine(['image', 'exists', name])).status !== 0) missing.push(name);
  }
  return existsSync(CONTAINERS_CONF) ? missing : [...names];
}

function portInUse(port) {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function portsFree(checks, label, ports) {
  const busy = [];
  for (const port of ports) if (await portInUse(port)) busy.push(port);
  return checks.check(label, busy.length === 0, `in use: ${busy.join(', ')}`);
}

// ---------------------------------------------------------------------------------------------

/**
 * One after the other, so the first build installs the workspace's dependencies and the other
 * five find that layer in the cache (their Dockerfiles are the same up to that step).
 */
async function buildImages() {
  for (const service of SERVICES) {
    const row = rows.get(service.name);
    const before = await engine(['image', 'inspect', '--format', '{{.Id}}', image(service)]);
    row.previousId = before.status === 0 ? before.stdout.trim() : undefined;
    const dockerfile = `services/${service.name}/Dockerfile`;
    const build = await engine(
      [...BUILD, '--network', 'host'].concat(['-f', dockerfile, '-t', image(service), '.']),
      { timeoutMs: BUILD_TIMEOUT_MS, cwd: root },
    );
    const log = path.join(logDir, `build-${service.name}.log`);
    const output = build.stdout + build.stderr;
    writeFileSync(log, output);
    row.buildMs = build.ms;
    row.layers = [...output.matchAll(/^--> (?:Using cache )?([0-9a-f]{12,64})$/gm)].map(
      (m) => m[1],
    );
    row.deps = DEPS_CACHED.test(output) ? 'cached' : 'installed';
    const built = row.checks.check(`${service.name}: builds`, build.status === 0, `see ${log}`);
    if (!built) continue;
    const inspected = await engine([
      'image',
      'inspect',
      '--format',
      '{{.Id}} {{.Size}}',
      image(service),
    ]);
    const [id, size] = inspected.stdout.trim().split(' ');
    row.imageId = id;
    row.size = Number(size);
    console.log(`  ${seconds(build.ms)}, ${megabytes(row.size)}, dependencies ${row.deps}`);
  }
  const installs = [...rows.values()].filter((r) => r.deps === 'installed').length;
  store.check('the workspace dependencies are installed at most once', installs <= 1, installs);
}

async function eachImage() {
  const devOnly = devOnlyPackages(root);
  for (const service of SERVICES) {
    const row = rows.get(service.name);
    if (row.size === undefined) continue;
    const label = `${service.name}: 127.0.0.1:${service.port} is free`;
    if (!(await portsFree(row.checks, label, [service.port]))) continue;
    await checkImage({ root, service, image: image(service), row, checks: row.checks, devOnly });
  }
}

/**
 * The six containers on the host network at the local ports of DESIGN.md's table, in memory,
 * wired as `npm start` wires the processes; a shopper then buys through the UI.
 */
async function wholeStore() {
  if (
    !(await portsFree(
      store,
      'store: its ports are free',
      SERVICES.map((s) => s.port),
    ))
  )
    return;
  if (
    !store.check(
      'store: every image built',
      SERVICES.every((s) => rows.get(s.name).size),
    )
  ) {
    return;
  }
  const names = new Map();
  try {
    for (const service of SERVICES) {
      const wiring = endpointsFor(service, SERVICES, (s) => `http://localhost:${s.port}`);
      const env = { PORT: String(service.port), ...wiring };
      const name = `rsct-${process.pid}-store-${service.name}`;
      names.set(service, name);
      const started = await startContainer(name, [
        ...HARDENING,
        '--network',
        'host',
        ...Object.entries(env).flatMap(([k, v]) => ['-e', `${k}=${v}`]),
        image(service),
      ]);
      const given = Object.keys(wiring).join(', ');
      store.check(
        `store: ${service.name} starts on :${service.port}${given ? ` with ${given}` : ''}`,
        started.status === 0,
        started.stderr,
      );
    }
    for (const [service, name] of names) {
      const health = `${local(service)}${service.health}`;
      const ms = await waitFor(
        name,
        async () => (await api(health)).status === 200,
        HEALTHY_WITHIN_MS,
      );
      const logs = ms === undefined ? (await logsOf(name)).slice(-2000) : '';
      store.check(`store: ${service.name} healthy on ${service.health}`, ms !== undefined, logs);
    }
    const ready = await api(`${local(byName('ui'))}/actuator/health/readiness`).catch((e) => ({
      status: String(e),
      text: '',
    }));
    store.check('store: the UI is ready with all five services', ready.status === 200, ready.text);
    const orderId = await shopToOrder(
      {
        ui: local(byName('ui')),
        catalog: local(byName('catalog')),
        carts: local(byName('cart')),
        orders: local(byName('orders')),
      },
      (label, ok, detail) => store.check(`store: ${label}`, ok, detail),
    );
    if (orderId) console.log(`  order ${orderId}`);
    for (const [service, name] of names) {
      const { code, ms } = await stopWithSigterm(name, STOP_WITHIN_MS * 2);
      store.check(
        `store: ${service.name} exits with 0 on SIGTERM`,
        code === 0 && ms <= STOP_WITHIN_MS,
        `exit ${code} after ${seconds(ms)}`,
      );
    }
  } finally {
    await removeContainers([...names.values()]);
  }
}

/** The workshop's first step: the UI image with no ENDPOINTS_*, on its mocks. */
async function uiAlone() {
  const ui = byName('ui');
  if (!rows.get('ui').size) return;
  if (!(await portsFree(store, `ui alone: 127.0.0.1:${ui.port} is free`, [ui.port]))) return;
  const name = `rsct-${process.pid}-ui-alone`;
  try {
    const started = await startContainer(name, [
      ...HARDENING,
      '-p',
      `127.0.0.1:${ui.port}:8080`,
      image(ui),
    ]);
    if (!store.check('ui alone: starts', started.status === 0, started.stderr)) return;
    const [command] = taskHealthChecks(root, ui);
    const ms = await waitHealthy(name, command, HEALTHY_WITHIN_MS);
    store.check('ui alone: healthy', ms !== undefined, (await logsOf(name)).slice(-2000));
    const home = await browser(local(ui))
      .page('GET', '/home')
      .catch((e) => ({ status: String(e), html: '' }));
    store.check(
      'ui alone: the home page shows the mock catalog (product1 at $123)',
      home.status === 200 && home.html.includes('product1') && home.html.includes('$123'),
      `status ${home.status}`,
    );
  } finally {
    await removeContainers([name]);
  }
}

/**
 * Images this run left without a name: each `:test` image a new build replaced (`rmi` takes
 * its untagged parents with it), and build-stage results of these Dockerfiles from earlier
 * builds (superseded cache). What this run built stays: it is the next run's cache.
 */
async function removeLeftoverImages(runStarted) {
  const current = [...rows.values()].flatMap((r) => r.layers ?? []);
  const isCurrent = (id) => current.some((layer) => id.startsWith(layer));
  const replaced = [...rows.values()]
    .filter((r) => r.previousId && r.previousId !== r.imageId && !isCurrent(r.previousId))
    .map((r) => r.previousId);
  // BuildKit keeps its build stages in its own cache, not as untagged images.
  if (!IS_PODMAN) return removeImages(replaced);
  const { stdout } = await engine([
    'images',
    '-a',
    '--filter',
    'dangling=true',
    '--format',
    'json',
  ]);
  const superseded = [];
  for (const { Id: id, Created: created } of JSON.parse(stdout || '[]')) {
    if (isCurrent(id) || created * 1000 >= runStarted) continue;
    const history = await engine([
      'image',
      'history',
      '--no-trunc',
      '--format',
      '{{.CreatedBy}}',
      id,
    ]);
    const last = history.stdout.split('\n')[0];
    if (/node tools\/build\.mjs \S+ +&& node tools\/service-lockfile\.mjs/.test(last)) {
      superseded.push(id);
    }
  }
  return removeImages([...replaced, ...superseded]);
}

/** Removes each image it can; resolves with how many went. */
async function removeImages(ids) {
  let removed = 0;
  for (const id of ids) {
    if ((await engine(['rmi', id])).status === 0) removed += 1;
  }
  return removed;
}

function summary() {
  const table = [
    ['image', 'size', '/app', 'build', 'deps', 'healthy in', 'SIGTERM → exit', 'checks'],
    ...[...rows.values()].map((r) => [
      image(r.service),
      megabytes(r.size),
      megabytes(r.appSize),
      seconds(r.buildMs),
      r.deps ?? '-',
      seconds(r.healthyMs),
      seconds(r.stopMs),
      r.checks.tally,
    ]),
    ['build cache, store, ui alone', '', '', '', '', '', '', store.tally],
  ];
  const widths = table[0].map((_, i) => Math.max(...table.map((r) => r[i].length)));
  console.log('');
  for (const r of table)
    console.log(
      r
        .map((c, i) => c.padEnd(widths[i]))
        .join('  ')
        .trimEnd(),
    );
  console.log(`\n${phases.join(', ')}`);
  for (const { label, detail } of failures()) {
    const tail = detail.trim().split('\n').slice(-10).join('\n     ');
    console.log(`FAIL ${label}${tail ? `\n     ${tail}` : ''}`);
  }
}

async function main() {
  const runStarted = Date.now();
  // The stand-in tool installs podman, so a run that requires containers may start without it.
  const installsEngine = standins !== undefined && process.env.REQUIRE_CONTAINERS === '1';
  if (!engineAnswers() && !installsEngine)
    skip(`\`${ENGINE} info\` fails: no ${ENGINE} to build with`);
  if (standins !== undefined) {
    if (!IS_PODMAN) skip(`the stand-ins are podman images, but CONTAINER_ENGINE is ${ENGINE}`);
    if (process.getuid?.() !== 0) skip('the stand-in tool and rootful podman need root');
    if (!existsSync(standins)) skip(`CONTAINER_STANDINS names ${standins}, which does not exist`);
  }
  mkdirSync(logDir, { recursive: true });

  let cleaning;
  const cleanUp = () => (cleaning ??= removeContainers());
  const abort = (why) => {
    console.error(`\ncontainers: ${why}: removing this run's containers`);
    void cleanUp().then(() => process.exit(1));
  };
  process.once('SIGINT', () => abort('SIGINT'));
  process.once('SIGTERM', () => abort('SIGTERM'));
  setTimeout(
    () => abort(`still running after ${RUN_TIMEOUT_MS / 60_000} min`),
    RUN_TIMEOUT_MS,
  ).unref();

  try {
    await phase('base images', async () => {
      const missing = standins === undefined ? [] : await missingBaseImages();
      if (standins === undefined) {
        console.log('  pulled from their registries by the builds (CONTAINER_STANDINS is unset)');
      } else if (missing.length > 0 || process.env.REFRESH_STANDINS === '1') {
        const tool = await run('bash', [standins], { timeoutMs: 15 * 60_000 });
        store.check('the stand-in tool sets podman up', tool.status === 0, tool.stderr);
      } else {
        // The tool imports anew each time, and a new base image id makes every build cold.
        console.log('  present, kept (REFRESH_STANDINS=1 imports them again)');
      }
      const orphans = await removeOrphans();
      if (orphans > 0) console.log(`  removed ${orphans} containers of an earlier, killed run`);
    });
    if (failures().length > 0) return;
    await phase('build', buildImages);
    await phase('each image as its ECS task runs it', eachImage);
    await phase('the store from images: host network, in memory', wholeStore);
    await phase('the ui alone', uiAlone);
  } catch (error) {
    // A phase that throws is a failure too, so the verdict and exit code never read "passed".
    store.check('the run finishes without an error', false, error?.stack ?? error);
  } finally {
    await phase('clean-up', async () => {
      await cleanUp();
      const removed = await removeLeftoverImages(runStarted);
      console.log(`  containers removed; ${removed} untagged images of earlier builds removed`);
    });
    summary();
    const verdict = failures().length > 0 ? 'FAILED' : 'all checks passed';
    console.log(`\ncontainers: ${verdict} in ${seconds(Date.now() - runStarted)}`);
  }
}

await main();
process.exit(failures().length > 0 ? 1 : 0);
