import type {
  HealthIndicatorFunction,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import type { DataSource } from 'typeorm';
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

/**
 * terminus's TypeORM ping of `dataSource` as `key`. terminus 11 reports a failed ping other than
 * a timeout without its reason; readiness bodies always name one, so that case says so.
 */
export function typeOrmPingIndicator(
  typeOrm: TypeOrmHealthIndicator,
  health: HealthIndicatorService,
  key: string,
  dataSource: DataSource,
): HealthIndicatorFunction {
  return async () => {
    const result = await typeOrm.pingCheck(key, {
      connection: dataSource,
      timeout: READINESS_TIMEOUT_MS,
    });
    const entry = result[key];
    return entry?.status === 'down' && entry.message === undefined
      ? health.check(key).down({ message: 'the database did not answer the ping' })
      : result;
  };
}
