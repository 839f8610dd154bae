import {
  ConfigError,
  loadEnv,
  readPemFile,
  ToBoolean,
  ToInt,
  TracingConfig,
  tracingConfig,
  KitEnv,
} from '@retail/service-kit';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

const NAME = /^[\w.:-]{1,255}$/;

/**
 * Every variable orders reads: the reference's Spring names (spec/orders.md "Configuration
 * summary") and the few of ours, documented in the README.
 */
export class OrdersEnv extends KitEnv {
  @ToInt() @IsInt() @Min(1) @Max(65535) PORT = 8080;
  /** Spring binds server.port from SERVER_PORT ahead of the `port` placeholder. */
  @IsOptional() @ToInt() @IsInt() @Min(1) @Max(65535) SERVER_PORT?: number;
  /** Comma-separated Spring profiles; `rabbitmq` turns on publishing to RabbitMQ. */
  @IsString() SPRING_PROFILES_ACTIVE = 'default';

  /** When set, orders live in PostgreSQL or MySQL/MariaDB; when unset, in memory. */
  @IsOptional()
  @Matches(/^(jdbc:)?(postgresql|postgres|mysql|mariadb):\/\/[^/?#\s]+\/[^/?#\s]+(\?\S*)?$/, {
    message:
      '$property must look like jdbc:postgresql://host:5432/orders or jdbc:mysql://host:3306/orders',
  })
  SPRING_DATASOURCE_URL?: string;
  @IsOptional() @IsString() SPRING_DATASOURCE_USERNAME?: string;
  @IsString() SPRING_DATASOURCE_PASSWORD = '';
  @ToInt() @IsInt() @Min(1) @Max(1000) SPRING_DATASOURCE_HIKARI_MAXIMUM_POOL_SIZE = 10;
  @ToInt() @IsInt() @Min(1) @Max(300) DB_CONNECT_TIMEOUT = 5;
  /** How long start-up keeps retrying an unreachable database before giving up. */
  @ToInt() @IsInt() @Min(0) @Max(3600) DB_STARTUP_RETRY_SECONDS = 60;
  /** PEM file of the certificate authorities TLS trusts (e.g. RDS's global-bundle.pem). */
  @IsOptional() @IsString() DB_SSL_CA?: string;

  /** `host:port` or `amqp://user:pass@host:port/vhost`, comma-separated; tried in order. */
  @IsOptional() @IsString() SPRING_RABBITMQ_ADDRESSES?: string;
  @Matches(/^[\w.-]+$/, { message: '$property must be a host name' })
  SPRING_RABBITMQ_HOST = 'localhost';
  @ToInt() @IsInt() @Min(1) @Max(65535) SPRING_RABBITMQ_PORT = 5672;
  @IsString() SPRING_RABBITMQ_USERNAME = 'guest';
  @IsString() SPRING_RABBITMQ_PASSWORD = 'guest';
  @IsString() SPRING_RABBITMQ_VIRTUAL_HOST = '/';
  @Matches(NAME, { message: '$property must be an AMQP name' })
  ORDERS_RABBITMQ_EXCHANGE = 'orders-exchange';
  @Matches(NAME, { message: '$property must be an AMQP name' })
  ORDERS_RABBITMQ_QUEUE = 'orders-orders-queue';

  /** Spring's switches for the health indicators /actuator/health aggregates. */
  @ToBoolean() @IsBoolean() MANAGEMENT_HEALTH_DB_ENABLED = true;
  @ToBoolean() @IsBoolean() MANAGEMENT_HEALTH_RABBIT_ENABLED = true;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) LOG_LEVEL = 'info';
}

export type SqlDialect = 'postgres' | 'mysql';

/** How PostgreSQL connections use TLS, after JDBC's `sslmode` (default `prefer`). */
type SslMode = 'disable' | 'prefer' | 'require' | 'verify-full';

export interface SqlConfig {
  kind: SqlDialect;
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
  ssl: SslMode;
  /** PEM certificate authorities for `verify-full`, from DB_SSL_CA. */
  ca?: string;
  poolSize: number;
  connectTimeoutMs: number;
  startupRetryMs: number;
}

type PersistenceConfig = { kind: 'in-memory' } | SqlConfig;

export interface AmqpAddress {
  /** `amqp:` or `amqps:`. */
  protocol: string;
  hostname: string;
  port: number;
  username: string;
  password: string;
  vhost: string;
}

export interface RabbitConfig {
  kind: 'rabbitmq';
  /** Tried in order on every (re)connect, like Spring's address list. */
  addresses: AmqpAddress[];
  exchange: string;
  queue: string;
}

/** Where order events go: the log (the reference's default profile) or RabbitMQ. */
type EventsConfig = { kind: 'log' } | RabbitConfig;

export interface OrdersConfig {
  port: number;
  logLevel: string;
  persistence: PersistenceConfig;
  events: EventsConfig;
  /** Which dependencies /actuator/health includes (readiness always checks them all). */
  health: { db: boolean; rabbit: boolean };
  tracing: TracingConfig;
}

