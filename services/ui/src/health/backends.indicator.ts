import type {
  HealthIndicatorFunction,
  HealthIndicatorResult,
  HealthIndicatorService,
} from '@nestjs/terminus';
import { DependencyIndicator, READINESS_TIMEOUT_MS, withTimeout } from '@retail/service-kit';
import type { BackendEntry, Backends } from '../backends/backends';

/**
 * The backends, for readiness: each configured one's health endpoint (details: its URL, and why
 * it is down); an in-process mock is UP. Orders without a URL is not used, so not reported.
 */
export class BackendsIndicator extends DependencyIndicator {
  readonly indicators: Record<string, HealthIndicatorFunction>;

  constructor(health: HealthIndicatorService, backends: Backends) {
    super();
    this.indicators = Object.fromEntries(
      backends.entries
        .filter((b) => b.url !== undefined || b.name !== 'orders')
        .map((b) => [b.name, () => probe(health, b)]),
    );
  }
}

async function probe(
  health: HealthIndicatorService,
  b: BackendEntry,
): Promise<HealthIndicatorResult> {
  const indicator = health.check(b.name);
  if (b.url === undefined) return indicator.up({ mode: 'mock' });
  try {
    await withTimeout(b.health(), READINESS_TIMEOUT_MS);
    return indicator.up({ url: b.url });
  } catch (error) {
    return indicator.down({
      url: b.url,
      message: error instanceof Error ? error.message : String(error),
    });
  }
}
