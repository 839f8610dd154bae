// The commands the container test runs, each with a deadline, and the containers it starts, each
// removed again however the run ends. Nothing here throws for a non-zero exit: callers judge.
// Docker and podman take the same commands, except where IS_PODMAN says otherwise.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** The stand-in tool for base images, from CONTAINER_STANDINS (relative to the repository root). */
export const STANDINS = process.env.CONTAINER_STANDINS || undefined;
/** Written by the stand-in tool: runc, cgroupfs, no ulimit overrides; podman's own otherwise. */
export const CONTAINERS_CONF = '/etc/containers/standin.conf';

/** Whether a container CLI is there and reaches its engine (a docker CLI may have no daemon). */
const answers = (cli) =>
  spawnSync(cli, ['info'], { stdio: 'ignore', timeout: 30_000 }).status === 0;
/**
 * $CONTAINER_ENGINE, else docker when its daemon answers, else podman; with stand-ins podman,
 * whose images and settings the stand-in tool makes.
 */
export const ENGINE =
  process.env.CONTAINER_ENGINE ??
  (STANDINS === undefined && answers('docker') ? 'docker' : 'podman');
export const IS_PODMAN = path.basename(ENGINE) === 'podman';
export const engineAnswers = () => answers(ENGINE);
const engineEnv = IS_PODMAN && STANDINS !== undefined ? { CONTAINERS_CONF } : {};
const LABEL = 'retail-store-test=containers';
const PID_LABEL = 'retail-store-test.pid';
// docker rm -f kills at once; podman's waits for its stop timeout unless told not to.
const REMOVE_NOW = IS_PODMAN ? ['rm', '-f', '-t', '0'] : ['rm', '-f'];

/**
 * Runs `command args` and resolves with its status (null when the deadline passed or it could
 * not start), output and duration. On the deadline it gets SIGINT first, so a build can
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

export const engine = (args, options = {}) =>
  run(ENGINE, args, { ...options, env: { ...engineEnv, ...options.env } });

/** `exec` of a health check as ECS and Docker read it: CMD-SHELL through /bin/sh. */
export const healthCheckArgs = ([kind, ...rest]) =>
  kind === 'CMD-SHELL' ? ['/bin/sh', '-c', rest[0]] : rest;

/** Containers this process started and has not removed yet, by name. */
const started = new Set();

/**
 * `run -d` under a name of this run, labelled with this process's pid so a later run can
 * tell a container left by a killed run from one of a run still going.
 */
export function startContainer(name, args) {
  started.add(name);
  return engine([
    'run',
    '-d',
    '--name',
    name,
    '--label',
    LABEL,
    '--label',
    `${PID_LABEL}=${process.pid}`,
    ...args,
  ]);
}

export async function removeContainers(names = [...started]) {
  if (names.length === 0) return;
  await engine([...REMOVE_NOW, ...names]);
  for (const name of names) started.delete(name);
}

/** Removes the containers of earlier runs whose process is gone (killed before its clean-up). */
export async function removeOrphans() {
  const orphans = (await labelledContainers())
    .filter(({ pid }) => !isAlive(Number(pid)))
    .map(({ id }) => id);
  if (orphans.length > 0) await engine([...REMOVE_NOW, ...orphans]);
  return orphans.length;
}

/** The containers of every run, with the pid of the run that started each. */
async function labelledContainers() {
  const listing = ['ps', '-a', '--filter', `label=${LABEL}`, '--format'];
  if (IS_PODMAN) {
    const { stdout } = await engine([...listing, 'json']);
    return JSON.parse(stdout || '[]').map((c) => ({ id: c.Id, pid: c.Labels?.[PID_LABEL] }));
  }
  const { stdout } = await engine([...listing, `{{.ID}} {{.Label "${PID_LABEL}"}}`]);
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [id, pid] = line.split(' ');
      return { id, pid };
    });
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
  // docker prints the JSON array by default; podman is told, in case its default format changes.
  const { stdout } = await engine(['inspect', ...(IS_PODMAN ? ['--format', 'json'] : []), name]);
  return JSON.parse(stdout || '[]')[0];
}

export async function logsOf(name) {
  const { stdout, stderr } = await engine(['logs', name]);
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

/** Until `exec` of the health check passes (the container listens on 8080 inside). */
export const waitHealthy = (name, command, timeoutMs) =>
  waitFor(
    name,
    async () => (await engine(['exec', name, ...healthCheckArgs(command)])).status === 0,
    timeoutMs,
  );

/**
 * SIGTERM, as ECS sends it to stop a task; resolves with the exit code and the time from the
 * signal to the exit the engine recorded (both undefined while the container still runs).
 */
export async function stopWithSigterm(name, timeoutMs) {
  const signalled = Date.now();
  await engine(['kill', '-s', 'TERM', name]);
  await engine(['wait', name], { timeoutMs });
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
