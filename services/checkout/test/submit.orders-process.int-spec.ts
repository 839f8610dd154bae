import { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  buildService,
  describeWithServer,
  freePort,
  RunningApp,
  startApp,
  startTcpProxy,
  TcpProxy,
} from '@retail/testing';
import {
  createPostgresDatabase,
  ordersDbEnv,
  type ThrowawayDatabase,
} from '@retail/testing/backends';
import { Redis } from 'ioredis';
import request from 'supertest';
import { startCheckout } from './app';
import { aCheckoutRequest, anItem } from './builders';
import { deleteKeys, REDIS_URL, runId } from './redis';

/** The real orders service, built and run as its image runs it, in memory. */
async function startOrders(): Promise<{ orders: RunningApp; ordersUrl: string }> {
  const port = await freePort();
  const orders = await startApp(
    buildService('orders'),
    { LOG_LEVEL: 'silent' },
    port,
    '/actuator/health',
  );
  return { orders, ordersUrl: `http://127.0.0.1:${port}` };
}

describe('submit to the real orders service', () => {
  let orders: RunningApp;
  let ordersUrl: string;
  let app: NestFastifyApplication;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    ({ orders, ordersUrl } = await startOrders());
    app = await startCheckout({ ENDPOINTS_ORDERS: `${ordersUrl}/` });
  });
  afterAll(async () => {
    await app?.close();
    await orders?.stop();
  });

  it('places an order orders stores with the address’s names, the email and real unit costs', async () => {
    const items = [
      anItem(),
      anItem({ id: 'p-2', name: 'Wood Watch', quantity: 2, unitCost: 50, totalCost: 100 }),
    ];
    await http()
      .post('/checkout/real-1/update')
      .send(aCheckoutRequest({ items, subtotal: 895 }))
      .expect(201);
    const res = await http().post('/checkout/real-1/submit').expect(201);
    expect(res.body).toEqual({
      orderId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      customerEmail: 'jane@example.com',
    });
    await http().get('/checkout/real-1').expect(404);

    const listed = (await (await fetch(`${ordersUrl}/orders`)).json()) as Array<
      Record<string, unknown>
    >;
    expect(listed.find((o) => o.id === res.body.orderId)).toEqual({
      id: res.body.orderId,
      firstName: 'Jane',
      lastName: 'Roe',
      email: 'jane@example.com',
      items: [
        expect.objectContaining({
          productId: '510a0d7e-8e83-4193-b483-e27e09ddc34d',
          name: 'Gentleman',
          quantity: 1,
          unitCost: 795,
          totalCost: 795,
        }),
        expect.objectContaining({
          productId: 'p-2',
          name: 'Wood Watch',
          quantity: 2,
          unitCost: 50,
          totalCost: 100,
        }),
      ],
    });
  });

  it('places an order without an email when the checkout has none', async () => {
    await http()
      .post('/checkout/real-2/update')
      .send(aCheckoutRequest({ customerEmail: null }))
      .expect(201);
    const res = await http().post('/checkout/real-2/submit').expect(201);
    expect(res.body).toEqual({ orderId: expect.any(String), customerEmail: null });
  });

  it('is ready while orders answers its health endpoint', async () => {
    const ready = await http().get('/health/ready').expect(200);
    expect(ready.body.details).toEqual({ orders: { status: 'up' } });
  });

  it('answers 502 and keeps the checkout once orders is gone', async () => {
    await http().post('/checkout/real-3/update').send(aCheckoutRequest()).expect(201);
    expect(await orders.stop()).toBe(0);
    await http().post('/checkout/real-3/submit').expect(502);
    await http().get('/checkout/real-3').expect(200);
    await http().get('/health/ready').expect(503);
  });
});

/** Orders stored with this email, counted at orders itself. */
async function ordersFor(ordersUrl: string, email: string): Promise<number> {
  const listed = (await (await fetch(`${ordersUrl}/orders`)).json()) as Array<{ email: string }>;
  return listed.filter((o) => o.email === email).length;
}

