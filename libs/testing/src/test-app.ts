import { DynamicModule } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '@retail/service-kit';

/**
 * The service's real app, configured exactly as `main.ts` does (its definition, body limit
 * included, comes with its module), ready for supertest.
 */
export async function createTestApp(module: DynamicModule): Promise<NestFastifyApplication> {
  const app = await createApp(module);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
