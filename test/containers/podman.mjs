// The commands the container test runs, each with a deadline, and the containers it starts, each
// removed again however the run ends. Nothing here throws for a non-zero exit: callers judge.
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

/** The stand-in tool for base images, from CONTAINER_STANDINS (relative to the repository root). */
export const STANDINS = process.env.CONTAINER_STANDINS || undefined;
/** Written by the stand-in tool: runc, cgroupfs, no ulimit overrides; podman's own otherwise. */
export const CONTAINERS_CONF = '/etc/containers/standin.conf';
const podmanEnv = STANDINS === undefined ? {} : { CONTAINERS_CONF };
const LABEL = 'retail-store-test=containers';

/**
 * Runs `command args` and resolves with its status (null when the deadline passed or it could
 * not start), output and duration. On the deadline it gets SIGINT first, so `podman build` can
 * remove its working containers, then SIGKILL.
 */
export function run(command, args, { timeoutMs = 60_000, env = {}, cwd } = {}) {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGINT');
      setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
    }, timeoutMs);
    const done = (status, error = '') => {
      clearTimeout(timer);
      resolve({
        status: timedOut ? null : status,
        stdout,
        stderr: timedOut ? `${stderr}\n(stopped after ${timeoutMs / 1000} s)` : stderr + error,
        ms: performance.now() - started,
      });
    };
    child.on('error', (e) => done(null, e.message));
    child.on('close', (status) => done(status));
  });
}

export const podman = (args, options = {}) =>
  run('podman', args, { ...options, env: { ...podmanEnv, ...options.env } });

/** `podman exec` of a health check as ECS and Docker read it: CMD-SHELL through /bin/sh. */
export const healthCheckArgs = ([kind, ...rest]) =>
  kind === 'CMD-SHELL' ? ['/bin/sh', '-c', rest[0]] : rest;

/** Containers this process started and has not removed yet, by name. */
const started = new Set();

/**
 * `podman run -d` under a name of this run, labelled with this process's pid so a later run can
 * tell a container left by a killed run from one of a run still going.
 */
export function startContainer(name, args) {
  started.add(name);
  return podman([
    'run',
    '-d',
    '--name',
    name,
    '--label',
    LABEL,
    '--label',
    `retail-store-test.pid=${process.pid}`,
    ...args,
  ]);
}

export async function removeContainers(names = [...started]) {
  if (names.length === 0) return;
  await podman(['rm', '-f', '-t', '0', ...names]);
  for (const name of names) started.delete(name);
}

/** Removes the containers of earlier runs whose process is gone (killed before its clean-up). */
export async function removeOrphans() {
  const { stdout } = await podman(['ps', '-a', '--filter', `label=${LABEL}`, '--format', 'json']);
  const orphans = JSON.parse(stdout || '[]')
    .filter((c) => !isAlive(Number(c.Labels?.['retail-store-test.pid'])))
    .map((c) => c.Id);
  if (orphans.length > 0) await podman(['rm', '-f', '-t', '0', ...orphans]);
  return orphans.length;
}

function isAlive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

export async function inspect(name) {
  const { stdout } = await podman(['inspect', '--format', 'json', name]);
  return JSON.parse(stdout || '[]')[0];
}

export async function logsOf(name) {
  const { stdout, stderr } = await podman(['logs', name]);
  return `${stdout}${stderr}`;
}

/**
 * Runs `check` until it resolves true; resolves with the time that took, or undefined once the
 * container has stopped or the deadline passed.
 */
export async function waitFor(name, check, timeoutMs) {
  const begun = performance.now();
  while (performance.now() - begun < timeoutMs) {
    if (await check().catch(() => false)) return performance.now() - begun;
    if ((await inspect(name))?.State?.Running !== true) return undefined;
    await sleep(250);
  }
  return undefined;
}

/** Until `podman exec` of the health check passes (the container listens on 8080 inside). */
export const waitHealthy = (name, command, timeoutMs) =>
  waitFor(
    name,
    async () => (await podman(['exec', name, ...healthCheckArgs(command)])).status === 0,
    timeoutMs,
  );

/**
 * SIGTERM, as ECS sends it to stop a task; resolves with the exit code and the time from the
 * signal to the exit podman recorded (both undefined while the container still runs).
 */
export async function stopWithSigterm(name, timeoutMs) {
  const signalled = Date.now();
  await podman(['kill', '-s', 'TERM', name]);
  await podman(['wait', name], { timeoutMs });
  const state = (await inspect(name))?.State;
  if (!state || state.Running) return { code: undefined, ms: undefined };
  // RFC 3339 with nanoseconds; Date.parse reads milliseconds.
  const finished = Date.parse(state.FinishedAt.replace(/(\.\d{3})\d*/, '$1'));
  return { code: state.ExitCode, ms: finished - signalled };
}

/** How docker/compose.yaml runs every service: read-only root, a small /tmp, no capabilities. */
export const HARDENING = [
  '--read-only',
  '--tmpfs',
  '/tmp:rw,noexec,nosuid,size=16m',
  '--cap-drop',
  'ALL',
  '--security-opt',
  'no-new-privileges',
];
