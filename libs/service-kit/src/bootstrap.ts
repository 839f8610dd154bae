import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { Logger } from 'nestjs-pino';
import { ConfigError, loadEnv } from './config/load-env';
import { AppErrorFilter } from './http/errors';
import {
  answerFrameworkErrorsWith,
  frameworkErrorsToFilter,
  limitBodyDepth,
} from './http/input-guards';
import { Metrics } from './http/metrics';
import { serveOpenApi } from './http/openapi';
import { installRequestHooks } from './http/request-hooks';
import { createValidationPipe } from './http/validation';
import { KitEnv, ShutdownState } from './lifecycle/shutdown';
import { answerClientAborts } from './logging/client-aborts';
import type { AppLogger } from './logging/logger';
import { ServiceKitModule } from './service-kit.module';
import {
  APP_LOGGER,
  metricsPathOf,
  SERVICE_DEFINITION,
  ServiceDefinition,
} from './service-definition';
import type { StopTracing } from './tracing/tracing';

// After the drain, requests already read get this long to finish (inside ECS's stop timeout).
const IN_FLIGHT_GRACE_MS = 5_000;
// The drain ends early once no request has been in flight for this long: long enough that kept-alive
// clients reconnecting after `Connection: close` (or a briefly stalled one) are not taken for gone.
const DRAIN_QUIET_MS = 1_000;
// How often Node looks for requests past HTTP_REQUEST_TIMEOUT_SECONDS (its default is 30 s).
const TIMEOUT_CHECK_INTERVAL_MS = 1_000;

/**
 * Creates a service's Nest application on Fastify and applies `configureApp`. Used by `main.ts`
 * and by every e2e test, so tests run the same pipes, filters and hooks as production. The
 * service definition (its body limit too) is the one `module` imports ServiceKitModule with:
 * given once, there is no other to pass.
 */
export async function createApp(module: DynamicModule): Promise<NestFastifyApplication> {
  const definition = definitionOf(module);
  const requestTimeout = loadEnv(KitEnv, process.env).HTTP_REQUEST_TIMEOUT_SECONDS * 1000;
  const adapter = new FastifyAdapter({
    bodyLimit: definition.bodyLimit,
    genReqId: (req: IncomingMessage) => headerValue(req.headers['x-request-id']) ?? randomUUID(),
    // A request (headers and body) must arrive within this, so a slowly sent body cannot hold a
    // connection and its memory: Node answers 408 and closes.
    requestTimeout,
    http: {
      headersTimeout: requestTimeout,
      connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS,
    },
    // While the server closes, a request that still arrives on an open connection is served
    // (with `Connection: close`), not refused with a 503 in Fastify's body shape.
    return503OnClosing: false,
    routerOptions: { ignoreTrailingSlash: true },
    frameworkErrors: frameworkErrorsToFilter,
  });
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, {
    bufferLogs: true,
    // Throw instead of process.abort() (exit 134, a core dump) when a provider fails to start.
    abortOnError: false,
  });
  configureApp(app);
  return app;
}

function definitionOf(module: DynamicModule): ServiceDefinition {
  for (const imported of module.imports ?? []) {
    if (!isServiceKit(imported)) continue;
    const provider = imported.providers?.find(
      (p) => typeof p === 'object' && 'provide' in p && p.provide === SERVICE_DEFINITION,
    );
    if (provider && 'useValue' in provider) return provider.useValue as ServiceDefinition;
  }
  throw new Error(`${module.module.name} does not import ServiceKitModule.forRoot(definition)`);
}

const isServiceKit = (imported: unknown): imported is DynamicModule =>
  typeof imported === 'object' &&
  imported !== null &&
  (imported as DynamicModule).module === ServiceKitModule;

function headerValue(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v && /^[\w.-]{1,128}$/.test(v) ? v : undefined;
}

