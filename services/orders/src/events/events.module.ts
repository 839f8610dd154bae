import { DynamicModule, Module } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { APP_LOGGER, AppLogger } from '@retail/service-kit';
import type { OrdersConfig } from '../config/orders.config';
import { RabbitMqIndicator } from '../health/rabbitmq.indicator';
import { EventPublisher } from './event-publisher';
import { LogEventPublisher } from './log-event.publisher';
import { OutboxRelay } from './outbox-relay';
import { RabbitMqEventPublisher } from './rabbitmq-event.publisher';

/**
 * Publishing from the outbox. `persistence` is the module that provides the Outbox; it is passed
 * in (the same promise the orders module imports) so both share one instance.
 */
@Module({})
export class EventsModule {
  static forConfig(cfg: OrdersConfig, persistence: Promise<DynamicModule>): DynamicModule {
    const events = cfg.events;
    return {
      module: EventsModule,
      imports: [persistence],
      providers: [
        {
          provide: EventPublisher,
          inject: [APP_LOGGER],
          useFactory: (logger: AppLogger): EventPublisher =>
            events.kind === 'rabbitmq'
              ? new RabbitMqEventPublisher(events, logger)
              : new LogEventPublisher(logger),
        },
        OutboxRelay,
        // The broker, for readiness, when there is one (not when events are only logged).
        ...(events.kind === 'rabbitmq'
          ? [
              {
                provide: RabbitMqIndicator,
                inject: [HealthIndicatorService, EventPublisher],
                useFactory: (health: HealthIndicatorService, publisher: RabbitMqEventPublisher) =>
                  new RabbitMqIndicator(health, publisher),
              },
            ]
          : []),
      ],
      exports: [OutboxRelay],
    };
  }
}
