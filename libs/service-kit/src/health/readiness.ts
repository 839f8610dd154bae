import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import {
  HealthCheckService,
  type HealthCheckResult,
  type HealthIndicatorFunction,
  HealthIndicatorService,
} from '@nestjs/terminus';
import { ShutdownState } from '../lifecycle/shutdown';
import { DependencyIndicator } from './dependency-indicator';

/**
 * Runs terminus's check over the DependencyIndicators every module of the app provides. From
 * SIGTERM on it also reports a `shutdown` component down, so a load balancer stops sending.
 */
@Injectable()
export class Readiness {
  private found?: Array<[string, HealthIndicatorFunction]>;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly shutdown: ShutdownState,
  ) {}

  /**
   * terminus's result over every dependency, or those whose key `include` keeps. A dependency
   * that is down is a result with status `error`, not a thrown 503: each caller answers in its
   * own body.
   */
  async check(include: (key: string) => boolean = () => true): Promise<HealthCheckResult> {
    const indicators = this.indicators()
      .filter(([key]) => include(key))
      .map(([, indicator]) => indicator);
    if (this.shutdown.isDraining()) {
      indicators.push(() => this.indicator.check('shutdown').down({ reason: 'shutting down' }));
    }
    try {
      return await this.health.check(indicators);
    } catch (error) {
      if (error instanceof ServiceUnavailableException) {
        return error.getResponse() as HealthCheckResult;
      }
      throw error;
    }
  }

  // Found on first use, when every provider has been created.
  private indicators(): Array<[string, HealthIndicatorFunction]> {
    this.found ??= this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance as unknown)
      .filter((instance) => instance instanceof DependencyIndicator)
      .flatMap((indicator) => Object.entries(indicator.indicators));
    return this.found;
  }
}
