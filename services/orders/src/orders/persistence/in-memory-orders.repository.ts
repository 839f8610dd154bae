import { Outbox, OutboxEvent } from '../../events/outbox';
import type { Order } from '../order';
import { OrdersRepository } from './orders.repository';

/** The embedded default's outbox: events in write order, removed once published. */
export class InMemoryOutbox extends Outbox {
  private readonly events: OutboxEvent[] = [];

  add(event: OutboxEvent): void {
    this.events.push(event);
  }

  async publishPending(
    limit: number,
    publish: (events: OutboxEvent[]) => Promise<void>,
  ): Promise<number> {
    const batch = this.events.slice(0, limit);
    if (batch.length === 0) return 0;
    await publish(batch);
    // Only the relay removes events and it runs one batch at a time, so these are still first.
    this.events.splice(0, batch.length);
    return batch.length;
  }
}

/**
 * The embedded default (the reference uses an in-memory H2): orders live as long as the process.
 * Each call completes synchronously, so an order and its event are stored together or not at all.
 */
export class InMemoryOrdersRepository extends OrdersRepository {
  private readonly byId = new Map<string, Order>();
  private readonly inOrder: Order[] = [];

  constructor(private readonly outbox: InMemoryOutbox) {
    super();
  }

  create(order: Order, event: OutboxEvent): Promise<void> {
    const stored = { ...order, items: order.items.map((i) => ({ ...i })) };
    this.byId.set(order.id, stored);
    this.inOrder.push(stored);
    this.outbox.add(event);
    return Promise.resolve();
  }

  findAll(): Promise<Order[]> {
    return Promise.resolve(this.inOrder.toReversed());
  }

  findById(id: string): Promise<Order | undefined> {
    return Promise.resolve(this.byId.get(id));
  }
}
