import type { HealthIndicatorFunction, HealthIndicatorService } from '@nestjs/terminus';
import { withTimeout } from '../lifecycle/timeout';

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

/**
 * A terminus indicator for `key` that is up when `ping` resolves within READINESS_TIMEOUT_MS, and
 * down with the error's message otherwise (a hung ping is aborted through its signal).
 */
export function pingIndicator(
  health: HealthIndicatorService,
  key: string,
  ping: (signal: AbortSignal) => Promise<unknown>,
): HealthIndicatorFunction {
  return async () => {
    const indicator = health.check(key);
    const controller = new AbortController();
    try {
      await withTimeout(ping(controller.signal), READINESS_TIMEOUT_MS);
      return indicator.up();
    } catch (error) {
      controller.abort();
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  };
}
