// The one table the runner (`npm start`), the Dockerfile generator, the image build script and the
// docker tests read: every service with its local port, health path, compose name and wiring.
// Ports and health paths come from DESIGN.md's service table; compose names and variables from
// spec/deploy.md §4.
// No import.meta here: the jest suites under test/docker import this file as CommonJS.
import { existsSync } from 'node:fs';
import path from 'node:path';

/** The port every image listens on (ECS, compose and the Dockerfiles all assume it). */
export const CONTAINER_PORT = 8080;

/**
 * The node flags a service runs with, in `npm start`, the images and the benchmarks. V8's defaults
 * size the heap for throughput on big machines: the old generation grows to a multiple of what is
 * live, which took a service to twice the RSS of a plain node:http server, so every service keeps
 * 25 % old-generation headroom. The young generation is a trade: each request's garbage is swept
 * by the scavenger, which runs the more often the smaller it is. The services the reference limits
 * to 128 MB (`smallHeap`) cap it at 2 MB semi-spaces; the others have room for V8's default size
 * and spend less CPU per request on garbage (test/perf/RESULTS.md).
 */
export const nodeFlagsOf = ({ smallHeap }) => [
  ...(smallHeap ? ['--max-semi-space-size=2'] : []),
  '--heap-growing-percent=25',
];

/**
 * The environment every service runs with, beside its node flags. glibc's malloc gives each thread
 * that allocates (V8's compiler and GC helpers, libuv's pool) an arena of its own and keeps freed
 * memory there: with one arena a service's RSS stays 5-8 MB lower, at no measurable req/s cost.
 * The images are glibc-based (Amazon Linux 2023); other C libraries ignore the variable.
 */
export const RUNTIME_ENV = { MALLOC_ARENA_MAX: '1' };

/**
 * `name` is the folder under services/ (and the image `retail-store-sample-<name>`); `compose` is
 * the reference's compose/ECS service name; `endpointVar` the UI variable that points at it.
 * `backendEnv` are the variables that move a service off its embedded default: `npm start`
 * without `--real` removes them from what the service inherits. `smallHeap`: the reference gives
 * it 128 MB of memory (see nodeFlagsOf).
 */
export const SERVICES = [
  {
    name: 'catalog',
    smallHeap: true,
    compose: 'catalog',
    port: 8081,
    health: '/health',
    endpointVar: 'ENDPOINTS_CATALOG',
    backendEnv: ['DB_ENDPOINT', 'DB_READ_ENDPOINT'],
  },
  {
    name: 'cart',
    smallHeap: false,
    compose: 'carts',
    port: 8082,
    health: '/actuator/health',
    endpointVar: 'ENDPOINTS_CARTS',
    backendEnv: [
      'SPRING_PROFILES_ACTIVE',
      'CARTS_DYNAMODB_ENDPOINT',
      'CARTS_DYNAMODB_TABLENAME',
      'CARTS_DYNAMODB_CREATETABLE',
    ],
  },
  {
    name: 'orders',
    smallHeap: false,
    compose: 'orders',
    port: 8083,
    health: '/actuator/health',
    endpointVar: 'ENDPOINTS_ORDERS',
    backendEnv: ['SPRING_DATASOURCE_URL', 'SPRING_PROFILES_ACTIVE'],
  },
  {
    name: 'assets',
    smallHeap: true,
    compose: 'assets',
    port: 8084,
    health: '/health.html',
    endpointVar: 'ENDPOINTS_ASSETS',
    backendEnv: [],
  },
  {
    name: 'checkout',
    smallHeap: false,
    compose: 'checkout',
    port: 8085,
    health: '/health',
    endpointVar: 'ENDPOINTS_CHECKOUT',
    backendEnv: ['REDIS_URL', 'REDIS_READER_URL'],
  },
  {
    name: 'ui',
    smallHeap: false,
    compose: 'ui',
    port: 8888,
    health: '/actuator/health',
    endpointVar: undefined,
    backendEnv: [],
  },
];

/** Which services call which, by the variable that holds the callee's base URL. */
const CALLS = {
  ui: ['catalog', 'cart', 'orders', 'assets', 'checkout'],
  checkout: ['orders'],
};

export const serviceByName = (name) => SERVICES.find((s) => s.name === name);

/** A service can be built and run once its entry point exists (the others are still being written). */
export const isPresent = (root, service) =>
  existsSync(path.join(root, 'services', service.name, 'src/main.ts'));

/**
 * The `ENDPOINTS_*` a service needs to reach the services it calls, for those in `running`
 * (a callee that is not running stays on the caller's in-process mock). `baseUrl(callee)` says
 * where a callee answers: http://localhost:<port> for `npm start`, http://<compose>:8080 in compose.
 */
export function endpointsFor(service, running, baseUrl) {
  const env = {};
  for (const calleeName of CALLS[service.name] ?? []) {
    const callee = serviceByName(calleeName);
    if (running.includes(callee)) env[callee.endpointVar] = baseUrl(callee);
  }
  return env;
}
