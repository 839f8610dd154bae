import { readFileSync } from 'node:fs';
import path from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { badge, countClass, decode, hrefsByClass, textById, textsByClass } from './support/html';
import { Backend, RunningService, serviceExists, startService } from './support/services';
import { createUiApp, HTML } from './support/ui-app';

const GENTLEMAN = '510a0d7e-8e83-4193-b483-e27e09ddc34d';
const ADDRESS = {
  firstName: 'Jane',
  lastName: 'Doe',
  email: 'jane@example.com',
  address1: '100 Main St',
  address2: 'Apt 4',
  city: 'Anytown',
  state: 'WA',
  zip: '98101',
};

// Each backend that has landed runs for real, in memory, in this process; the rest stay mocked.
const landed = (['catalog', 'carts', 'orders', 'checkout', 'assets'] as Backend[]).filter(
  serviceExists,
);
const missing = ['catalog', 'carts', 'checkout', 'assets'].filter(
  (b) => !landed.includes(b as Backend),
);
if (missing.length > 0)
  console.warn(`ui against real services: still mocked: ${missing.join(', ')}`);
const real = (backend: Backend) => (landed.includes(backend) ? it : it.skip);

describe(`storefront against the real ${landed.join(', ')} services`, () => {
  const services: Partial<Record<Backend, RunningService>> = {};
  let app: NestFastifyApplication;
  const http = () => request(app.getHttpServer());
  const shopper = () => request.agent(app.getHttpServer()).set(HTML);
  const urlOf = (backend: Backend): string => {
    const url = services[backend]?.url;
    if (!url) throw new Error(`${backend} is not running`);
    return url;
  };
  const sessionOf = (res: request.Response) =>
    /SESSIONID=([^;]+)/.exec(String(res.headers['set-cookie']))?.[1] ?? '';

  beforeAll(async () => {
    for (const backend of landed) {
      const env: Record<string, string> =
        backend === 'checkout' && services.orders ? { ENDPOINTS_ORDERS: services.orders.url } : {};
      services[backend] = await startService(backend, env);
    }
    const endpoints = Object.fromEntries(
      landed.map((b) => [`ENDPOINTS_${b.toUpperCase()}`, services[b]?.url ?? '']),
    );
    app = await createUiApp({
      ...endpoints,
      RETAIL_UI_CHAOS_ENABLED: 'true',
      RETAIL_UI_ORDERS_PROXY_ENABLED: 'true',
    });
  });
  afterAll(async () => {
    await app?.close();
    for (const service of Object.values(services)) await service.close();
  });

  real('catalog')(
    'shows the real catalog: four hot products with pictures under /assets',
    async () => {
      const { text } = await http().get('/home').expect(200);
      expect(countClass(text, 'product')).toBe(4);
      expect(textsByClass(text, 'product-name')).toContain('Gentleman');
      expect(text).toContain('src="/assets/gentleman.jpg"');
    },
  );

  real('catalog')('filters by the catalog’s tags and pages through its products', async () => {
    const all = await http().get('/catalog').expect(200);
    expect(textsByClass(all.text, 'category-link')).toEqual(['Smart', 'Dress', 'Luxury', 'Casual']);
    expect(all.text).toMatch(/Showing <strong>3<\/strong> of <strong>6<\/strong> products/);
    expect(textsByClass(all.text, 'page-link').filter((t) => /^\d$/.test(t))).toEqual(['1', '2']);
    const luxury = await http().get('/catalog?tag=luxury&page=1&size=9').expect(200);
    expect(textsByClass(luxury.text, 'product-name')).toEqual(['Chronograf Classic']);
    expect(hrefsByClass(luxury.text, 'category-link')[2]).toBe('/catalog?page=1&size=9&tag=luxury');
  });

  real('catalog')('shows a product with its real price and 404s an unknown one', async () => {
    const { text } = await http().get(`/catalog/${GENTLEMAN}`).expect(200);
    expect(text).toContain('<h1>Gentleman</h1>');
    expect(textsByClass(text, 'price')).toEqual(['$795']);
    await http().get('/catalog/no-such-product').set(HTML).expect(404);
  });

  real('carts')('keeps the cart in the cart service, under the SESSIONID', async () => {
    const agent = shopper();
    const first = await agent.get('/home').expect(200);
    const session = sessionOf(first);
    const productId = landed.includes('catalog') ? GENTLEMAN : '1';
    await agent.post('/cart').type('form').send({ productId }).expect(303);
    await agent.post('/cart').type('form').send({ productId }).expect(303);
    const stored = await request(urlOf('carts')).get(`/carts/${session}`).expect(200);
    expect(stored.body.items).toEqual([
      { itemId: productId, quantity: 2, unitPrice: landed.includes('catalog') ? 795 : 123 },
    ]);
    const { text } = await agent.get('/cart').expect(200);
    expect(badge(text)).toBe('2');
    await agent.post('/cart/remove').type('form').send({ productId }).expect(303);
    expect((await request(urlOf('carts')).get(`/carts/${session}`)).body.items).toEqual([]);
  });

  real('checkout')('checks out through every step and places a real order', async () => {
    const agent = shopper();
    const session = sessionOf(await agent.get('/home').expect(200));
    const productId = landed.includes('catalog') ? GENTLEMAN : '1';
    const price = landed.includes('catalog') ? 795 : 123;
    await agent.post('/cart').type('form').send({ productId }).expect(303);
    const address = await agent.get('/checkout').expect(200);
    expect(address.text).toContain(`<dt>Total price:</dt><dd>$${price}</dd>`);
    const delivery = await agent.post('/checkout').type('form').send(ADDRESS).expect(200);
    expect(delivery.text).toContain('value="priority-mail-express"');
    expect(delivery.text).toContain('Estimated 5 days');
    const tax = Math.floor(price / 20);
    expect(delivery.text).toContain(`<dt>Tax:</dt><dd>$${tax}</dd>`);
    await agent
      .post('/checkout/delivery')
      .type('form')
      .send({ token: 'priority-mail-express' })
      .expect(200);
    const review = await agent.post('/checkout/payment').type('form').send({}).expect(200);
    expect(review.text).toContain('<dt>Shipping cost:</dt><dd>$15</dd>');
    // DESIGN.md: the total includes shipping.
    expect(review.text).toContain(`<dt>Total:</dt><dd>$${price + tax + 15}</dd>`);
    const done = await agent.post('/checkout/confirm').expect(200);
    const orderId = textById(done.text, 'orderId');
    expect(orderId).toMatch(/\S/);
    expect(textById(done.text, 'orderEmail')).toBe('jane@example.com');
    expect(badge(done.text)).toBe('0');
    expect((await agent.get('/cart').expect(200)).text).toContain("You don't have any items");
    if (services.orders) {
      const order = await request(services.orders.url).get(`/orders/${orderId}`).expect(200);
      expect(order.body).toMatchObject({
        firstName: 'Jane',
        lastName: 'Doe',
        email: 'jane@example.com',
      });
      expect(order.body.items).toEqual([expect.objectContaining({ productId, quantity: 1 })]);
    }
    await request(urlOf('checkout')).get(`/checkout/${session}`).expect(404);
  });

  real('assets')('proxies product pictures from the assets service, cached 30 days', async () => {
    const res = await http().get('/assets/gentleman.jpg').expect(200);
    expect(res.headers['content-type']).toBe('image/jpeg');
    expect(res.headers['cache-control']).toBe('public, max-age=2592000');
    const direct = await request(urlOf('assets')).get('/assets/gentleman.jpg').expect(200);
    expect(Buffer.compare(res.body as Buffer, direct.body as Buffer)).toBe(0);
    const generic = readFileSync(path.join(__dirname, '../public/img/sample_product.jpg'));
    expect(Buffer.compare(res.body as Buffer, generic)).not.toBe(0);
    await http().get('/assets/missing.jpg').expect(404);
  });

  real('catalog')(
    'passes GET /proxy/catalogue/** through to the catalog, query included',
    async () => {
      const res = await http().get('/proxy/catalogue?size=2&page=1').expect(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body).toHaveLength(2);
      const product = await http().get(`/proxy/catalogue/product/${GENTLEMAN}`).expect(200);
      expect(product.body.name).toBe('Gentleman');
      await http().get('/proxy/catalogue/product/nope').expect(404);
      await http().get('/proxy/catalogue/%2e%2e/health').expect(404);
    },
  );

  real('orders')('passes /proxy/orders to the orders service, not to checkout', async () => {
    const res = await http().get('/proxy/orders').expect(200);
    expect(Array.isArray(res.body)).toBe(true);
  });

  it('lists the real services as UP on the topology page and in readiness', async () => {
    const { text } = await http().get('/topology').expect(200);
    for (const backend of landed) {
      expect(decode(text)).toContain(`<code>${services[backend]?.url}</code>`);
    }
    expect(text.match(/pill pill-up">UP</g)).toHaveLength(landed.length);
    const ready = await http().get('/actuator/health/readiness').expect(200);
    expect(ready.body.status).toBe('UP');
    for (const backend of landed) {
      expect(ready.body.components[backend]).toEqual({
        status: 'UP',
        details: { url: services[backend]?.url },
      });
    }
  });

  // Last: the cart service's chaos switch cannot be reset.
  real('carts')(
    'forwards fail-cart to the cart service, whose health then reads DOWN',
    async () => {
      const res = await http().post('/actuator/fail-cart').expect(200);
      expect(res.text).toBe('OK');
      await request(urlOf('carts')).get('/actuator/health').expect(503);
      const ready = await http().get('/actuator/health/readiness').expect(503);
      expect(ready.body.components.carts.status).toBe('DOWN');
      await http().get('/actuator/health').expect(200, { status: 'UP' });
      const { text } = await http().get('/topology').expect(200);
      expect(text).toContain('pill pill-down">DOWN<');
    },
  );
});
