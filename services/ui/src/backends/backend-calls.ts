import type { UpstreamCallInfo } from '@retail/clients';
import { type AppLogger, Metrics } from '@retail/service-kit';
import { Histogram } from 'prom-client';

/**
 * Observes every backend call in `http_client_requests_seconds` (by service, method and status,
 * as Spring names it) and, with ENDPOINTS_LOGGING=true, logs it.
 */
export function backendCallObserver(
  metrics: Metrics,
  logger: AppLogger,
  logCalls: boolean,
): (info: UpstreamCallInfo) => void {
  const histogram = new Histogram({
    name: 'http_client_requests_seconds',
    help: 'Calls from the UI to its backends, by service, method and status',
    labelNames: ['service', 'method', 'status'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [metrics.registry],
  });
  return ({ service, method, path, status, seconds }) => {
    histogram.observe({ service, method, status: String(status) }, seconds);
    if (logCalls) {
      logger.info(
        // `backend`, not `service`: every log line already carries service=ui.
        { backend: service, method, path, status, durationMs: Math.round(seconds * 100_000) / 100 },
        'backend call',
      );
    }
  };
}
