import {
  ToBoolean,
  ToInt,
  loadEnv,
  readPemFile,
  TracingConfig,
  tracingConfig,
  KitEnv,
} from '@retail/service-kit';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

const SSL_MODES = ['disabled', 'required', 'verify_identity'] as const;
type SslMode = (typeof SSL_MODES)[number];

const ENDPOINT = /^[A-Za-z0-9._-]+(:\d{1,5})?$/;
const ENDPOINT_RULE = { message: '$property must be host or host:port (e.g. catalog-db:3306)' };

/** Every variable the catalog reads, with the reference's names and defaults (spec/catalog.md §2). */
export class CatalogEnv extends KitEnv {
  @ToInt() @IsInt() @Min(1) @Max(65535) PORT = 8080;
  @IsIn(['mysql']) DB_TYPE = 'mysql';
  /** When set, products live in MySQL/MariaDB; when unset, in memory. */
  @IsOptional() @Matches(ENDPOINT, ENDPOINT_RULE) DB_ENDPOINT?: string;
  @IsOptional() @Matches(ENDPOINT, ENDPOINT_RULE) DB_READ_ENDPOINT?: string;
  @IsString() DB_NAME = 'sampledb';
  @IsString() DB_USER = 'catalog_user';
  @IsString() DB_PASSWORD = '';
  @ToBoolean() @IsBoolean() DB_MIGRATE = true;
  /** Read for compatibility only: our migrations are compiled into the service. */
  @IsOptional() @IsString() DB_MIGRATIONS_PATH?: string;
  @ToInt() @IsInt() @Min(1) @Max(300) DB_CONNECT_TIMEOUT = 5;
  /** How long start-up keeps retrying an unreachable database before giving up. */
  @ToInt() @IsInt() @Min(0) @Max(3600) DB_STARTUP_RETRY_SECONDS = 60;
  /** MySQL's --ssl-mode names; the reference's driver never asked for TLS, hence the default. */
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.toLowerCase().replace(/-/g, '_') : value,
  )
  @IsIn(SSL_MODES)
  DB_SSL_MODE: SslMode = 'disabled';
  /** PEM file of the certificate authorities TLS trusts (e.g. RDS's global-bundle.pem). */
  @IsOptional() @IsString() DB_SSL_CA?: string;
  /** Seconds a read answer is served from memory; 0 turns the cache off. */
  @ToInt() @IsInt() @Min(0) @Max(86_400) CACHE_TTL_SECONDS = 0;
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) LOG_LEVEL = 'info';
}

export interface DbEndpoint {
  host: string;
  port: number;
}

export interface MysqlConfig {
  kind: 'mysql';
  writer: DbEndpoint;
  /** Reads go here when set (DB_READ_ENDPOINT). */
  reader?: DbEndpoint;
  database: string;
  user: string;
  password: string;
  migrate: boolean;
  connectTimeoutMs: number;
  startupRetryMs: number;
  /** TLS to the database: none, encrypted only, or encrypted to a server whose certificate and name check out. */
  tls: { mode: SslMode; ca?: string };
}

export interface CatalogConfig {
  port: number;
  logLevel: string;
  persistence: { kind: 'in-memory' } | MysqlConfig;
  /** How long the read routes' answers are kept; 0 when the cache is off. */
  cacheTtlMs: number;
  tracing: TracingConfig;
}

export function loadConfig(env: Record<string, string | undefined>): CatalogConfig {
  const e = loadEnv(CatalogEnv, env);
  return {
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    persistence: e.DB_ENDPOINT
      ? {
          kind: 'mysql',
          writer: parseEndpoint(e.DB_ENDPOINT),
          reader: e.DB_READ_ENDPOINT ? parseEndpoint(e.DB_READ_ENDPOINT) : undefined,
          database: e.DB_NAME,
          user: e.DB_USER,
          password: e.DB_PASSWORD,
          migrate: e.DB_MIGRATE,
          connectTimeoutMs: e.DB_CONNECT_TIMEOUT * 1000,
          startupRetryMs: e.DB_STARTUP_RETRY_SECONDS * 1000,
          tls: {
            mode: e.DB_SSL_MODE,
            ca: e.DB_SSL_CA ? readPemFile('DB_SSL_CA', e.DB_SSL_CA) : undefined,
          },
        }
      : { kind: 'in-memory' },
    cacheTtlMs: e.CACHE_TTL_SECONDS * 1000,
    tracing: tracingConfig(e, 'catalog'),
  };
}

function parseEndpoint(value: string): DbEndpoint {
  const [host, port] = value.split(':');
  return { host, port: port ? Number(port) : 3306 };
}