/** Concurrent submits of one checkout, counted at the real orders service. */
function describeConcurrentSubmits(store: string, storeEnv: Record<string, string>): void {
  describe(`concurrent submits of one checkout (${store}) to the real orders service`, () => {
    let orders: RunningApp;
    let ordersUrl: string;
    let app: NestFastifyApplication;
    const http = () => request(app.getHttpServer());
    const run = runId();

    beforeAll(async () => {
      ({ orders, ordersUrl } = await startOrders());
      app = await startCheckout({ ...storeEnv, ENDPOINTS_ORDERS: ordersUrl });
    });
    afterAll(async () => {
      await app?.close();
      await orders?.stop();
      if (storeEnv.REDIS_URL) {
        const admin = new Redis(storeEnv.REDIS_URL);
        await deleteKeys(admin, `*${run}*`);
        await admin.quit();
      }
    });

    it.each([2, 5])('places exactly one order for %i concurrent submits', async (n) => {
      const id = `${run}-parallel-${n}`;
      const email = `${id}@example.com`;
      await http()
        .post(`/checkout/${id}/update`)
        .send(aCheckoutRequest({ customerEmail: email }))
        .expect(201);
      const answers = await Promise.all(
        Array.from({ length: n }, () => http().post(`/checkout/${id}/submit`)),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([...Array(n - 1).fill(200), 201]);
      expect(new Set(answers.map((a) => (a.body as { orderId: string }).orderId)).size).toBe(1);
      expect(await ordersFor(ordersUrl, email)).toBe(1);
    });
  });
}

describeConcurrentSubmits('in memory', {});
describeWithServer('redis', 'on Redis', () => describeConcurrentSubmits('Redis', { REDIS_URL }));

describeWithServer('postgres', 'submit while orders’ PostgreSQL is frozen past its timeout', () => {
  let db: ThrowawayDatabase;
  let proxy: TcpProxy;
  let orders: RunningApp;
  let ordersUrl: string;
  let app: NestFastifyApplication;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    db = await createPostgresDatabase('checkout_frozen');
    proxy = await startTcpProxy(5432);
    const port = await freePort();
    orders = await startApp(
      buildService('orders'),
      { LOG_LEVEL: 'silent', ...ordersDbEnv(db.name, proxy.port) },
      port,
      '/actuator/health',
    );
    ordersUrl = `http://127.0.0.1:${port}`;
    // Longer than orders' 5 s query timeout, so orders' own answer comes back.
    app = await startCheckout({ ENDPOINTS_ORDERS: ordersUrl, ENDPOINTS_ORDERS_TIMEOUT_MS: '8000' });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await orders?.stop();
    await proxy?.stop();
    await db?.drop();
  });

  it('answers 502, places nothing, and the retry places exactly one order', async () => {
    const email = `frozen-${Date.now()}@example.com`;
    await http()
      .post('/checkout/frozen-1/update')
      .send(aCheckoutRequest({ customerEmail: email }))
      .expect(201);
    expect(await ordersFor(ordersUrl, email)).toBe(0);

    proxy.freeze();
    const refused = await http().post('/checkout/frozen-1/submit').expect(502);
    expect(refused.body.message).toContain('orders answered 503');
    proxy.thaw();
    await new Promise((r) => setTimeout(r, 1000));
    expect(await ordersFor(ordersUrl, email)).toBe(0);

    const placed = await http().post('/checkout/frozen-1/submit').expect(201);
    const repeat = await http().post('/checkout/frozen-1/submit').expect(200);
    expect(repeat.body).toEqual(placed.body);
    expect(await ordersFor(ordersUrl, email)).toBe(1);
    const rows = await db.query('SELECT id FROM order_entity WHERE email = $1', [email]);
    expect(rows).toEqual([{ id: placed.body.orderId }]);
  }, 30_000);
});
