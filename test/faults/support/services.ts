import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { startApp, type RunningApp } from '@retail/testing';
import { freePort } from '@retail/testing';

const root = path.resolve(__dirname, '../../..');

export type ServiceName = 'catalog' | 'cart' | 'orders' | 'assets' | 'checkout' | 'ui';

// tools/services.mjs (health paths) lives outside every Nx project, so it is loaded by path at
// run time: the module-boundary rule forbids a relative import of it.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
const { SERVICES } = require(path.join(root, 'tools/services.mjs')) as {
  SERVICES: Array<{ name: ServiceName; health: string }>;
};

export interface Service {
  name: ServiceName;
  url: string;
  app: RunningApp;
  /** Still running (not crashed)? */
  alive: () => boolean;
}

/** Builds the service (a no-op when dist is up to date) and starts it on a free port. */
export async function startService(
  name: ServiceName,
  env: Record<string, string>,
): Promise<Service> {
  execFileSync(process.execPath, [path.join(root, 'tools/build.mjs'), name], {
    cwd: root,
    stdio: 'ignore',
  });
  const port = await freePort();
  const app = await startApp(
    path.join(root, 'dist/services', name, 'main.js'),
    { LOG_LEVEL: 'warn', ...env },
    port,
    SERVICES.find((s) => s.name === name)!.health,
    60_000,
  );
  return {
    name,
    url: `http://127.0.0.1:${port}`,
    app,
    alive: () => app.process.exitCode === null && app.process.signalCode === null,
  };
}
