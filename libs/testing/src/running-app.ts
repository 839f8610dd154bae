import { execFileSync, spawn, ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { freePort } from './free-port';

const ROOT = path.resolve(__dirname, '../../..');

/** Builds a service with tools/build.mjs (when its dist/ is stale), as its image does; returns its main.js. */
export function buildService(name: string): string {
  execFileSync(process.execPath, [path.join(ROOT, 'tools/build.mjs'), name], {
    cwd: ROOT,
    stdio: 'ignore',
  });
  return path.join(ROOT, 'dist/services', name, 'main.js');
}

/**
 * Runs a built service until it exits by itself (a start-up that must fail); resolves with its
 * exit code, what it printed on stderr and how long it ran. One still running after `timeoutMs`
 * is killed and resolves with code `null`, so a service that wrongly starts fails the test
 * instead of hanging it.
 */
export async function runUntilExit(
  main: string,
  env: Record<string, string>,
  timeoutMs = 20_000,
): Promise<{ code: number | null; stderr: string; ms: number }> {
  const started = Date.now();
  const child = spawn(process.execPath, [main], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const [code] = (await once(child, 'exit')) as [number | null];
  clearTimeout(timer);
  return { code, stderr, ms: Date.now() - started };
}

export interface RunningApp {
  process: ChildProcess;
  output: () => string;
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
}

/**
 * Starts a built service (`dist/services/<name>/main.js`) as its own process, the way its image
 * runs it, and resolves once `readyPath` answers 200 on `port`.
 */
export async function startApp(
  script: string,
  env: Record<string, string>,
  port: number,
  readyPath: string,
  timeoutMs = 10_000,
): Promise<RunningApp> {
  const child = spawn(process.execPath, [script], {
    env: { PATH: process.env.PATH ?? '', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = once(child, 'exit') as Promise<[number | null]>;
  const app: RunningApp = {
    process: child,
    output: () => output,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const [code] = await exited;
      return code;
    },
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}: ${output}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}${readyPath}`);
      if (res.status === 200) return app;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  await app.stop('SIGKILL');
  throw new Error(`not ready on :${port}${readyPath} within ${timeoutMs} ms: ${output}`);
}

/**
 * The OpenAPI document a built service serves at `jsonPath` (built by @nestjs/swagger in the
 * process, as from source), from a process of its own started with nothing but PORT and LOG_LEVEL.
 */
export async function documentOfBuiltService(name: string, jsonPath: string): Promise<unknown> {
  const port = await freePort();
  const app = await startApp(buildService(name), { LOG_LEVEL: 'silent' }, port, jsonPath);
  try {
    return await (await fetch(`http://127.0.0.1:${port}${jsonPath}`)).json();
  } finally {
    await app.stop();
  }
}

/**
 * For a suite: builds `name`, starts it before the tests with `env` (ready once `readyPath`
 * answers 200) and stops it with SIGTERM after them, expecting exit 0; `url` addresses it.
 */
export function withBuiltService(
  name: string,
  env: Record<string, string>,
  readyPath: string,
): { url: (path: string) => string } {
  let app: RunningApp | undefined;
  let base = '';
  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    app = await startApp(buildService(name), env, port, readyPath);
  });
  afterAll(async () => expect(await app?.stop('SIGTERM')).toBe(0));
  return { url: (path) => `${base}${path}` };
}
