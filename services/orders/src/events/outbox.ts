/** An event waiting in the outbox: written with its order, published after the commit. */
export interface OutboxEvent {
  /** Unique per event; published as the AMQP message-id so a consumer can drop a redelivery. */
  id: string;
  /** The reference's event class name, also the `__TypeId__` header Spring consumers read. */
  type: 'OrderCreatedEvent';
  orderId: string;
  /** The exact JSON body that is published. */
  payload: string;
}

/**
 * The unsent events, oldest first. The repositories write to it in the same transaction as the
 * order (OrdersRepository.create); the relay reads from it. The abstract class is the DI token.
 */
export abstract class Outbox {
  /**
   * Hands the oldest unsent events (at most `limit`, in the order they were written) to `publish`
   * and marks them sent only once it resolves. Resolves to how many were sent, 0 when none were
   * waiting. When `publish` rejects nothing is marked and the rejection propagates.
   */
  abstract publishPending(
    limit: number,
    publish: (events: OutboxEvent[]) => Promise<void>,
  ): Promise<number>;
}
