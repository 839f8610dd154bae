import { DynamicModule } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp, ServiceDefinition } from '@retail/service-kit';

/**
 * The service's real app, configured exactly as `main.ts` does, ready for supertest. Pass the
 * service's definition when `main.ts` passes it to createApp (a body limit).
 */
export async function createTestApp(
  module: DynamicModule,
  definition?: Pick<ServiceDefinition, 'bodyLimit'>,
): Promise<NestFastifyApplication> {
  const app = await createApp(module, definition);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
