import type { OutboxEvent } from '../../events/outbox';
import type { Order } from '../order';

/**
 * Where orders are stored. The abstract class is the DI token; the implementation is chosen once
 * at boot (OrdersPersistenceModule). Implementations throw OrdersUnavailableError when storage
 * fails.
 */
export abstract class OrdersRepository {
  /** Stores the order, its items in order and `event` in the outbox, all or nothing. */
  abstract create(order: Order, event: OutboxEvent): Promise<void>;
  /** Every order, newest first. */
  abstract findAll(): Promise<Order[]>;
  abstract findById(id: string): Promise<Order | undefined>;
}
