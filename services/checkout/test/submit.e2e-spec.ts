import { createServer } from 'node:net';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { startCheckout } from './app';
import { aCheckoutRequest, anItem } from './builders';
import { failing, hanging, OrdersStub, placed } from './orders-stub';

const TIMEOUT_MS = 1500;

describe('submit to an orders service over HTTP', () => {
  let orders: OrdersStub;
  let app: NestFastifyApplication;
  const http = () => request(app.getHttpServer());
  let seq = 0;
  const checkoutFor = async (body = aCheckoutRequest()) => {
    const id = `submit-${++seq}`;
    await http().post(`/checkout/${id}/update`).send(body).expect(201);
    return id;
  };
  const stored = async (id: string) => (await http().get(`/checkout/${id}`).expect(200)).text;

  beforeAll(async () => {
    orders = await OrdersStub.start();
    // The trailing slash must not become //orders (the reference's string concatenation did).
    app = await startCheckout({
      ENDPOINTS_ORDERS: `${orders.url}/`,
      ENDPOINTS_ORDERS_TIMEOUT_MS: String(TIMEOUT_MS),
    });
  });
  afterAll(async () => {
    await app.close();
    await orders.stop();
  });
  beforeEach(() => {
    orders.requests.length = 0;
    orders.answer = placed('order-1');
  });

  it('sends one POST /orders with the address’s names, the email and the items', async () => {
    const id = await checkoutFor(
      aCheckoutRequest({
        customerEmail: 'jane@example.com',
        items: [
          anItem(),
          {
            ...anItem({ id: 'p-2', name: 'Wood Watch', quantity: 2, unitCost: 50, totalCost: 100 }),
            colour: 'oak',
          } as never,
        ],
      }),
    );
    orders.answer = placed('7f3c1e9a-order');
    const res = await http().post(`/checkout/${id}/submit`).expect(201);
    expect(res.body).toEqual({ orderId: '7f3c1e9a-order', customerEmail: 'jane@example.com' });

    expect(orders.requests).toHaveLength(1);
    const [sent] = orders.requests;
    expect(sent).toMatchObject({ method: 'POST', url: '/orders' });
    expect(sent.headers['content-type']).toBe('application/json');
    expect(JSON.parse(sent.body)).toStrictEqual({
      firstName: 'Jane',
      lastName: 'Roe',
      email: 'jane@example.com',
      items: [
        {
          productId: '510a0d7e-8e83-4193-b483-e27e09ddc34d',
          name: 'Gentleman',
          quantity: 1,
          unitCost: 795,
          price: 795,
          totalCost: 795,
        },
        {
          productId: 'p-2',
          name: 'Wood Watch',
          quantity: 2,
          unitCost: 50,
          price: 50,
          totalCost: 100,
        },
      ],
    });
    await http().get(`/checkout/${id}`).expect(404);
  });

  it('sends a null email as null and leaves a missing one out', async () => {
    const withNull = await checkoutFor(aCheckoutRequest({ customerEmail: null }));
    await http().post(`/checkout/${withNull}/submit`).expect(201);
    expect(JSON.parse(orders.requests[0].body)).toHaveProperty('email', null);

    const without = await checkoutFor(aCheckoutRequest({ customerEmail: undefined }));
    const res = await http().post(`/checkout/${without}/submit`).expect(201);
    expect(res.body).toEqual({ orderId: 'order-1' });
    expect(JSON.parse(orders.requests[1].body)).not.toHaveProperty('email');
  });

  it('answers without orderId when orders’ 2xx carries no id, and still deletes the checkout', async () => {
    const id = await checkoutFor();
    orders.answer = failing(201, { accepted: true });
    expect((await http().post(`/checkout/${id}/submit`).expect(201)).body).toEqual({
      customerEmail: 'jane@example.com',
    });
    await http().get(`/checkout/${id}`).expect(404);
  });

  it('sends nothing for a checkout without address or items: 400', async () => {
    const id = await checkoutFor(aCheckoutRequest({ shippingAddress: null, items: [] }));
    await http().post(`/checkout/${id}/submit`).expect(400);
    await http().post(`/checkout/unknown-customer/submit`).expect(404);
    expect(orders.requests).toHaveLength(0);
  });

  it.each([
    [500, {}, 'orders answered 500 to POST /orders'],
    [
      400,
      { status: 400, message: 'items must not be empty' },
      'orders answered 400 to POST /orders: items must not be empty',
    ],
    [404, {}, 'orders answered 404 to POST /orders'],
  ])(
    'answers 502 when orders answers %i, keeps the checkout, and a retry succeeds',
    async (status, body, detail) => {
      const id = await checkoutFor();
      const before = await stored(id);
      orders.answer = failing(status, body);
      const res = await http().post(`/checkout/${id}/submit`).expect(502);
      expect(res.body).toEqual({
        statusCode: 502,
        message: `Order not placed: ${detail}; the checkout is kept, submit it again`,
        error: 'Bad Gateway',
      });
      expect(await stored(id)).toBe(before);

      orders.answer = placed('order-2');
      expect((await http().post(`/checkout/${id}/submit`).expect(201)).body.orderId).toBe(
        'order-2',
      );
    },
  );

  it('gives up on an orders service that does not answer within the timeout: 502, kept', async () => {
    const id = await checkoutFor();
    orders.answer = hanging;
    const started = Date.now();
    const res = await http().post(`/checkout/${id}/submit`).expect(502);
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 2000);
    expect(res.body.message).toBe(
      `Order not confirmed: orders did not answer POST /orders within ${TIMEOUT_MS} ms; the checkout is kept, submit it again (a repeat never places a second order)`,
    );
    await stored(id);
  });

  describe('idempotency', () => {
    const keyOf = (r: { headers: Record<string, unknown> }) => r.headers['idempotency-key'];

    it('sends an idempotency-key, the same for every attempt at one checkout, new after an update', async () => {
      const id = await checkoutFor();
      orders.answer = failing(503);
      await http().post(`/checkout/${id}/submit`).expect(502);
      orders.answer = placed('order-k');
      await http().post(`/checkout/${id}/submit`).expect(201);
      const [failed, succeeded] = orders.requests;
      expect(keyOf(failed)).toMatch(/^[\w-]{43}$/);
      expect(keyOf(succeeded)).toBe(keyOf(failed));

      await http().post(`/checkout/${id}/update`).send(aCheckoutRequest()).expect(201);
      await http().post(`/checkout/${id}/submit`).expect(201);
      const other = await checkoutFor();
      await http().post(`/checkout/${other}/submit`).expect(201);
      expect(new Set(orders.requests.map(keyOf)).size).toBe(3);
    });

    it.each([2, 5])(
      'sends one order for %i concurrent submits; the others answer 200 with its body',
      async (n) => {
        const id = await checkoutFor();
        let answered = 0;
        // Orders takes its time, so the submits really overlap.
        orders.answer = (req, res) =>
          setTimeout(() => {
            answered++;
            placed(`order-${n}`)(req, res);
          }, 200);
        const answers = await Promise.all(
          Array.from({ length: n }, () => http().post(`/checkout/${id}/submit`)),
        );
        expect(orders.requests).toHaveLength(1);
        expect(answered).toBe(1);
        expect(answers.map((a) => a.status).sort()).toEqual([...Array(n - 1).fill(200), 201]);
        for (const a of answers) expect(a.body).toEqual(answers[0].body);
      },
    );

    it('retries a submit that timed out with the same key, so orders can answer the first order', async () => {
      const id = await checkoutFor();
      orders.answer = hanging;
      await http().post(`/checkout/${id}/submit`).expect(502);
      orders.answer = placed('order-late');
      const res = await http().post(`/checkout/${id}/submit`).expect(201);
      expect(res.body.orderId).toBe('order-late');
      expect(orders.requests).toHaveLength(2);
      expect(keyOf(orders.requests[1])).toBe(keyOf(orders.requests[0]));
    });
  });

  it('answers readiness by orders’ health', async () => {
    const ready = await http().get('/health/ready').expect(200);
    expect(ready.body.details).toEqual({ orders: { status: 'up' } });
    orders.answer = failing(503, { status: 'DOWN' });
    const down = await http().get('/health/ready').expect(503);
    expect(down.body.error.orders).toMatchObject({
      status: 'down',
      message: expect.stringContaining('503'),
    });
    await http().get('/health').expect(200);
  });
});

