import { ToInt, loadEnv, TracingConfig, tracingConfig, KitEnv } from '@retail/service-kit';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Max, Min } from 'class-validator';

const REDIS_URL = {
  protocols: ['redis', 'rediss'],
  require_protocol: true,
  require_tld: false,
  allow_underscores: true,
};
const REDIS_URL_RULE = { message: '$property must be a redis:// or rediss:// URL' };
const HTTP_URL = {
  protocols: ['http', 'https'],
  require_protocol: true,
  require_tld: false,
  allow_underscores: true,
};
const HTTP_URL_RULE = { message: '$property must be an http:// or https:// URL' };

/** Every variable checkout reads: the reference's (spec/checkout.md "Configuration") and ours. */
export class CheckoutEnv extends KitEnv {
  @ToInt() @IsInt() @Min(1) @Max(65535) PORT = 8080;
  /** When set, checkouts live in Redis (writes); when unset, in memory. */
  @IsOptional() @IsUrl(REDIS_URL, REDIS_URL_RULE) REDIS_URL?: string;
  /** Reads go here when set; ignored without REDIS_URL. */
  @IsOptional() @IsUrl(REDIS_URL, REDIS_URL_RULE) REDIS_READER_URL?: string;
  /** Bounds every Redis command and connection attempt, so an outage is a fast 503. */
  @ToInt() @IsInt() @Min(50) @Max(60_000) REDIS_COMMAND_TIMEOUT_MS = 2000;
  /** Expiry of a stored checkout; 0 keeps it until submitted, as the reference did. */
  @ToInt() @IsInt() @Min(0) @Max(31_536_000) CHECKOUT_TTL_SECONDS = 86_400;
  /** Base URL of the orders service; unset means the in-process mock. */
  @IsOptional() @IsUrl(HTTP_URL, HTTP_URL_RULE) ENDPOINTS_ORDERS?: string;
  @ToInt() @IsInt() @Min(1) @Max(120_000) ENDPOINTS_ORDERS_TIMEOUT_MS = 5000;
  /** Prepended verbatim to each shipping option's name. */
  @IsString() SHIPPING_NAME_PREFIX = '';
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) LOG_LEVEL = 'info';
}

export interface RedisConfig {
  kind: 'redis';
  writerUrl: string;
  /** Reads use their own connection when REDIS_READER_URL is set. */
  readerUrl?: string;
  commandTimeoutMs: number;
}

export type PersistenceConfig = { kind: 'in-memory' } | RedisConfig;

export type OrdersConfig = { kind: 'mock' } | { kind: 'http'; baseUrl: string; timeoutMs: number };

export interface CheckoutConfig {
  port: number;
  logLevel: string;
  persistence: PersistenceConfig;
  /** 0: no expiry. */
  ttlSeconds: number;
  orders: OrdersConfig;
  shippingNamePrefix: string;
  tracing: TracingConfig;
}

export function loadConfig(env: Record<string, string | undefined>): CheckoutConfig {
  const e = loadEnv(CheckoutEnv, env);
  return {
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    persistence: e.REDIS_URL
      ? {
          kind: 'redis',
          writerUrl: e.REDIS_URL,
          readerUrl: e.REDIS_READER_URL,
          commandTimeoutMs: e.REDIS_COMMAND_TIMEOUT_MS,
        }
      : { kind: 'in-memory' },
    ttlSeconds: e.CHECKOUT_TTL_SECONDS,
    orders: e.ENDPOINTS_ORDERS
      ? { kind: 'http', baseUrl: e.ENDPOINTS_ORDERS, timeoutMs: e.ENDPOINTS_ORDERS_TIMEOUT_MS }
      : { kind: 'mock' },
    shippingNamePrefix: e.SHIPPING_NAME_PREFIX,
    tracing: tracingConfig(e, 'checkout'),
  };
}

/** Injection token of the CheckoutConfig, for the providers that need a setting. */
export const CHECKOUT_CONFIG = Symbol('CHECKOUT_CONFIG');
