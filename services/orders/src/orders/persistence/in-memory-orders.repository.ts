import { Outbox, OutboxEvent } from '../../events/outbox';
import type { Order } from '../order';
import { OrdersRepository, Placed } from './orders.repository';

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
 * Orders are kept as JSON text, as a database keeps rows: every read is a copy of its own, so a
 * caller that changes what it got back cannot change what is stored (about 600 bytes an order,
 * the same as the objects took).
 */
export class InMemoryOrdersRepository extends OrdersRepository {
  private readonly byId = new Map<string, string>();
  private readonly inOrder: string[] = [];
  /** Idempotency key → order id, unique like the databases' column. */
  private readonly byKey = new Map<string, string>();

  constructor(private readonly outbox: InMemoryOutbox) {
    super();
  }

  create(order: Order, event: OutboxEvent, idempotencyKey?: string): Promise<Placed> {
    const placedId = idempotencyKey === undefined ? undefined : this.byKey.get(idempotencyKey);
    if (placedId !== undefined) {
      return Promise.resolve({ order: toOrder(this.byId.get(placedId)!), created: false });
    }
    const row = JSON.stringify(order);
    this.byId.set(order.id, row);
    this.inOrder.push(row);
    if (idempotencyKey !== undefined) this.byKey.set(idempotencyKey, order.id);
    this.outbox.add(event);
    return Promise.resolve({ order: toOrder(row), created: true });
  }

  findAll(): Promise<Order[]> {
    return Promise.resolve(this.inOrder.map(toOrder).reverse());
  }

  findById(id: string): Promise<Order | undefined> {
    const row = this.byId.get(id);
    return Promise.resolve(row === undefined ? undefined : toOrder(row));
  }
}

const toOrder = (row: string): Order => JSON.parse(row) as Order;
