import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../../..');

/** Builds a service with tools/build.mjs, as its image does; resolves with its main.js. */
export function buildService(name: string): string {
  execFileSync(process.execPath, [path.join(ROOT, 'tools/build.mjs'), name], {
    cwd: ROOT,
    stdio: 'ignore',
  });
  return path.join(ROOT, 'dist/services', name, 'main.js');
}

/** Runs a built service to its exit; resolves with the exit code and what it printed on stderr. */
export async function runToExit(
  main: string,
  env: Record<string, string>,
): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [main], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stderr };
}