describe('submit to an orders service that is not there', () => {
  let app: NestFastifyApplication;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const { port } = closed.address() as { port: number };
    await new Promise((r) => closed.close(r));
    app = await startCheckout({ ENDPOINTS_ORDERS: `http://127.0.0.1:${port}` });
  });
  afterAll(() => app.close());

  it('answers 502 naming orders as unreachable and keeps the checkout', async () => {
    await http().post('/checkout/c1/update').send(aCheckoutRequest()).expect(201);
    const res = await http().post('/checkout/c1/submit').expect(502);
    expect(res.body).toEqual({
      statusCode: 502,
      message: expect.stringMatching(
        /^Order not placed: orders is unreachable at .*ECONNREFUSED.*; the checkout is kept, submit it again$/,
      ),
      error: 'Bad Gateway',
    });
    await http().get('/checkout/c1').expect(200);
  });

  it('is not ready, naming orders, while alive', async () => {
    const res = await http().get('/health/ready').expect(503);
    expect(Object.keys(res.body.error)).toEqual(['orders']);
    await http().get('/health').expect(200);
  });
});

describe('SHIPPING_NAME_PREFIX', () => {
  it('prefixes both rate names verbatim', async () => {
    const app = await startCheckout({ SHIPPING_NAME_PREFIX: 'ACME ' });
    const res = await request(app.getHttpServer())
      .post('/checkout/c/update')
      .send(aCheckoutRequest())
      .expect(201);
    expect(res.body.shippingRates.rates.map((r: { name: string }) => r.name)).toEqual([
      'ACME Priority Mail',
      'ACME Priority Mail Express',
    ]);
    await app.close();
  });
});
