import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTestApp, documentOfBuiltService } from '@retail/testing';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { MAX_PRODUCT_SERIES, OTHER_PRODUCTS } from '../src/orders/orders.metrics';
import { loadConfig } from '../src/config/orders.config';
import { anItem, anOrderRequest } from './order-requests';

describe('orders operations (in memory)', () => {
  let app: NestFastifyApplication;
  const http = () => request(app.getHttpServer());
  const metric = async (line: RegExp) => {
    const text = (await http().get('/actuator/prometheus').expect(200)).text;
    return Number(line.exec(text)?.[1]);
  };

  beforeAll(async () => {
    app = await createTestApp(AppModule.forRoot(loadConfig({ LOG_LEVEL: 'silent' })));
  });
  afterAll(() => app.close());

  describe('health', () => {
    it.each(['/actuator/health', '/actuator/health/liveness', '/actuator/health/readiness'])(
      '%s answers {"status":"UP"} with nothing to check',
      async (path) => {
        const res = await http().get(path).expect(200);
        expect(res.body).toEqual({ status: 'UP' });
      },
    );
  });

  describe('/actuator/prometheus', () => {
    // The reference's OrdersMetricsTests, through the API.
    const order = anOrderRequest({
      items: [
        anItem({ productId: 'Product1', quantity: 5, totalCost: 500 }),
        anItem({ productId: 'Product2', quantity: 2, totalCost: 100 }),
      ],
    });

    it('counts orders, quantities per product and the running order total', async () => {
      expect(await metric(/^watch_orders_total\{productId="\*"\} (\d+)$/m)).toBe(0);
      await http().post('/orders').send(order).expect(200);
      expect(await metric(/^watch_orders_total\{productId="\*"\} (\d+)$/m)).toBe(1);
      expect(await metric(/^watch_orders_total\{productId="Product1"\} (\d+)$/m)).toBe(5);
      expect(await metric(/^watch_orders_total\{productId="Product2"\} (\d+)$/m)).toBe(2);
      expect(await metric(/^watch_orderTotal (\d+)$/m)).toBe(600);

      await http().post('/orders').send(order).expect(200);
      expect(await metric(/^watch_orders_total\{productId="\*"\} (\d+)$/m)).toBe(2);
      expect(await metric(/^watch_orders_total\{productId="Product1"\} (\d+)$/m)).toBe(10);
      expect(await metric(/^watch_orderTotal (\d+)$/m)).toBe(1200);
    });

    it('does not count a rejected order', async () => {
      const before = await metric(/^watch_orders_total\{productId="\*"\} (\d+)$/m);
      await http()
        .post('/orders')
        .send({ ...order, firstName: '' })
        .expect(400);
      expect(await metric(/^watch_orders_total\{productId="\*"\} (\d+)$/m)).toBe(before);
    });

    it(`counts at most ${MAX_PRODUCT_SERIES} product ids one by one, the rest together`, async () => {
      const productSeries = async () =>
        [
          ...(await http().get('/actuator/prometheus')).text.matchAll(
            /^watch_orders_total\{productId="(.*)"\}/gm,
          ),
        ]
          .map(([, id]) => id)
          .filter((id) => id !== '*' && id !== OTHER_PRODUCTS);
      const before = (await productSeries()).length;
      const product1 = await metric(/^watch_orders_total\{productId="Product1"\} (\d+)$/m);
      for (const batch of [0, 1]) {
        const items = Array.from({ length: 1000 }, (_, i) =>
          anItem({ productId: `bulk-${batch}-${i}`, quantity: 1, totalCost: 1 }),
        );
        await http().post('/orders').send(anOrderRequest({ items })).expect(200);
      }
      await http().post('/orders').send(order).expect(200);

      expect(await productSeries()).toHaveLength(MAX_PRODUCT_SERIES);
      const other = new RegExp(`^watch_orders_total\\{productId="\\(other\\)"\\} (\\d+)$`, 'm');
      expect(await metric(other)).toBe(2000 - (MAX_PRODUCT_SERIES - before));
      expect(await metric(/^watch_orders_total\{productId="Product1"\} (\d+)$/m)).toBe(
        product1 + 5,
      );
    });

    it('has the help text, process metrics and the request histogram by route template', async () => {
      const created = await http().post('/orders').send(order).expect(200);
      await http().get(`/orders/${created.body.id}`).expect(200);
      const text = (await http().get('/actuator/prometheus').expect(200)).text;
      expect(text).toContain('# HELP watch_orders_total The number of orders placed');
      expect(text).toContain('# TYPE watch_orderTotal gauge');
      expect(text).toContain('process_cpu_user_seconds_total');
      expect(text).toMatch(
        /http_request_duration_seconds_count\{method="GET",route="\/orders\/:id",status="200"\} [1-9]/,
      );
    });
  });

  it('answers a POST without Content-Type 415, as the reference does', async () => {
    const res = await app
      .getHttpAdapter()
      .getInstance()
      .inject({ method: 'POST', url: '/orders', payload: JSON.stringify(anOrderRequest()) });
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({
      status: 415,
      error: 'Unsupported Media Type',
      path: '/orders',
    });
  });

  it('serves the OpenAPI document and the browsable UI', async () => {
    const doc = await http().get('/v3/api-docs').expect(200);
    expect(Object.keys(doc.body.paths)).toEqual(['/orders', '/orders/{id}']);
    expect(Object.keys(doc.body.paths['/orders'])).toEqual(['get', 'post']);
    expect(doc.body.components.schemas.CreateOrderDto.required).toEqual(['firstName', 'items']);
    const ui = await http().get('/swagger-ui/index.html').expect(200);
    expect(ui.text).toContain('swagger-ui');
  });

  it('serves the same OpenAPI document once built: dist runs the real @nestjs/swagger', async () => {
    const fromSource = (await http().get('/v3/api-docs').expect(200)).body as unknown;
    expect(await documentOfBuiltService('orders', '/v3/api-docs')).toEqual(fromSource);
  });
});
