import type { HealthIndicatorFunction, HealthIndicatorService } from '@nestjs/terminus';
import { DependencyIndicator, pingIndicator } from '@retail/service-kit';
import type { RabbitMqEventPublisher } from '../events/rabbitmq-event.publisher';

/** The broker, for health: it answers on the publisher's channel and the exchange is there. */
export class RabbitMqIndicator extends DependencyIndicator {
  readonly indicators: Record<string, HealthIndicatorFunction>;

  constructor(health: HealthIndicatorService, publisher: RabbitMqEventPublisher) {
    super();
    this.indicators = { rabbit: pingIndicator(health, 'rabbit', () => publisher.check()) };
  }
}
