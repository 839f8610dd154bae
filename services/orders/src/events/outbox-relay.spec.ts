import { createLogger } from '@retail/service-kit';
import { InMemoryOutbox } from '../orders/persistence/in-memory-orders.repository';
import { EventPublisher } from './event-publisher';
import type { OutboxEvent } from './outbox';
import { OutboxRelay } from './outbox-relay';

/** A broker that can be taken down and brought back; records what it confirmed. */
class SwitchablePublisher extends EventPublisher {
  readonly confirmed: string[] = [];
  up = true;
  closed = false;

  connect(): Promise<void> {
    return this.up ? Promise.resolve() : Promise.reject(new Error('broker down'));
  }

  publish(events: OutboxEvent[]): Promise<void> {
    if (!this.up) return Promise.reject(new Error('broker down'));
    this.confirmed.push(...events.map((e) => e.id));
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }
}

const event = (n: number): OutboxEvent => ({
  id: `e-${n}`,
  type: 'OrderCreatedEvent',
  orderId: `o-${n}`,
  payload: '{}',
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe(OutboxRelay.name, () => {
  let outbox: InMemoryOutbox;
  let publisher: SwitchablePublisher;
  let relay: OutboxRelay;
  const pending = () => outbox.publishPending(1000, () => Promise.resolve());

  beforeEach(() => {
    outbox = new InMemoryOutbox();
    publisher = new SwitchablePublisher();
    relay = new OutboxRelay(outbox, publisher, createLogger('orders-test', 'silent'));
  });
  afterEach(() => relay.onModuleDestroy());

  it('publishes what was waiting at start, in order, each once', async () => {
    for (let n = 1; n <= 3; n++) outbox.add(event(n));
    relay.onApplicationBootstrap();
    await waitFor(() => publisher.confirmed.length === 3);
    expect(publisher.confirmed).toEqual(['e-1', 'e-2', 'e-3']);
  });

  it('publishes a new event as soon as it is woken, not at the next poll', async () => {
    relay.onApplicationBootstrap();
    await new Promise((r) => setTimeout(r, 50));
    outbox.add(event(1));
    const woken = Date.now();
    relay.wake();
    await waitFor(() => publisher.confirmed.length === 1);
    expect(Date.now() - woken).toBeLessThan(1000);
  });

  it('publishes more than a batch in order', async () => {
    for (let n = 1; n <= 250; n++) outbox.add(event(n));
    relay.onApplicationBootstrap();
    await waitFor(() => publisher.confirmed.length === 250);
    expect(publisher.confirmed).toEqual(Array.from({ length: 250 }, (_, i) => `e-${i + 1}`));
  });

  it('keeps events while the broker is down and sends them, in order and once, when it is back', async () => {
    publisher.up = false;
    relay.onApplicationBootstrap();
    for (let n = 1; n <= 3; n++) {
      outbox.add(event(n));
      relay.wake();
    }
    await new Promise((r) => setTimeout(r, 600));
    expect(publisher.confirmed).toEqual([]);
    publisher.up = true;
    await waitFor(() => publisher.confirmed.length === 3);
    expect(publisher.confirmed).toEqual(['e-1', 'e-2', 'e-3']);
    expect(await pending()).toBe(0);
  });

  it('leaves an event whose publishing failed in the outbox for the next try', async () => {
    outbox.add(event(1));
    await expect(
      outbox.publishPending(10, () => Promise.reject(new Error('nack'))),
    ).rejects.toThrow('nack');
    relay.onApplicationBootstrap();
    await waitFor(() => publisher.confirmed.length === 1);
    expect(publisher.confirmed).toEqual(['e-1']);
  });

  it('sends what is left when stopping, then closes the publisher', async () => {
    publisher.up = false;
    relay.onApplicationBootstrap();
    outbox.add(event(1));
    await new Promise((r) => setTimeout(r, 50));
    publisher.up = true;
    await relay.onModuleDestroy();
    expect(publisher.confirmed).toEqual(['e-1']);
    expect(publisher.closed).toBe(true);
  });

  it('stops promptly even while backing off from a broker that stays down', async () => {
    publisher.up = false;
    outbox.add(event(1));
    relay.onApplicationBootstrap();
    await new Promise((r) => setTimeout(r, 1000));
    const stopping = Date.now();
    await relay.onModuleDestroy();
    expect(Date.now() - stopping).toBeLessThan(500);
    expect(publisher.confirmed).toEqual([]);
    expect(await pending()).toBe(1);
  });
});
