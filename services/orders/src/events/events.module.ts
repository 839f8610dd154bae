import { DynamicModule, Module } from '@nestjs/common';
import { APP_LOGGER, AppLogger, DependencyCheck } from '@retail/service-kit';
import type { OrdersConfig } from '../config/orders.config';
import { EventPublisher } from './event-publisher';
import { LogEventPublisher } from './log-event.publisher';
import { OutboxRelay } from './outbox-relay';
import { RabbitMqEventPublisher } from './rabbitmq-event.publisher';

/** The broker's health check when RabbitMQ is configured (none when events are only logged). */
export const BROKER_CHECKS = Symbol('BROKER_CHECKS');

/**
 * Publishing from the outbox. `persistence` is the module that provides the Outbox; it is passed
 * in (the same object the orders module imports) so both share one instance.
 */
@Module({})
export class EventsModule {
  static forConfig(cfg: OrdersConfig, persistence: DynamicModule): DynamicModule {
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
        {
          provide: BROKER_CHECKS,
          inject: [EventPublisher],
          useFactory: (publisher: EventPublisher): DependencyCheck[] =>
            publisher instanceof RabbitMqEventPublisher ? [publisher] : [],
        },
      ],
      exports: [OutboxRelay, BROKER_CHECKS],
    };
  }
}
