import type { OutboxEvent } from './outbox';

/** Where the relay sends events: the log, or RabbitMQ. The abstract class is the DI token. */
export abstract class EventPublisher {
  /** Resolves once the destination is reachable (connected, topology declared). */
  abstract connect(): Promise<void>;
  /** Resolves only when every event is safely taken (broker-confirmed); rejects otherwise. */
  abstract publish(events: OutboxEvent[]): Promise<void>;
  abstract close(): Promise<void>;
}