/** Everything an app needs between creation and listening: logger, pipes, filter, hooks, docs. */
function configureApp(app: NestFastifyApplication): void {
  const definition = app.get<ServiceDefinition>(SERVICE_DEFINITION);
  const logger = app.get<AppLogger>(APP_LOGGER);
  const metrics = app.get(Metrics);
  const fastify = app.getHttpAdapter().getInstance();

  app.useLogger(app.get(Logger));
  app.useGlobalPipes(createValidationPipe(definition.validation));
  const filter = definition.errors.filter
    ? app.get(definition.errors.filter)
    : new AppErrorFilter(definition.errors, logger);
  app.useGlobalFilters(answerClientAborts(filter, logger));
  answerFrameworkErrorsWith(fastify, filter);
  limitBodyDepth(fastify);
  installRequestHooks(fastify, metrics, metricsPathOf(definition));
  fastify.get(metricsPathOf(definition), async (_request: FastifyRequest, reply) => {
    void reply.type(metrics.registry.contentType);
    return metrics.registry.metrics();
  });

  if (definition.openApi) serveOpenApi(app, definition.openApi);
}

/**
 * Listens on all interfaces and installs the shutdown path. On SIGTERM or SIGINT readiness turns
 * 503 at once, and every answer says `Connection: close`; the server keeps accepting and
 * answering until no request has been in flight for a moment or SHUTDOWN_DRAIN_SECONDS pass,
 * then stops listening, lets the requests it has read finish (at most IN_FLIGHT_GRACE_MS more),
 * closes pools through Nest's hooks, flushes traces and exits 0.
 */
export async function listen(
  app: NestFastifyApplication,
  port: number,
  stopTracing?: StopTracing,
): Promise<void> {
  const drainMs = loadEnv(KitEnv, process.env).SHUTDOWN_DRAIN_SECONDS * 1000;
  const state = app.get(ShutdownState);
  // While draining, answers say `Connection: close`: a kept-alive client (the ui's pool, a load
  // balancer) then opens a new connection for its next request, which is still served, and no
  // connection is left idle for the close to cut under a request being sent.
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (state.isDraining()) void reply.header('connection', 'close');
    done(null, payload);
  });
  const activity = { inFlight: 0, last: 0 };
  fastify.addHook('onRequest', (_request, reply, done) => {
    activity.inFlight++;
    activity.last = performance.now();
    reply.raw.once('close', () => {
      activity.inFlight--;
      activity.last = performance.now();
    });
    done();
  });
  await app.listen({ port, host: '0.0.0.0' });
  const logger = app.get<AppLogger>(APP_LOGGER);
  logger.info({ port }, 'listening');
  const stop = (signal: NodeJS.Signals) => {
    if (state.isDraining()) return;
    state.beginDrain();
    logger.info({ signal, drainMs }, 'shutting down');
    const force = setTimeout(() => {
      logger.warn('in-flight requests did not finish in time; exiting');
      process.exit(0);
    }, drainMs + IN_FLIGHT_GRACE_MS);
    force.unref();
    void untilQuiet(activity, drainMs)
      .then(() => shutdown(app, stopTracing))
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

/** Resolves once no request has been in flight for DRAIN_QUIET_MS, or after `maxMs`. */
async function untilQuiet(
  activity: { inFlight: number; last: number },
  maxMs: number,
): Promise<void> {
  const deadline = performance.now() + maxMs;
  while (performance.now() < deadline) {
    if (activity.inFlight === 0 && performance.now() - activity.last >= DRAIN_QUIET_MS) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function shutdown(app: NestFastifyApplication, stopTracing?: StopTracing): Promise<void> {
  // Drain HTTP first: Nest's close() would run module destroy hooks (closing pools) while
  // requests are still being served.
  await app.getHttpAdapter().getInstance().close();
  await app.close();
  await stopTracing?.();
}

/**
 * Runs a service's `main`: a configuration error ends start-up with one line on stderr naming
 * the variables, anything else with the error logged; both exit 1.
 */
export function runMain(name: string, main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    if (error instanceof ConfigError) {
      process.stderr.write(`${name}: ${error.message}\n`);
    } else {
      process.stderr.write(
        `${JSON.stringify({ level: 'fatal', service: name, msg: 'start-up failed', err: String(error instanceof Error ? (error.stack ?? error.message) : error) })}\n`,
      );
    }
    process.exit(1);
  });
}
