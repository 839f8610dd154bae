import type { HealthIndicatorFunction, HealthIndicatorService } from '@nestjs/terminus';

/** How long readiness waits for one dependency before it reads "down". */
export const READINESS_TIMEOUT_MS = 2000;

/**
 * The one way a service registers what readiness checks: the module that owns a dependency
 * provides a DependencyIndicator (only in the mode that uses the dependency), and the kit's
 * Readiness finds every provider of this type. `indicators` are terminus indicator functions by
 * the key each reports under, in report order.
 */
export abstract class DependencyIndicator {
  abstract readonly indicators: Readonly<Record<string, HealthIndicatorFunction>>;
}

/** A terminus indicator for `key` that is up when `ping` resolves within READINESS_TIMEOUT_MS. */
export function pingIndicator(
  health: HealthIndicatorService,
  key: string,
  ping: (signal: AbortSignal) => Promise<unknown>,
): HealthIndicatorFunction {
  return () =>
    health
      .check(key)
      .attempt(async ({ signal }) => void (await ping(signal)))
      .withTimeout(READINESS_TIMEOUT_MS);
}
