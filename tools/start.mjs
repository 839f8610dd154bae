#!/usr/bin/env node
// `npm start`: builds what is out of date, runs every service as its own process on the local
// ports of DESIGN.md's table (wired to each other through ENDPOINTS_*), waits for every health
// endpoint, prints where everything is, and stops every child on Ctrl+C or SIGTERM. Run
// `npm start -- --help` for the options.
import { spawn } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { clearTimeout, setInterval, setTimeout } from 'node:timers';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { RUNTIME_ENV, SERVICES, endpointsFor, isPresent, nodeFlagsOf } from './services.mjs';
import { formatLogLine, prefixFor } from './start/log-format.mjs';
import { prepareRealBackends } from './start/real-backends.mjs';
import { isStale, markBuilt } from './start/stale.mjs';

const HELP = `usage: npm start [-- options]

  --real               use the local MariaDB/MySQL, PostgreSQL, Redis and RabbitMQ when they
                       answer on 127.0.0.1, and a DynamoDB emulator (dynalite, its own
                       process) for the cart
  --db-name NAME       database the catalog (MySQL) and orders (PostgreSQL) use with --real,
                       created when missing (default retail_store)
  --only a,b           run only these services (the others stay mocked inside the ui)
  --port-offset N      add N to every local port (8888 becomes 8888+N)
  --timeout SECONDS    how long to wait for every service to be healthy (default 60)
  --verbose            also show NestJS's module and route start-up lines
`;

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const STOP_GRACE_MS = 15_000; // services drain for at most 10 s (DESIGN.md, Shutdown)
const LAST_LINES = 30;

const color = process.stdout.isTTY && !process.env.NO_COLOR;
const width = Math.max(...SERVICES.map((s) => s.name.length), 'start'.length);
const say = (line) =>
  process.stdout.write(`${prefixFor('start', SERVICES.length, width, color)}${line}\n`);
const fail = (line) =>
  process.stderr.write(`${prefixFor('start', SERVICES.length, width, color)}${line}\n`);

function parseOptions() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        real: { type: 'boolean', default: false },
        'db-name': { type: 'string', default: 'retail_store' },
        only: { type: 'string' },
        'port-offset': { type: 'string', default: '0' },
        timeout: { type: 'string', default: '60' },
        verbose: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    usage(error.message);
  }
  if (values.help) {
    process.stdout.write(HELP);
    process.exit(0);
  }
  const offset = Number(values['port-offset']);
  const maxPort = Math.max(...SERVICES.map((s) => s.port));
  if (!Number.isInteger(offset) || offset < -1024 || maxPort + offset > 65535) {
    usage(`--port-offset must be a whole number that keeps every port below 65536`);
  }
  const timeout = Number(values.timeout);
  if (!(timeout > 0)) usage('--timeout must be a positive number of seconds');
  if (!/^[a-z][a-z0-9_]{0,62}$/.test(values['db-name'])) {
    usage('--db-name must be lower-case letters, digits and _ (a MySQL and PostgreSQL name)');
  }
  const only = values.only?.split(',').map((n) => n.trim());
  const unknown = only?.filter((n) => !SERVICES.some((s) => s.name === n)) ?? [];
  if (unknown.length > 0) {
    usage(
      `unknown service ${unknown.join(', ')} (known: ${SERVICES.map((s) => s.name).join(', ')})`,
    );
  }
  return {
    real: values.real,
    dbName: values['db-name'],
    only,
    offset,
    timeoutMs: timeout * 1000,
    verbose: values.verbose,
  };
}

function usage(message) {
  fail(message);
  process.stderr.write(HELP);
  process.exit(2);
}

const portFree = (port) =>
  new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '0.0.0.0', exclusive: true }, () =>
      server.close(() => resolve(true)),
    );
  });

/** 200 from `path` within a second, or false. */
const healthy = (port, healthPath) =>
  new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: healthPath, timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.once('timeout', () => req.destroy());
    req.once('error', () => resolve(false));
  });

async function checkPorts(units) {
  const taken = [];
  for (const unit of units) {
    if (!(await portFree(unit.port))) taken.push(unit);
  }
  if (taken.length === 0) return;
  for (const unit of taken) {
    // Something answering our own health path there is most likely another `npm start`.
    const ours = await healthy(unit.port, unit.service.health);
    fail(
      `port ${unit.port} (${unit.service.name}) is already in use` +
        (ours
          ? `: a ${unit.service.name} already answers there; is the store running already?`
          : ''),
    );
  }
  fail('stop what holds these ports, or move every port: npm start -- --port-offset 1000');
  process.exit(1);
}

