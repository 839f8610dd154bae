import { describeWithServer, startTcpProxy, type TcpProxy } from '@retail/testing';
import {
  cartDbEnv,
  catalogDbEnv,
  createEventQueue,
  createMysqlDatabase,
  createPostgresDatabase,
  type EventQueue,
  ordersDbEnv,
  redisClient,
  startDynalite,
  type ThrowawayDatabase,
  uniqueSuffix,
} from '@retail/testing/backends';
import { startLoad, type Sample } from './support/load';
import { expectOutageHandled, playOutage } from './support/outage';
import { startService, type Service } from './support/services';

// Each backend sits behind a TCP proxy this test owns: stopping the proxy is the outage, so the
// machine's shared servers are never disturbed. Four clients keep each service busy throughout.
const CLIENTS = 4;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const catalogError = (b: unknown) => isRecord(b) && b.code === 503 && typeof b.message === 'string';
const springError = (b: unknown) =>
  isRecord(b) &&
  b.status === 503 &&
  b.error === 'Service Unavailable' &&
  typeof b.timestamp === 'string' &&
  typeof b.path === 'string' &&
  typeof b.message === 'string';
const nestError = (b: unknown) =>
  isRecord(b) && b.statusCode === 503 && b.error === 'Service Unavailable' && 'message' in b;

const answered2xx = (samples: Sample[]) =>
  samples.filter((s) => s.status !== undefined && s.status >= 200 && s.status < 300);

describeWithServer('mysql', 'catalog when MariaDB goes away under load', () => {
  let db: ThrowawayDatabase;
  let proxy: TcpProxy;
  let catalog: Service;

  beforeAll(async () => {
    db = await createMysqlDatabase('catalog_faults');
    proxy = await startTcpProxy(3306);
    catalog = await startService('catalog', catalogDbEnv(db.name, proxy.port));
  }, 90_000);
  afterAll(async () => {
    await catalog?.app.stop();
    await proxy?.stop();
    await db?.drop();
  });

  it('answers fast 503s while it is away and fully serves within 5 s of its return', async () => {
    const paths = ['/catalogue?tags=dress', '/catalogue/size', '/catalogue/tags'];
    const load = startLoad(catalog.url, CLIENTS, (w, n) => ({
      method: 'GET',
      path: paths[(w + n) % paths.length],
    }));
    expectOutageHandled(await playOutage(load, proxy), catalogError, 'some 503s');
    expect(catalog.alive()).toBe(true);
  });
});

describeWithServer('postgres', 'orders when PostgreSQL or RabbitMQ goes away under load', () => {
  let db: ThrowawayDatabase;
  let events: EventQueue;
  let dbProxy: TcpProxy;
  let brokerProxy: TcpProxy;
  let orders: Service;
  const run = uniqueSuffix();

  beforeAll(async () => {
    [db, events] = await Promise.all([createPostgresDatabase('orders_faults'), createEventQueue()]);
    [dbProxy, brokerProxy] = await Promise.all([startTcpProxy(5432), startTcpProxy(5672)]);
    orders = await startService('orders', {
      ...ordersDbEnv(db.name, dbProxy.port),
      ...events.env(brokerProxy.port),
    });
  }, 90_000);
  afterAll(async () => {
    await orders?.app.stop();
    await Promise.all([dbProxy?.stop(), brokerProxy?.stop()]);
    await Promise.all([db?.drop(), events?.close()]);
  });

  const placeOrders = () =>
    startLoad(orders.url, CLIENTS, (w, n) => ({
      method: 'POST',
      path: '/orders',
      body: {
        firstName: `fault-${run}`,
        lastName: `${w}-${n}`,
        email: 'fault@example.com',
        items: [{ productId: 'p-1', name: 'Watch', quantity: 1, unitCost: 10, totalCost: 10 }],
      },
    }));

  /** Every order answered 2xx is stored, and its event reaches the exchange. */
  async function expectNoAcceptedOrderLost(samples: Sample[]): Promise<void> {
    const accepted = answered2xx(samples).map((s) => (JSON.parse(s.body) as { id: string }).id);
    expect(accepted.length).toBeGreaterThan(0);
    const res = await fetch(`${orders.url}/orders`);
    const listed = new Set(((await res.json()) as Array<{ id: string }>).map((o) => o.id));
    expect(accepted.filter((id) => !listed.has(id))).toEqual([]);
    const stored = await db.query<{ id: string }>(
      'SELECT id FROM order_entity WHERE id = ANY($1)',
      [accepted],
    );
    expect(stored).toHaveLength(accepted.length);

    const received = await events.collect(accepted, 30_000);
    const published = new Set(received.map((e) => e.body.order.id));
    expect(accepted.filter((id) => !published.has(id))).toEqual([]);
  }

  it('answers fast 503s while the database is away, recovers within 5 s, loses no accepted order', async () => {
    const outage = await playOutage(placeOrders(), dbProxy);
    expectOutageHandled(outage, springError, 'some 503s');
    expect(orders.alive()).toBe(true);
    await expectNoAcceptedOrderLost(outage.samples);
  });

  it('keeps taking orders while the broker is away and publishes every event once it is back', async () => {
    const outage = await playOutage(placeOrders(), brokerProxy);
    expectOutageHandled(outage, springError, 'no failures');
    await expectNoAcceptedOrderLost(outage.samples);
  });
});

