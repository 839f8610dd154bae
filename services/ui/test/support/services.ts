import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { DynamicModule } from '@nestjs/common';
import { createTestApp } from '@retail/testing';

/** The backends the UI talks to, by the name of their ENDPOINTS_* variable. */
export type Backend = 'catalog' | 'carts' | 'checkout' | 'assets' | 'orders';

const FOLDER: Record<Backend, string> = {
  catalog: 'catalog',
  carts: 'cart',
  checkout: 'checkout',
  assets: 'assets',
  orders: 'orders',
};

const servicesDir = path.resolve(__dirname, '../../..');

/** Whether that service has landed in the repo. */
export const serviceExists = (backend: Backend): boolean =>
  existsSync(path.join(servicesDir, FOLDER[backend], 'src/app.module.ts'));

export interface RunningService {
  url: string;
  close(): Promise<void>;
}

interface ServiceModule {
  AppModule: { forRoot(config: unknown): DynamicModule };
}
interface ServiceConfig {
  /** `appDir` (the folder holding the service's public/) is read by assets only. */
  loadConfig(env: Record<string, string | undefined>, appDir: string): unknown;
}

/**
 * Starts another service's real AppModule in this process, in memory, on a free loopback port.
 * Loaded by path at run time: services never import each other, only this test reaches across.
 */
export async function startService(
  backend: Backend,
  env: Record<string, string> = {},
): Promise<RunningService> {
  const appDir = path.join(servicesDir, FOLDER[backend]);
  const dir = path.join(appDir, 'src');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { AppModule } = require(path.join(dir, 'app.module')) as ServiceModule;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { loadConfig } = require(
    path.join(dir, 'config', `${FOLDER[backend]}.config`),
  ) as ServiceConfig;
  const config = loadConfig({ LOG_LEVEL: 'silent', ...env }, appDir);
  const app = await createTestApp(AppModule.forRoot(config));
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => app.close() };
}
