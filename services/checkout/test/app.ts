import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTestApp } from '@retail/testing';
import { AppModule } from '../src/app.module';
import { loadConfig } from '../src/config/checkout.config';

/** The production app, as main.ts builds it, from these variables (LOG_LEVEL silent). */
export function startCheckout(env: Record<string, string> = {}): Promise<NestFastifyApplication> {
  const config = loadConfig({ LOG_LEVEL: 'silent', ...env });
  return createTestApp(AppModule.forRoot(config));
}

/** Repeats `send` until it answers `want` (at most ~5 s); resolves with the last status. */
export async function pollStatus(
  send: () => PromiseLike<{ status: number }>,
  want: number,
): Promise<number> {
  let status = 0;
  for (let i = 0; i < 50 && status !== want; i++) {
    status = (await send()).status;
    if (status !== want) await new Promise((r) => setTimeout(r, 100));
  }
  return status;
}