describe('cart when DynamoDB (dynalite) goes away under load', () => {
  let dynamo: Awaited<ReturnType<typeof startDynalite>>;
  let proxy: TcpProxy;
  let cart: Service;
  const run = uniqueSuffix();

  beforeAll(async () => {
    dynamo = await startDynalite();
    proxy = await startTcpProxy(dynamo.port);
    cart = await startService(
      'cart',
      cartDbEnv(`http://127.0.0.1:${proxy.port}`, `carts-faults-${run}`),
    );
  }, 90_000);
  afterAll(async () => {
    await cart?.app.stop();
    await proxy?.stop();
    await dynamo?.close();
  });

  it('answers fast 503s while it is away, recovers within 5 s, loses no accepted add', async () => {
    const load = startLoad(cart.url, CLIENTS, (w, n) =>
      n % 2 === 0
        ? {
            method: 'POST',
            path: `/carts/fault-${w}/items`,
            body: { itemId: `item-${n % 3}`, quantity: 1, unitPrice: 10 },
          }
        : { method: 'GET', path: `/carts/fault-${w}` },
    );
    const outage = await playOutage(load, proxy);
    expectOutageHandled(outage, springError, 'some 503s');
    expect(cart.alive()).toBe(true);

    for (let w = 0; w < CLIENTS; w++) {
      const adds = outage.samples.filter((s) => s.worker === w && s.request.method === 'POST');
      const res = await fetch(`${cart.url}/carts/fault-${w}`);
      const { items } = (await res.json()) as { items: Array<{ quantity: number }> };
      const units = items.reduce((sum, i) => sum + i.quantity, 0);
      // An add refused while its write was already on the wire may still have landed.
      expect(units).toBeGreaterThanOrEqual(answered2xx(adds).length);
      expect(units).toBeLessThanOrEqual(adds.length);
    }
  });
});

describeWithServer('redis', 'checkout when Redis goes away under load', () => {
  let proxy: TcpProxy;
  let checkout: Service;
  const run = uniqueSuffix();
  const customer = (w: number) => `fault-${run}-${w}`;

  beforeAll(async () => {
    proxy = await startTcpProxy(6379);
    checkout = await startService('checkout', { REDIS_URL: `redis://127.0.0.1:${proxy.port}` });
  }, 90_000);
  afterAll(async () => {
    await checkout?.app.stop();
    await proxy?.stop();
    const redis = redisClient();
    await redis.del(...Array.from({ length: CLIENTS }, (_, w) => `checkout:${customer(w)}`));
    redis.disconnect();
  });

  it('answers fast 503s while it is away, recovers within 5 s, keeps what it accepted', async () => {
    const load = startLoad(checkout.url, CLIENTS, (w, n) =>
      n % 2 === 0
        ? {
            method: 'POST',
            path: `/checkout/${customer(w)}/update`,
            body: { subtotal: n, items: [] },
          }
        : { method: 'GET', path: `/checkout/${customer(w)}` },
    );
    const outage = await playOutage(load, proxy);
    expectOutageHandled(outage, nestError, 'some 503s');
    expect(checkout.alive()).toBe(true);

    for (let w = 0; w < CLIENTS; w++) {
      const updates = answered2xx(
        outage.samples.filter((s) => s.worker === w && s.request.method === 'POST'),
      );
      const last = (updates.at(-1)!.request.body as { subtotal: number }).subtotal;
      const res = await fetch(`${checkout.url}/checkout/${customer(w)}`);
      const stored = (await res.json()) as { request: { subtotal: number } };
      expect(stored.request.subtotal).toBeGreaterThanOrEqual(last);
    }
  });
});
