import type { HealthIndicatorFunction, HealthIndicatorService } from '@nestjs/terminus';
import type { OrdersClient } from '@retail/clients';
import { DependencyIndicator, pingIndicator } from '@retail/service-kit';

/** The orders service, for readiness, when checkout submits to a real one (not the mock). */
export class OrdersIndicator extends DependencyIndicator {
  readonly indicators: Record<string, HealthIndicatorFunction>;

  constructor(health: HealthIndicatorService, orders: OrdersClient) {
    super();
    this.indicators = { orders: pingIndicator(health, 'orders', () => orders.health()) };
  }
}
