import type { FastifyInstance } from 'fastify';
import type { Metrics } from './metrics';

// Requests that matched no route share one label, so scanners cannot grow the metric without bound.
const UNMATCHED = 'unmatched';

/**
 * One histogram sample per response, keyed by the route template (`/catalogue/product/:id`),
 * never the raw path. (The access line is pino-http's, see logging/logger.ts.)
 */
export function installRequestHooks(
  fastify: FastifyInstance,
  metrics: Metrics,
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
    done();
  });
}
