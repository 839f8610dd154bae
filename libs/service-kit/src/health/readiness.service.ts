import { Injectable } from '@nestjs/common';
import { HealthCheckResult, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { withTimeout } from '../lifecycle/timeout';

/** A dependency that readiness probes: `check` resolves when it answers, rejects otherwise. */
export interface DependencyCheck {
  name: string;
  check(): Promise<void>;
}

/** The token under which a service's storage modules provide their DependencyCheck[]. */
export const DEPENDENCY_CHECKS = Symbol('DEPENDENCY_CHECKS');

export interface Readiness {
  ready: boolean;
  /** terminus's report: `{status, info, error, details}`, each dependency by name. */
  report: HealthCheckResult;
}

const TIMEOUT_MS = 2000;

/** Runs every dependency check through terminus, each bounded so a hung dependency reads "down". */
@Injectable()
export class ReadinessService {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async check(dependencies: DependencyCheck[], timeoutMs = TIMEOUT_MS): Promise<Readiness> {
    try {
      const report = await this.health.check(
        dependencies.map((d) => () => this.probe(d, timeoutMs)),
      );
      return { ready: true, report };
    } catch (error) {
      const report = reportOf(error);
      if (!report) throw error;
      return { ready: false, report };
    }
  }

  private async probe(dependency: DependencyCheck, timeoutMs: number) {
    const indicator = this.indicators.check(dependency.name);
    try {
      await withTimeout(dependency.check(), timeoutMs);
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}

// terminus rejects with a 503 ServiceUnavailableException whose response is the report.
function reportOf(error: unknown): HealthCheckResult | undefined {
  const response = (error as { getResponse?: () => unknown }).getResponse?.();
  return typeof response === 'object' && response !== null && 'status' in response
    ? (response as HealthCheckResult)
    : undefined;
}