export function loadConfig(env: Record<string, string | undefined>): OrdersConfig {
  const e = loadEnv(OrdersEnv, env);
  const profiles = e.SPRING_PROFILES_ACTIVE.split(',').map((p) => p.trim());
  return {
    port: e.SERVER_PORT ?? e.PORT,
    logLevel: e.LOG_LEVEL,
    persistence: e.SPRING_DATASOURCE_URL
      ? sqlConfig(e, e.SPRING_DATASOURCE_URL)
      : { kind: 'in-memory' },
    events: profiles.includes('rabbitmq') ? rabbitConfig(e) : { kind: 'log' },
    health: { db: e.MANAGEMENT_HEALTH_DB_ENABLED, rabbit: e.MANAGEMENT_HEALTH_RABBIT_ENABLED },
    tracing: tracingConfig(e, 'orders'),
  };
}

const DEFAULT_PORTS: Record<SqlDialect, number> = { postgres: 5432, mysql: 3306 };
// PostgreSQL's `sslmode` and MySQL Connector/J's `sslMode` values, folded to what the drivers can do.
const SSL_MODES: Record<string, SslMode> = {
  disable: 'disable',
  disabled: 'disable',
  allow: 'prefer',
  prefer: 'prefer',
  preferred: 'prefer',
  require: 'require',
  required: 'require',
  'verify-ca': 'verify-full',
  'verify-full': 'verify-full',
  'verify-identity': 'verify-full',
};

/** Reads a JDBC URL (the `jdbc:` prefix is optional); `user`/`password` parameters are honoured. */
function sqlConfig(e: OrdersEnv, value: string): SqlConfig {
  const url = new URL(value.replace(/^jdbc:/, ''));
  const kind: SqlDialect = url.protocol.startsWith('postgres') ? 'postgres' : 'mysql';
  const params = url.searchParams;
  const user = e.SPRING_DATASOURCE_USERNAME ?? params.get('user') ?? undefined;
  if (user === undefined) {
    throw new ConfigError(
      'Invalid configuration: SPRING_DATASOURCE_USERNAME must be set when SPRING_DATASOURCE_URL is',
    );
  }
  const sslParam = [...params.keys()].find((k) => k.toLowerCase() === 'sslmode');
  // Both JDBC drivers default to "prefer": TLS when the server offers it.
  const sslmode = (sslParam ? (params.get(sslParam) ?? '') : 'prefer').toLowerCase();
  const ssl = SSL_MODES[sslmode.replace(/_/g, '-')];
  if (!ssl) {
    throw new ConfigError(
      `Invalid configuration: SPRING_DATASOURCE_URL sslmode must be one of ${Object.keys(SSL_MODES).join(', ')}`,
    );
  }
  return {
    kind,
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : DEFAULT_PORTS[kind],
    database: decodeURIComponent(url.pathname.slice(1)),
    user,
    password: e.SPRING_DATASOURCE_PASSWORD || (params.get('password') ?? ''),
    ssl,
    ca: e.DB_SSL_CA ? readPemFile('DB_SSL_CA', e.DB_SSL_CA) : undefined,
    poolSize: e.SPRING_DATASOURCE_HIKARI_MAXIMUM_POOL_SIZE,
    connectTimeoutMs: e.DB_CONNECT_TIMEOUT * 1000,
    startupRetryMs: e.DB_STARTUP_RETRY_SECONDS * 1000,
  };
}

/** SPRING_RABBITMQ_ADDRESSES wins over HOST/PORT, and credentials in an address over USERNAME/PASSWORD. */
function rabbitConfig(e: OrdersEnv): RabbitConfig {
  const fallback: AmqpAddress = {
    protocol: 'amqp:',
    hostname: e.SPRING_RABBITMQ_HOST,
    port: e.SPRING_RABBITMQ_PORT,
    username: e.SPRING_RABBITMQ_USERNAME,
    password: e.SPRING_RABBITMQ_PASSWORD,
    vhost: e.SPRING_RABBITMQ_VIRTUAL_HOST,
  };
  const addresses = e.SPRING_RABBITMQ_ADDRESSES
    ? e.SPRING_RABBITMQ_ADDRESSES.split(',')
        .map((a) => a.trim())
        .filter((a) => a !== '')
        .map((a) => parseAddress(a, fallback))
    : [fallback];
  return {
    kind: 'rabbitmq',
    addresses,
    exchange: e.ORDERS_RABBITMQ_EXCHANGE,
    queue: e.ORDERS_RABBITMQ_QUEUE,
  };
}

function parseAddress(value: string, fallback: AmqpAddress): AmqpAddress {
  let url: URL;
  try {
    url = new URL(value.includes('://') ? value : `amqp://${value}`);
  } catch {
    throw badAddress(value);
  }
  if ((url.protocol !== 'amqp:' && url.protocol !== 'amqps:') || url.hostname === '') {
    throw badAddress(value);
  }
  const vhost = url.pathname.length > 1 ? decodeURIComponent(url.pathname.slice(1)) : undefined;
  return {
    protocol: url.protocol,
    hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : url.protocol === 'amqps:' ? 5671 : 5672,
    username: url.username ? decodeURIComponent(url.username) : fallback.username,
    password: url.password ? decodeURIComponent(url.password) : fallback.password,
    vhost: vhost ?? fallback.vhost,
  };
}

const badAddress = (value: string) =>
  new ConfigError(
    `Invalid configuration: SPRING_RABBITMQ_ADDRESSES entry "${value.replace(/\/\/[^@/]*@/, '//***@')}" must be host:port or amqp://host:port`,
  );
