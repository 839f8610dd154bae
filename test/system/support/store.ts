import path from 'node:path';
import { buildService, freePort, startApp, type RunningApp } from '@retail/testing';

const root = path.resolve(__dirname, '../../..');

// tools/services.mjs (health paths, who calls whom) lives outside every Nx project, so it is
// loaded by path at run time: the module-boundary rule forbids a relative import of it.
interface ServiceRow {
  name: ServiceName;
  health: string;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
const { SERVICES, endpointsFor } = require(path.join(root, 'tools/services.mjs')) as {
  SERVICES: ServiceRow[];
  endpointsFor: (
    service: ServiceRow,
    running: ServiceRow[],
    baseUrl: (callee: ServiceRow) => string,
  ) => Record<string, string>;
};

export type ServiceName = 'catalog' | 'cart' | 'orders' | 'assets' | 'checkout' | 'ui';

export interface StoreService {
  url: string;
  app: RunningApp;
}

export type Store = Record<ServiceName, StoreService> & { stop: () => Promise<void> };

/**
 * The six built services as processes, the way their images run them, each on a free loopback
 * port with the backend variables in `env` and wired to each other through ENDPOINTS_*. Resolves
 * once every health endpoint answers 200.
 */
export async function startStore(
  env: Partial<Record<ServiceName, Record<string, string>>>,
): Promise<Store> {
  const names: ServiceName[] = ['catalog', 'cart', 'orders', 'assets', 'checkout', 'ui'];
  const ports = Object.fromEntries(
    await Promise.all(names.map(async (name) => [name, await freePort()] as const)),
  ) as Record<ServiceName, number>;
  const url = (name: ServiceName) => `http://127.0.0.1:${ports[name]}`;
  const row = (name: ServiceName) => SERVICES.find((s) => s.name === name)!;
  const mains = names.map(buildService);
  const started = await Promise.allSettled(
    names.map((name, i) =>
      startApp(
        mains[i],
        {
          LOG_LEVEL: 'warn',
          ...endpointsFor(row(name), SERVICES, (callee) => url(callee.name)),
          ...env[name],
        },
        ports[name],
        row(name).health,
        60_000,
      ),
    ),
  );
  const apps = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const stop = async () => {
    await Promise.all(apps.map((app) => app.stop()));
  };
  const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    await stop();
    throw failed.reason;
  }
  const store = { stop } as Store;
  names.forEach((name, i) => {
    store[name] = { url: url(name), app: (started[i] as PromiseFulfilledResult<RunningApp>).value };
  });
  return store;
}
