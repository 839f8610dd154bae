import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { getMetadataStorage } from 'class-validator';
import { CORE_SCHEMA, load, mergeTag } from 'js-yaml';

export const root = path.resolve(__dirname, '../../..');

export interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string };
  environment?: Record<string, string>;
  healthcheck?: { test: string[]; interval?: string; start_period?: string };
  depends_on?: Record<string, { condition: string }>;
  ports?: string[];
  cap_drop?: string[];
  read_only?: boolean;
  tmpfs?: string[];
  mem_limit?: string;
  [key: string]: unknown;
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  [key: string]: unknown;
}

/** A compose file as docker compose reads it: YAML with `<<` merge keys. */
export function loadCompose(file: string): ComposeFile {
  return load(readFileSync(path.join(root, file), 'utf8'), {
    schema: CORE_SCHEMA.withTags(mergeTag),
  }) as ComposeFile;
}

/** `${NAME:-default}` as compose expands it when NAME is unset. */
export const withDefaults = (value: string): string =>
  value.replace(/\$\{[A-Z_]+:-([^}]*)\}/g, (_, fallback: string) => fallback);

/** Bytes of a compose memory value (`256m`, `1g`). */
export function bytes(value: string): number {
  const m = /^(\d+)([bkmg]?)$/i.exec(value);
  if (!m) throw new Error(`not a memory size: ${value}`);
  const unit = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2].toLowerCase()] ?? 1;
  return Number(m[1]) * unit;
}

type ConfigModule = Record<string, unknown> & {
  loadConfig?: (env: Record<string, string | undefined>, appDir: string) => unknown;
};

export interface ServiceConfig {
  file: string;
  /** Every variable the service's env class declares (its own and inherited ones). */
  variables: Set<string>;
  loadConfig: (env: Record<string, string | undefined>, appDir: string) => unknown;
}

/** The env class and loadConfig() of services/<name>/src/config/*.config.ts, when it exists. */
export function serviceConfig(name: string): ServiceConfig | undefined {
  const dir = path.join(root, 'services', name, 'src/config');
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.config.ts'));
  } catch {
    return undefined;
  }
  if (files.length !== 1) return undefined;
  const file = path.join(dir, files[0]);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the path is only known at run time
  const mod = require(file) as ConfigModule;
  const envClasses = Object.entries(mod).filter(
    (e): e is [string, new () => object] =>
      typeof e[1] === 'function' && /Env$/.test(e[0]) && e[0] !== 'TracingEnv',
  );
  if (envClasses.length !== 1 || typeof mod.loadConfig !== 'function') return undefined;
  const [, envClass] = envClasses[0];
  const variables = new Set<string>([
    ...getMetadataStorage()
      .getTargetValidationMetadatas(envClass, '', true, false)
      .map((m) => m.propertyName),
    ...Object.keys(new envClass()),
  ]);
  return { file: path.relative(root, file), variables, loadConfig: mod.loadConfig };
}
