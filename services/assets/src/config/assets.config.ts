import { statSync } from 'node:fs';
import path from 'node:path';
import {
  ConfigError,
  loadEnv,
  ToInt,
  TracingConfig,
  tracingConfig,
  KitEnv,
} from '@retail/service-kit';
import { IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

/**
 * Every variable the assets service reads. The reference (nginx) reads none and always listens on
 * 8080 (spec/assets.md §1); honouring PORT with that default is harmless and `npm start` needs it.
 */
export class AssetsEnv extends KitEnv {
  @ToInt() @IsInt() @Min(1) @Max(65535) PORT = 8080;
  /** Folder whose files are served under /assets/; relative paths start at the working directory. */
  @IsOptional() @IsString() ASSETS_DIR?: string;
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) LOG_LEVEL = 'info';
}

export interface AssetsConfig {
  port: number;
  logLevel: string;
  /** Absolute path of the folder served under /assets/. */
  assetsDir: string;
  tracing: TracingConfig;
}

/**
 * `appDir` is the folder holding the service's `public/`: next to `main.js` once built
 * (dist/services/assets), services/assets in the source tree, so tests and builds find the same files.
 */
export function loadConfig(env: Record<string, string | undefined>, appDir: string): AssetsConfig {
  const e = loadEnv(AssetsEnv, env);
  const assetsDir = path.resolve(e.ASSETS_DIR ?? path.join(appDir, 'public', 'assets'));
  if (!isDirectory(assetsDir)) {
    throw new ConfigError(`Invalid configuration: ASSETS_DIR ${assetsDir} is not a folder`);
  }
  return {
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    assetsDir,
    tracing: tracingConfig(e, 'assets'),
  };
}

function isDirectory(dir: string): boolean {
  return statSync(dir, { throwIfNoEntry: false })?.isDirectory() ?? false;
}
