import { orderCreatedEvent } from '../src/events/order-created.event';
import type { Outbox, OutboxEvent } from '../src/events/outbox';
import type { Order } from '../src/orders/order';
import type { OrdersRepository } from '../src/orders/persistence/orders.repository';

interface Store {
  orders: OrdersRepository;
  outbox: Outbox;
  close: () => Promise<void>;
}

let counter = 0;
const anOrder = (overrides: Partial<Order> = {}): Order => ({
  id: `order-${Date.now()}-${++counter}`,
  firstName: 'John',
  lastName: 'Doe',
  email: 'john@example.com',
  items: [
    { productId: 'p-2', name: 'Pocket Watch', quantity: 2, unitCost: 385, totalCost: 770 },
    { productId: null, name: 'Strap', quantity: 1, unitCost: 0, totalCost: 0 },
  ],
  ...overrides,
});

const create = async (store: Store, order: Order) => {
  const event = orderCreatedEvent(order);
  await store.orders.create(order, event);
  return event;
};

/** Everything the outbox still holds, taken without marking anything sent. */
async function peek(outbox: Outbox): Promise<OutboxEvent[]> {
  let seen: OutboxEvent[] = [];
  await outbox
    .publishPending(10_000, (events) => {
      seen = events;
      return Promise.reject(new Error('peek only'));
    })
    .catch(() => undefined);
  return seen;
}

/**
 * The OrdersRepository and Outbox contract, run on every store: in memory, PostgreSQL, MariaDB.
 * `open` gives an empty store.
 */
export function describeOrdersRepository(name: string, open: () => Promise<Store>): void {
  describe(`orders repository (${name})`, () => {
    let store: Store;

    beforeEach(async () => {
      store = await open();
    });
    afterEach(() => store.close());

    it('gives back a stored order with its items in order and its nulls', async () => {
      const order = anOrder({ lastName: null, email: null });
      await create(store, order);
      expect(await store.orders.findById(order.id)).toEqual(order);
    });

    it('stores an order without items', async () => {
      const order = anOrder({ items: [] });
      await create(store, order);
      expect(await store.orders.findById(order.id)).toEqual(order);
      expect(await store.orders.findAll()).toEqual([order]);
    });

    it('answers undefined for an unknown id', async () => {
      await create(store, anOrder());
      expect(await store.orders.findById('unknown')).toBeUndefined();
    });

    it('lists every order newest first', async () => {
      const orders = [anOrder(), anOrder({ items: [] }), anOrder({ firstName: 'Ann' })];
      for (const o of orders) await create(store, o);
      expect(await store.orders.findAll()).toEqual(orders.toReversed());
    });

    it('keeps an order as stored when a caller changes the one it gave or got back', async () => {
      const order = anOrder();
      const expected = structuredClone(order);
      await create(store, order);
      order.firstName = 'changed after saving';
      order.items[0].quantity = 99;
      const read = await store.orders.findById(order.id);
      if (read) {
        read.email = 'changed after reading';
        read.items.pop();
      }
      expect(await store.orders.findById(order.id)).toEqual(expected);
      expect(await store.orders.findAll()).toEqual([expected]);
    });

    describe('idempotency key', () => {
      it('answers the first order for a repeated key, storing no second order and no second event', async () => {
        const first = anOrder();
        const firstEvent = orderCreatedEvent(first);
        expect(await store.orders.create(first, firstEvent, 'key-1')).toEqual({
          order: first,
          created: true,
        });
        const repeat = anOrder({ firstName: 'Repeat' });
        expect(await store.orders.create(repeat, orderCreatedEvent(repeat), 'key-1')).toEqual({
          order: first,
          created: false,
        });
        expect(await store.orders.findAll()).toEqual([first]);
        expect(await peek(store.outbox)).toEqual([firstEvent]);
      });

      it('places one order out of concurrent creates with one key, and any number without a key', async () => {
        const orders = Array.from({ length: 5 }, () => anOrder());
        const placed = await Promise.all(
          orders.map((o) => store.orders.create(o, orderCreatedEvent(o), 'key-concurrent')),
        );
        expect(placed.filter((p) => p.created)).toHaveLength(1);
        expect(new Set(placed.map((p) => p.order.id)).size).toBe(1);
        const unkeyed = [anOrder(), anOrder()];
        for (const o of unkeyed) await store.orders.create(o, orderCreatedEvent(o));
        expect(await store.orders.findAll()).toHaveLength(3);
        expect(await peek(store.outbox)).toHaveLength(3);
      });
    });

    describe('outbox', () => {
      it('hands out the events in the order they were written, at most `limit` at a time', async () => {
        const written = [];
        for (let i = 0; i < 5; i++) written.push(await create(store, anOrder()));
        const batches: string[][] = [];
        const publish = (events: OutboxEvent[]) => {
          batches.push(events.map((e) => e.id));
          return Promise.resolve();
        };
        expect(await store.outbox.publishPending(2, publish)).toBe(2);
        expect(await store.outbox.publishPending(2, publish)).toBe(2);
        expect(await store.outbox.publishPending(2, publish)).toBe(1);
        expect(await store.outbox.publishPending(2, publish)).toBe(0);
        const ids = written.map((e) => e.id);
        expect(batches).toEqual([ids.slice(0, 2), ids.slice(2, 4), ids.slice(4)]);
      });

      it('keeps the event exactly as written', async () => {
        const order = anOrder();
        const event = await create(store, order);
        expect(await peek(store.outbox)).toEqual([event]);
        expect(JSON.parse(event.payload).order.id).toBe(order.id);
      });

      it('marks nothing sent when publishing fails', async () => {
        const event = await create(store, anOrder());
        await expect(
          store.outbox.publishPending(10, () => Promise.reject(new Error('no confirm'))),
        ).rejects.toThrow('no confirm');
        expect(await peek(store.outbox)).toEqual([event]);
      });
    });
  });
}
