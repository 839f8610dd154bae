import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { DynamicModule } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTestApp } from '@retail/testing';

const servicesDir = path.resolve(__dirname, '../../services');

interface ServiceModule {
  AppModule: { forRoot(config: unknown): DynamicModule };
}
interface ServiceConfig {
  loadConfig(env: Record<string, string | undefined>, appDir: string): unknown;
}

/**
 * Starts one service's real AppModule, in memory, on a free loopback port. Loaded by path at run
 * time because this suite tests the services from outside and imports none of them.
 */
async function start(folder: string, env: Record<string, string>): Promise<NestFastifyApplication> {
  const appDir = path.join(servicesDir, folder);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { AppModule } = require(path.join(appDir, 'src/app.module')) as ServiceModule;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { loadConfig } = require(path.join(appDir, `src/config/${folder}.config`)) as ServiceConfig;
  const app = await createTestApp(
    AppModule.forRoot(loadConfig({ LOG_LEVEL: 'silent', ...env }, appDir)),
  );
  await app.listen(0, '127.0.0.1');
  return app;
}

const urlOf = (app: NestFastifyApplication) =>
  `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;

export interface Store {
  /** The UI's base URL. */
  url: string;
  stop(): Promise<void>;
}

/** The whole store as `npm start` runs it: the UI wired to the five services, all in memory. */
export async function startStore(): Promise<Store> {
  const apps: NestFastifyApplication[] = [];
  const run = async (folder: string, env: Record<string, string> = {}) => {
    const app = await start(folder, env);
    apps.push(app);
    return urlOf(app);
  };
  const orders = await run('orders');
  const endpoints = {
    ENDPOINTS_CATALOG: await run('catalog'),
    ENDPOINTS_CARTS: await run('cart'),
    ENDPOINTS_ORDERS: orders,
    ENDPOINTS_ASSETS: await run('assets'),
    ENDPOINTS_CHECKOUT: await run('checkout', { ENDPOINTS_ORDERS: orders }),
  };
  const url = await run('ui', { ...endpoints, RETAIL_UI_BANNER: 'Browser test banner' });
  return {
    url,
    stop: async () => {
      for (const app of apps.reverse()) await app.close();
    },
  };
}
