import { Injectable } from '@nestjs/common';
import { ShutdownState } from '../lifecycle/shutdown';
import { withTimeout } from '../lifecycle/timeout';

/** A dependency that readiness probes: `check` resolves when it answers, rejects otherwise. */
export interface DependencyCheck {
  name: string;
  check(): Promise<void>;
}

/** The token under which a service's storage modules provide their DependencyCheck[]. */
export const DEPENDENCY_CHECKS = Symbol('DEPENDENCY_CHECKS');

/** One dependency's state in a report; `message` says why it is down. */
export interface DependencyStatus {
  status: 'up' | 'down';
  message?: string;
}

/**
 * The readiness body the catalog, checkout and assets serve: the shape of the reference's
 * health reports (`{status, info, error, details}`), up dependencies under `info`, down ones
 * under `error`, all of them under `details`.
 */
export interface HealthReport {
  status: 'ok' | 'error';
  info: Record<string, DependencyStatus>;
  error: Record<string, DependencyStatus>;
  details: Record<string, DependencyStatus>;
}

export interface Readiness {
  ready: boolean;
  report: HealthReport;
}

const TIMEOUT_MS = 2000;

const DRAINING: DependencyCheck = {
  name: 'shutdown',
  check: () => Promise.reject(new Error('shutting down')),
};

/**
 * Probes every dependency at once, each bounded so a hung dependency reads "down". From
 * SIGTERM on the service reads not ready, so a load balancer stops sending to it.
 */
@Injectable()
export class ReadinessService {
  constructor(private readonly shutdown: ShutdownState) {}

  async check(probed: DependencyCheck[], timeoutMs = TIMEOUT_MS): Promise<Readiness> {
    const dependencies = this.shutdown.isDraining() ? [...probed, DRAINING] : probed;
    const results = await Promise.all(dependencies.map((d) => probe(d, timeoutMs)));
    const report: HealthReport = { status: 'ok', info: {}, error: {}, details: {} };
    dependencies.forEach(({ name }, i) => {
      const result = results[i];
      report[result.status === 'up' ? 'info' : 'error'][name] = result;
      report.details[name] = result;
    });
    const ready = Object.keys(report.error).length === 0;
    if (!ready) report.status = 'error';
    return { ready, report };
  }
}

async function probe(dependency: DependencyCheck, timeoutMs: number): Promise<DependencyStatus> {
  try {
    await withTimeout(dependency.check(), timeoutMs);
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', message: error instanceof Error ? error.message : String(error) };
  }
}
