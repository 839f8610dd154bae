import {
  ToBoolean,
  ToInt,
  loadEnv,
  TracingConfig,
  tracingConfig,
  KitEnv,
} from '@retail/service-kit';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MinLength,
  Min,
} from 'class-validator';

// `false` (any case) means "use the in-process mock", as in the reference; otherwise a base URL.
const ENDPOINT = /^(false|https?:\/\/[^\s/?#]+(\/[^\s?#]*)?)$/i;
const ENDPOINT_RULE = {
  message: '$property must be an http(s) base URL (e.g. http://catalog:8080) or false',
};

/** Every variable the UI reads (spec/ui.md §2), plus the few of ours in the README. */
export class UiEnv extends KitEnv {
  @ToInt() @IsInt() @Min(1) @Max(65535) PORT = 8080;
  @IsOptional() @Matches(ENDPOINT, ENDPOINT_RULE) ENDPOINTS_CATALOG?: string;
  @IsOptional() @Matches(ENDPOINT, ENDPOINT_RULE) ENDPOINTS_CARTS?: string;
  @IsOptional() @Matches(ENDPOINT, ENDPOINT_RULE) ENDPOINTS_CHECKOUT?: string;
  @IsOptional() @Matches(ENDPOINT, ENDPOINT_RULE) ENDPOINTS_ASSETS?: string;
  /** Never called for pages (checkout places orders); shown on the topology page and probed. */
  @IsOptional() @Matches(ENDPOINT, ENDPOINT_RULE) ENDPOINTS_ORDERS?: string;
  @ToBoolean() @IsBoolean() ENDPOINTS_HTTP_KEEPALIVE = true;
  @ToBoolean() @IsBoolean() ENDPOINTS_LOGGING = false;
  /** Deadline of each backend call, connect included. */
  @ToInt() @IsInt() @Min(100) @Max(60000) ENDPOINTS_TIMEOUT_MS = 5000;
  /** How long the catalog's answers are reused; 0 asks the catalog on every page. */
  @ToInt() @IsInt() @Min(0) @Max(3600) CATALOG_CACHE_SECONDS = 5;
  @IsString() RETAIL_UI_BANNER = '';
  /** Read by nothing, as in the reference; accepted so existing task definitions still start. */
  @IsString() RETAIL_UI_METADATA_REGION = 'none';
  /** A list containing `prod` caches static files for a year (spec/ui.md §2). */
  @IsString() SPRING_PROFILES_ACTIVE = '';
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) LOG_LEVEL = 'info';
  /** `POST /actuator/fail-cart` exists only when true: it takes the cart service down. */
  @ToBoolean() @IsBoolean() RETAIL_UI_CHAOS_ENABLED = false;
  /** `GET /proxy/orders/**` exists only when true: it shows every shopper's orders. */
  @ToBoolean() @IsBoolean() RETAIL_UI_ORDERS_PROXY_ENABLED = false;
  /** Signs session ids; the same value on every ui task behind one load balancer. */
  @IsOptional() @IsString() @MinLength(32) RETAIL_UI_SESSION_SECRET?: string;
}

export type BackendName = 'catalog' | 'carts' | 'checkout' | 'assets' | 'orders';

export interface UiConfig {
  port: number;
  logLevel: string;
  /** Base URL per backend without a trailing slash; undefined = in-process mock. */
  endpoints: Record<BackendName, string | undefined>;
  keepAlive: boolean;
  logBackendCalls: boolean;
  backendTimeoutMs: number;
  catalogCacheMs: number;
  banner: string;
  /** Cache-Control max-age of the bundled CSS and picture, in seconds. */
  staticMaxAgeSeconds: number;
  tracing: TracingConfig;
  chaosEnabled: boolean;
  ordersProxyEnabled: boolean;
  /** Key of the session ids' signature; undefined: the built-in one (see session.ts). */
  sessionSecret: string | undefined;
}

const endpoint = (value: string | undefined): string | undefined =>
  value === undefined || value.toLowerCase() === 'false' ? undefined : value.replace(/\/+$/, '');

export function loadConfig(env: Record<string, string | undefined>): UiConfig {
  const e = loadEnv(UiEnv, env);
  const prod = e.SPRING_PROFILES_ACTIVE.split(',')
    .map((p) => p.trim())
    .includes('prod');
  return {
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    endpoints: {
      catalog: endpoint(e.ENDPOINTS_CATALOG),
      carts: endpoint(e.ENDPOINTS_CARTS),
      checkout: endpoint(e.ENDPOINTS_CHECKOUT),
      assets: endpoint(e.ENDPOINTS_ASSETS),
      orders: endpoint(e.ENDPOINTS_ORDERS),
    },
    keepAlive: e.ENDPOINTS_HTTP_KEEPALIVE,
    logBackendCalls: e.ENDPOINTS_LOGGING,
    backendTimeoutMs: e.ENDPOINTS_TIMEOUT_MS,
    catalogCacheMs: e.CATALOG_CACHE_SECONDS * 1000,
    banner: e.RETAIL_UI_BANNER,
    staticMaxAgeSeconds: prod ? 365 * 24 * 3600 : 3600,
    tracing: tracingConfig(e, 'ui'),
    chaosEnabled: e.RETAIL_UI_CHAOS_ENABLED,
    ordersProxyEnabled: e.RETAIL_UI_ORDERS_PROXY_ENABLED,
    sessionSecret: e.RETAIL_UI_SESSION_SECRET,
  };
}
