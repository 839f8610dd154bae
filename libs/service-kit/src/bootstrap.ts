import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { ConfigError } from './config/load-env';
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
import { AppLogger, JsonNestLogger } from './logging/logger';
import { ServiceKitModule } from './service-kit.module';
import {
  APP_LOGGER,
  metricsPathOf,
  quietRoutesOf,
  SERVICE_DEFINITION,
  ServiceDefinition,
} from './service-definition';
import type { StopTracing } from './tracing/tracing';

const SHUTDOWN_GRACE_MS = 10_000;
// Before the listener closes, traffic must have paused this long (at most DRAIN_MAX_MS): closing
// drops every connection that looks idle, and one whose request is still unread in its socket
// (a busy process reads late) looks idle, so its client would get a reset instead of an answer.
const DRAIN_QUIET_MS = 200;
const DRAIN_MAX_MS = 3_000;

/**
 * Creates a service's Nest application on Fastify and applies `configureApp`. Used by `main.ts`
 * and by every e2e test, so tests run the same pipes, filters and hooks as production. The
 * service definition (its body limit too) is the one `module` imports ServiceKitModule with:
 * given once, there is no other to pass.
 */
export async function createApp(module: DynamicModule): Promise<NestFastifyApplication> {
  const definition = definitionOf(module);
  const adapter = new FastifyAdapter({
    bodyLimit: definition.bodyLimit,
    genReqId: (req: IncomingMessage) => headerValue(req.headers['x-request-id']) ?? randomUUID(),
    // Shutdown: answer 503 on kept-alive connections while draining instead of hanging them.
    return503OnClosing: true,
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

  app.useLogger(new JsonNestLogger(logger));
  app.useGlobalPipes(createValidationPipe(definition.validation));
  const filter = definition.errors.filter
    ? app.get(definition.errors.filter)
    : new AppErrorFilter(definition.errors, logger);
  app.useGlobalFilters(filter);
  answerFrameworkErrorsWith(fastify, filter);
  limitBodyDepth(fastify);
  installRequestHooks(
    fastify,
    logger,
    metrics,
    new Set(quietRoutesOf(definition)),
    metricsPathOf(definition),
  );
  fastify.get(metricsPathOf(definition), async (_request: FastifyRequest, reply) => {
    void reply.type(metrics.registry.contentType);
    return metrics.registry.metrics();
  });

  if (definition.openApi) serveOpenApi(app, definition.openApi);
}

/**
 * Listens on all interfaces and installs the shutdown path: on SIGTERM or SIGINT answer what
 * clients already sent (with `Connection: close`) until traffic pauses, stop accepting, let
 * in-flight requests finish (at most 10 s in all), close pools through Nest's hooks, flush
 * traces, exit 0.
 */
export async function listen(
  app: NestFastifyApplication,
  port: number,
  stopTracing?: StopTracing,
): Promise<void> {
  let stopping = false;
  // While draining, answers say `Connection: close`: a kept-alive client (the ui's pool, a load
  // balancer) then lets go after its in-flight request, instead of holding the server open until
  // the grace period ends.
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (stopping) void reply.header('connection', 'close');
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
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.warn('in-flight requests did not finish in time; exiting');
      process.exit(0);
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    void untilQuiet(activity)
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

/** Resolves once no request has been in flight for DRAIN_QUIET_MS, or after DRAIN_MAX_MS. */
async function untilQuiet(activity: { inFlight: number; last: number }): Promise<void> {
  const deadline = performance.now() + DRAIN_MAX_MS;
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
