import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { DynamicModule } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTestApp } from '@retail/testing';

const servicesDir = path.resolve(__dirname, '../../../services');

/**
 * A service's source module, loaded by path at run time: this suite tests the services from
 * outside and imports none of them (the module-boundary rule forbids a relative import).
 */
const load = <T>(folder: string, file: string): T =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
  require(path.join(servicesDir, folder, 'src', file)) as T;

type Folder = 'catalog' | 'cart' | 'orders' | 'checkout' | 'assets' | 'ui';
/** The service's real AppModule in memory, set up exactly as its main.ts does. */
export async function startService(
  folder: Folder,
  env: Record<string, string> = {},
): Promise<NestFastifyApplication> {
  const { AppModule } = load<{ AppModule: { forRoot(config: unknown): DynamicModule } }>(
    folder,
    'app.module',
  );
  const { loadConfig } = load<{
    loadConfig(env: Record<string, string>, appDir: string): { logLevel: string };
  }>(folder, `config/${folder}.config`);
  const config = loadConfig({ LOG_LEVEL: 'silent', ...env }, path.join(servicesDir, folder));
  return createTestApp(AppModule.forRoot(config));
}

/** Listens on a loopback port, for a service another one calls over HTTP; returns its URL. */
export async function listenOnLoopback(app: NestFastifyApplication): Promise<string> {
  await app.listen(0, '127.0.0.1');
  return `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
}

/**
 * Records every call that changed the store: each write method of the repository of `folder`
 * (its abstract class is the DI token) is wrapped, and `changed` says from a call's result
 * whether it stored something (an update of an absent line stores nothing). `take()` returns
 * the recorded calls since the last take.
 */
export function watchWrites(
  app: NestFastifyApplication,
  folder: Folder,
  file: string,
  token: string,
  methods: Record<string, (result: unknown) => boolean>,
): { take: () => string[] } {
  const repository = app.get<Record<string, (...args: unknown[]) => Promise<unknown>>>(
    load<Record<string, abstract new () => unknown>>(folder, file)[token],
  );
  const calls: string[] = [];
  for (const [method, changed] of Object.entries(methods)) {
    const original = repository[method].bind(repository);
    repository[method] = async (...args: unknown[]) => {
      const result = await original(...args);
      if (changed(result)) calls.push(`${method}(${JSON.stringify(args).slice(0, 200)})`);
      return result;
    };
  }
  return { take: () => calls.splice(0) };
}

/** For watchWrites: a method that always stores. */
export const always = (): boolean => true;