async function buildStale(units) {
  const stale = units.filter((u) => isStale(ROOT, u.service.name));
  if (stale.length === 0) return;
  say(`building ${stale.map((u) => u.service.name).join(', ')}`);
  const queue = [...stale];
  const failures = [];
  // Two at a time: esbuild and SWC already use a core each on this 2-core machine.
  const worker = async () => {
    for (let unit = queue.shift(); unit; unit = queue.shift()) {
      const { code, output } = await run(process.execPath, ['tools/build.mjs', unit.service.name]);
      if (code !== 0) failures.push({ unit, output });
      else markBuilt(ROOT, unit.service.name);
    }
  };
  await Promise.all([worker(), worker()]);
  for (const { unit, output } of failures) {
    fail(`build of ${unit.service.name} failed:`);
    process.stderr.write(output);
  }
  if (failures.length > 0) process.exit(1);
}

function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.once('close', (code) => resolve({ code, output }));
  });
}

// `npm start` is a developer's store: the lab's fail-cart step works there (the same-origin
// check still refuses other sites). The orders proxy stays off: orders' own port lists them.
const LOCAL_UI_ENV = { RETAIL_UI_CHAOS_ENABLED: 'true' };

/**
 * What a service inherits: RUNTIME_ENV (and LOCAL_UI_ENV for the ui), then the runner's
 * environment without the variables that pick a backend.
 */
function childEnv(unit, units, real) {
  const env = {
    ...RUNTIME_ENV,
    ...(unit.service.name === 'ui' ? LOCAL_UI_ENV : {}),
    ...process.env,
  };
  for (const name of unit.service.backendEnv) delete env[name];
  const running = units.map((u) => u.service);
  const baseUrl = (callee) => `http://localhost:${units.find((u) => u.service === callee).port}`;
  return {
    ...env,
    ...endpointsFor(unit.service, running, baseUrl),
    ...(real?.env[unit.service.name] ?? {}),
    PORT: String(unit.port),
  };
}

