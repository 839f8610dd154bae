import type { OutboxEvent } from '../../events/outbox';
import type { Order } from '../order';

export interface Placed {
  order: Order;
  /** false when the idempotency key named an order placed before. */
  created: boolean;
}

/**
 * Where orders are stored. The abstract class is the DI token; the implementation is chosen once
 * at boot (OrdersPersistenceModule). Implementations throw OrdersUnavailableError when storage
 * fails.
 */
export abstract class OrdersRepository {
  /**
   * Stores the order, its items in order and `event` in the outbox, all or nothing, and answers
   * the order stored. With an `idempotencyKey` already stored, stores nothing and answers the
   * order stored under it (`created: false`): a repeated request never places a second order.
   */
  abstract create(order: Order, event: OutboxEvent, idempotencyKey?: string): Promise<Placed>;
  /** Every order, newest first. */
  abstract findAll(): Promise<Order[]>;
  abstract findById(id: string): Promise<Order | undefined>;
}
