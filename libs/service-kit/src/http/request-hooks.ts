import type { FastifyInstance } from 'fastify';
import type { AppLogger } from '../logging/logger';
import type { Metrics } from './metrics';

// Requests that matched no route share one label, so scanners cannot grow the metric without bound.
const UNMATCHED = 'unmatched';

/**
 * One access-log line and one histogram sample per response, both keyed by the route template
 * (`/catalogue/product/:id`), never the raw path. `quietRoutes` (health probes) are not logged.
 */
export function installRequestHooks(
  fastify: FastifyInstance,
  logger: AppLogger,
  metrics: Metrics,
  quietRoutes: ReadonlySet<string>,
  metricsPath: string,
): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? UNMATCHED;
    if (route !== metricsPath) {
      metrics.httpRequestDuration.observe(
        { method: request.method, route, status: String(reply.statusCode) },
        reply.elapsedTime / 1000,
      );
    }
    if (!quietRoutes.has(route)) {
      logger.info(
        {
          reqId: request.id,
          method: request.method,
          route,
          path: request.url,
          status: reply.statusCode,
          durationMs: Math.round(reply.elapsedTime * 100) / 100,
        },
        'request',
      );
    }
    done();
  });
}
