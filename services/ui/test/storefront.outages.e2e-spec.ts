import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { badge } from './support/html';
import { createUiApp, HTML } from './support/ui-app';

/** A port nothing listens on: connections are refused at once. */
async function closedPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return `http://127.0.0.1:${port}`;
}

/** A backend that answers every request with `status`, or never answers when status is 0. */
async function stubBackend(status: number): Promise<{ url: string; server: Server }> {
  const server = createServer((_req, res) => {
    if (status === 0) return;
    res.writeHead(status, { 'content-type': 'application/json' }).end('{"error":"broken"}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('storefront when a backend fails', () => {
  describe('catalog unreachable, the rest mocked', () => {
    let app: NestFastifyApplication;
    beforeAll(async () => {
      app = await createUiApp({ ENDPOINTS_CATALOG: await closedPort() });
    });
    afterAll(() => app.close());
    const http = () => request(app.getHttpServer());

    it.each(['/home', '/catalog', '/catalog/1'])(
      'answers %s with 503 inside the layout, naming the catalog',
      async (path) => {
        const res = await http().get(path).set(HTML).expect(503);
        expect(res.text).toContain('The product catalog is unavailable');
        expect(res.text).toContain('id="menu-catalog"');
        expect(badge(res.text)).toBe('0');
        expect(res.text).not.toMatch(/\bat .*\.(js|ts):\d+/);
      },
    );

    it('still serves the cart page, and refuses to add a product it cannot look up', async () => {
      await http().get('/cart').set(HTML).expect(200);
      const res = await http()
        .post('/cart')
        .set(HTML)
        .type('form')
        .send({ productId: '1' })
        .expect(503);
      expect(res.text).toContain('The product catalog is unavailable');
    });

    it('stays live but reports readiness DOWN naming the catalog, and shows it on /topology', async () => {
      await http().get('/actuator/health').expect(200, { status: 'UP' });
      const ready = await http().get('/actuator/health/readiness').expect(503);
      expect(ready.body.status).toBe('DOWN');
      expect(ready.body.components.catalog.status).toBe('DOWN');
      expect(ready.body.components.carts).toEqual({ status: 'UP', details: { mode: 'mock' } });
      const topology = await http().get('/topology').expect(200);
      expect(topology.text).toContain('pill pill-down">DOWN<');
    });

    it('answers JSON naming the catalog to clients that do not ask for HTML', async () => {
      const res = await http().get('/home').expect(503);
      expect(res.body).toMatchObject({ status: 503, error: 'Service Unavailable', path: '/home' });
      expect(res.body.message).toContain('The product catalog');
    });

    it('counts the failed calls in the backend histogram', async () => {
      const { text } = await http().get('/actuator/prometheus').expect(200);
      expect(text).toMatch(
        /http_client_requests_seconds_count\{service="catalog",method="GET",status="error"\} [1-9]/,
      );
    });
  });

  describe('carts unreachable, the rest mocked', () => {
    let app: NestFastifyApplication;
    beforeAll(async () => {
      app = await createUiApp({ ENDPOINTS_CARTS: await closedPort() });
    });
    afterAll(() => app.close());
    const http = () => request(app.getHttpServer());

    it('renders the catalog with a "?" cart badge and a notice', async () => {
      // A returning visitor: a session the ui issued, so the badge asks the cart service.
      const cookie = /^SESSIONID=[^;]+/.exec(
        String((await http().get('/home').expect(200)).headers['set-cookie']),
      )?.[0];
      const res = await http().get('/catalog').set(HTML).set('Cookie', String(cookie)).expect(200);
      expect(badge(res.text)).toBe('?');
      expect(res.text).toContain('Your cart is unavailable right now');
      expect(res.text).toContain('class="products');
    });

    it('shows a new visitor an empty cart without asking the cart service', async () => {
      const res = await http().get('/catalog').set(HTML).expect(200);
      expect(badge(res.text)).toBe('0');
    });

    it('answers the cart page and adding to cart with 503 naming the cart service', async () => {
      const page = await http().get('/cart').set(HTML).expect(503);
      expect(page.text).toContain('The cart service is unavailable');
      expect(badge(page.text)).toBe('?');
      await http().post('/cart').set(HTML).type('form').send({ productId: '1' }).expect(503);
      await http().get('/checkout').set(HTML).expect(503);
    });
  });

  describe('checkout and assets unreachable', () => {
    let app: NestFastifyApplication;
    beforeAll(async () => {
      app = await createUiApp({
        ENDPOINTS_CHECKOUT: await closedPort(),
        ENDPOINTS_ASSETS: await closedPort(),
      });
    });
    afterAll(() => app.close());
    const http = () => request(app.getHttpServer());

    it('keeps the cart and answers the checkout with 503 naming the checkout service', async () => {
      const agent = request.agent(app.getHttpServer()).set(HTML);
      await agent.post('/cart').type('form').send({ productId: '1' }).expect(303);
      const res = await agent.get('/checkout').expect(503);
      expect(res.text).toContain('The checkout service is unavailable');
      expect(badge(res.text)).toBe('1');
    });

    it('answers a product picture with 503', async () => {
      await http().get('/assets/gentleman.jpg').expect(503);
    });
  });

  describe('a catalog that answers 500, and one that never answers', () => {
    const servers: Server[] = [];
    afterAll(async () => {
      for (const s of servers) await new Promise((r) => s.close(r));
    });

    it('answers 502 when the catalog answers with an error', async () => {
      const broken = await stubBackend(500);
      servers.push(broken.server);
      const app = await createUiApp({ ENDPOINTS_CATALOG: broken.url });
      const res = await request(app.getHttpServer()).get('/home').set(HTML).expect(502);
      expect(res.text).toContain('The product catalog is unavailable');
      await app.close();
    });

    it('answers 504 once ENDPOINTS_TIMEOUT_MS has passed, instead of hanging', async () => {
      const silent = await stubBackend(0);
      servers.push(silent.server);
      const app = await createUiApp({ ENDPOINTS_CATALOG: silent.url, ENDPOINTS_TIMEOUT_MS: '300' });
      const started = Date.now();
      await request(app.getHttpServer()).get('/catalog').set(HTML).expect(504);
      expect(Date.now() - started).toBeLessThan(2000);
      await app.close();
      silent.server.closeAllConnections();
    });
  });
});
