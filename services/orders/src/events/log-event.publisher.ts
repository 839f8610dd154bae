import type { AppLogger } from '@retail/service-kit';
import { EventPublisher } from './event-publisher';
import type { OutboxEvent } from './outbox';

/**
 * Without the `rabbitmq` profile the reference only logs each event. The body (names, email)
 * goes to the debug level only.
 */
export class LogEventPublisher extends EventPublisher {
  constructor(private readonly logger: AppLogger) {
    super();
  }

  connect(): Promise<void> {
    return Promise.resolve();
  }

  publish(events: OutboxEvent[]): Promise<void> {
    for (const event of events) {
      this.logger.info(
        { eventId: event.id, orderId: event.orderId },
        `Publishing event ${event.type}`,
      );
      this.logger.debug({ eventId: event.id, payload: event.payload }, 'event body');
    }
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