function startChild(unit, env, options) {
  const child = spawn(
    process.execPath,
    [...nodeFlagsOf(unit.service), path.join('dist/services', unit.service.name, 'main.js')],
    {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  unit.child = child;
  unit.lines = [];
  unit.exited = new Promise((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const prefix = prefixFor(unit.service.name, SERVICES.indexOf(unit.service), width, color);
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (raw) => {
      unit.lines.push(raw);
      if (unit.lines.length > LAST_LINES) unit.lines.shift();
      for (const line of formatLogLine(raw, { color, verbose: options.verbose })) {
        process.stdout.write(`${prefix}${line}\n`);
      }
    });
  }
}

function reportFailure(unit, what) {
  fail(`${unit.service.name} ${what}; its last ${unit.lines.length} log lines:`);
  const prefix = prefixFor(unit.service.name, SERVICES.indexOf(unit.service), width, color);
  for (const raw of unit.lines) {
    for (const line of formatLogLine(raw, { color, verbose: true })) {
      process.stderr.write(`${prefix}${line}\n`);
    }
  }
}

const describeExit = ({ code, signal }) =>
  signal ? `was killed by ${signal}` : `exited with code ${code}`;

function printTable(units, skipped, real) {
  const running = units.map((u) => u.service);
  const calls = (service) =>
    Object.keys(endpointsFor(service, running, () => ''))
      .map((variable) => running.find((s) => s.endpointVar === variable).name)
      .join(', ') || '-';
  const rows = [
    ['service', 'url', 'health', 'backend', 'calls', 'pid', 'state'],
    ...units.map((u) => [
      u.service.name,
      `http://localhost:${u.port}`,
      u.service.health,
      real?.backend[u.service.name] ?? 'embedded',
      calls(u.service),
      String(u.child.pid),
      `healthy in ${(u.healthyAt / 1000).toFixed(1)} s`,
    ]),
    ...skipped.map((s) => [s.name, '-', s.health, '-', '-', '-', 'skipped (not written yet)']),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  say('');
  for (const row of rows) {
    say(
      row
        .map((cell, i) => cell.padEnd(widths[i]))
        .join('  ')
        .trimEnd(),
    );
  }
  say('');
}

async function main() {
  const options = parseOptions();
  const selected = SERVICES.filter((s) => !options.only || options.only.includes(s.name));
  const skipped = selected.filter((s) => !isPresent(ROOT, s));
  for (const s of skipped) {
    say(`skipping ${s.name}: services/${s.name}/src/main.ts does not exist yet`);
  }
  const units = selected
    .filter((s) => isPresent(ROOT, s))
    .map((service) => ({ service, port: service.port + options.offset }));
  if (units.length === 0) {
    fail('no service to run');
    process.exit(1);
  }

  let stopping = false;
  let real;
  const stopAll = async (exitCode) => {
    stopping = true;
    const running = units.filter(
      (u) => u.child && u.child.exitCode === null && u.child.signalCode === null,
    );
    for (const u of running) u.child.kill('SIGTERM');
    const killer = setTimeout(() => {
      for (const u of running) u.child.kill('SIGKILL');
    }, STOP_GRACE_MS);
    const exits = await Promise.all(running.map((u) => u.exited));
    clearTimeout(killer);
    await real?.close();
    const unclean = running.filter(
      (u, i) => exits[i].code !== 0 && !['SIGTERM', 'SIGINT'].includes(exits[i].signal),
    );
    for (const u of unclean) {
      fail(`${u.service.name} ${describeExit(await u.exited)} while stopping`);
    }
    process.exit(exitCode || (unclean.length > 0 ? 1 : 0));
  };
  const onSignal = (signal) => {
    if (stopping) return;
    say(
      `${signal}: stopping ${
        units
          .filter((u) => u.child)
          .map((u) => u.service.name)
          .join(', ') || 'nothing'
      }`,
    );
    void stopAll(0);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // A closed terminal (EPIPE on our output) must not cut a shutdown short.
  process.stdout.on('error', () => {});
  process.stderr.on('error', () => {});
  // `npm start` runs us under `sh -c`, and sh does not pass on the SIGTERM npm forwards to it:
  // when our parent goes away, stop as if the signal had reached us.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) onSignal(`parent process ${parent} exited`);
  }, 250).unref();
  // Should the runner itself die, no service is left behind holding its port.
  process.on('exit', () => {
    for (const u of units) u.child?.kill('SIGKILL');
  });

  await checkPorts(units);
  await buildStale(units);
  if (stopping) return;
  if (options.real) {
    try {
      real = await prepareRealBackends(
        units.map((u) => u.service.name),
        options.dbName,
      );
    } catch (error) {
      // A server that answers but refuses us (a root password, no CREATE right) ends the run here.
      fail(`--real: could not prepare the local servers: ${error.message}`);
      process.exit(1);
    }
    for (const note of real.notes) say(note);
  }

  const started = performance.now();
  for (const unit of units) startChild(unit, childEnv(unit, units, real), options);
  for (const unit of units) {
    void unit.exited.then((exit) => {
      if (stopping) return;
      reportFailure(
        unit,
        unit.healthyAt === undefined
          ? `failed to start: it ${describeExit(exit)}`
          : describeExit(exit),
      );
      void stopAll(1);
    });
  }

  const deadline = started + options.timeoutMs;
  while (!stopping && units.some((u) => u.healthyAt === undefined)) {
    if (performance.now() > deadline) {
      for (const u of units.filter((x) => x.healthyAt === undefined)) {
        reportFailure(
          u,
          `did not answer ${u.service.health} with 200 within ${options.timeoutMs / 1000} s`,
        );
      }
      await stopAll(1);
      return;
    }
    await Promise.all(
      units
        .filter((u) => u.healthyAt === undefined)
        .map(async (u) => {
          if (await healthy(u.port, u.service.health)) u.healthyAt = performance.now() - started;
        }),
    );
    await sleep(50);
  }
  if (stopping) return;

  printTable(units, skipped, real);
  const total = process.uptime().toFixed(1);
  const ui = units.find((u) => u.service.name === 'ui');
  say(
    `${units.length} of ${selected.length} services healthy, ${total} s after start; Ctrl+C stops them`,
  );
  if (ui) say(`the store: http://localhost:${ui.port}`);
}

await main().catch((error) => {
  fail(`stopped by an unexpected error: ${error.stack ?? error}`);
  process.exit(1); // the exit handler above kills any service already started
});
