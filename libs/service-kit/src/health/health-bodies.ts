import type { HealthCheckResult, HealthIndicatorResult } from '@nestjs/terminus';

type Entry = HealthIndicatorResult[string];

/** What readiness reports of one dependency: terminus's entry without its timings. */
function reported({ responseTime: _t, cachedResponse: _c, ...entry }: Entry): Entry {
  return entry;
}

const reportAll = (entries: Partial<HealthIndicatorResult> = {}): HealthIndicatorResult =>
  Object.fromEntries(
    Object.entries(entries).flatMap(([key, entry]) => (entry ? [[key, reported(entry)]] : [])),
  );

/** terminus's report (`{status, info, error, details}`), as the catalog, checkout and assets serve it. */
export interface TerminusHealthBody {
  status: 'ok' | 'error';
  info: HealthIndicatorResult;
  error: HealthIndicatorResult;
  details: HealthIndicatorResult;
}

export const isHealthy = (result: HealthCheckResult): boolean => result.status === 'ok';

export function terminusBody(result: HealthCheckResult): TerminusHealthBody {
  return {
    status: isHealthy(result) ? 'ok' : 'error',
    info: reportAll(result.info),
    error: reportAll(result.error),
    details: reportAll(result.details),
  };
}

type SpringStatus = 'UP' | 'DOWN';

/** Spring Boot actuator's health body, as cart, orders and the ui serve it. */
export interface SpringHealthBody {
  status: SpringStatus;
  components?: Record<string, { status: SpringStatus; details?: Record<string, unknown> }>;
}

/**
 * Spring's body for `result`: each dependency a component whose details are what its indicator
 * added (the reason it is down as `error`, as Spring names it); `components` left out when there
 * are none, or, with `when-down`, while everything is up.
 */
export function springBody(
  result: HealthCheckResult,
  components: 'always' | 'when-down',
): SpringHealthBody {
  const status = isHealthy(result) ? 'UP' : 'DOWN';
  const entries = Object.entries(result.details);
  if (entries.length === 0 || (components === 'when-down' && status === 'UP')) return { status };
  return {
    status,
    components: Object.fromEntries(
      entries.map(([key, entry]) => {
        const { status: state, message, ...data } = reported(entry) as Record<string, unknown>;
        const details = message === undefined ? data : { ...data, error: message };
        return [
          key,
          {
            status: state === 'down' ? 'DOWN' : 'UP',
            ...(Object.keys(details).length > 0 && { details }),
          },
        ];
      }),
    ),
  };
}
