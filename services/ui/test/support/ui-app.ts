import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTestApp } from '@retail/testing';
import { AppModule } from '../../src/app.module';
import { loadConfig } from '../../src/config/ui.config';

/** The UI exactly as main.ts builds it, with `env` on top of a silent log. */
export async function createUiApp(
  env: Record<string, string> = {},
): Promise<NestFastifyApplication> {
  const config = loadConfig({ LOG_LEVEL: 'silent', ...env });
  return createTestApp(AppModule.forRoot(config));
}

/** Browsers ask for HTML; only such requests get the HTML error page. */
export const HTML = { Accept: 'text/html,application/xhtml+xml' };
