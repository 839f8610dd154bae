import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { buildService, RunningApp, startApp } from '@retail/testing';
import request from 'supertest';
import { startCheckout } from './app';
import { aCheckoutRequest, anItem } from './builders';
import { freePort } from '@retail/testing';

// The real orders service, built and run as its image runs it, in memory.
describe('submit to the real orders service', () => {
  let orders: RunningApp;
  let ordersUrl: string;
  let app: NestFastifyApplication;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    const port = await freePort();
    orders = await startApp(
      buildService('orders'),
      { LOG_LEVEL: 'silent' },
      port,
      '/actuator/health',
    );
    ordersUrl = `http://127.0.0.1:${port}`;
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
