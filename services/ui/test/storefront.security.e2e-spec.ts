import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { badge } from './support/html';
import { createUiApp, HTML } from './support/ui-app';

/** A backend that records every request and answers 200: `OK` to the chaos switch, else `{}`. */
interface Recorder {
  url: string;
  seen: string[];
  server: Server;
}

async function recorder(): Promise<Recorder> {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    if (req.url === '/actuator/fail')
      res.writeHead(200, { 'content-type': 'text/plain' }).end('OK');
    else res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, seen, server };
}

const cookieOf = (res: request.Response): string =>
  /^(SESSIONID=[^;]+)/.exec(String(res.headers['set-cookie']))?.[1] ?? '';
const sessionOf = (cookie: string): string => cookie.slice('SESSIONID='.length);

describe('storefront security', () => {
  let backend: Recorder;
  let app: NestFastifyApplication;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    backend = await recorder();
    app = await createUiApp({
      ENDPOINTS_CARTS: backend.url,
      ENDPOINTS_CHECKOUT: backend.url,
      ENDPOINTS_ORDERS: backend.url,
    });
  });
  afterAll(async () => {
    await app.close();
    await new Promise((r) => backend.server.close(r));
  });
  beforeEach(() => backend.seen.splice(0));

  describe('operator routes (issue 21 items 3, 4, 8)', () => {
    it('does not serve /proxy/orders unless RETAIL_UI_ORDERS_PROXY_ENABLED is set', async () => {
      await http().get('/proxy/orders').expect(404);
      await http().get('/proxy/orders/some-order').expect(404);
      expect(backend.seen).toEqual([]);
      const open = await createUiApp({
        ENDPOINTS_ORDERS: backend.url,
        RETAIL_UI_ORDERS_PROXY_ENABLED: 'true',
      });
      try {
        await request(open.getHttpServer()).get('/proxy/orders').expect(200);
        expect(backend.seen).toEqual(['GET /orders']);
      } finally {
        await open.close();
      }
    });

    it.each(['carts', 'checkout'])(
      'answers /proxy/%s only for the caller’s own session',
      async (service) => {
        const cookie = cookieOf(await http().get('/home').expect(200));
        const own = sessionOf(cookie);
        await http().get(`/proxy/${service}/${own}`).set('Cookie', cookie).expect(200);
        const stranger = cookieOf(await http().get('/home').expect(200));
        for (const path of [
          `/proxy/${service}/${sessionOf(stranger)}`,
          `/proxy/${service}/${sessionOf(stranger)}/items`,
          `/proxy/${service}`,
          `/proxy/${service}/${own}x`,
        ]) {
          const res = await http().get(path).set('Cookie', cookie).expect(403);
          expect(res.body.message).toContain('only for your own session');
        }
        expect(backend.seen).toEqual([`GET /${service}/${own}`]);
      },
    );

    it.each(['/proxy/toString', '/proxy/constructor', '/proxy/__proto__/x', '/proxy/valueOf/a'])(
      'answers %s with 404, not 500',
      async (path) => {
        await http().get(path).expect(404);
        await http().get(path).set(HTML).expect(404);
      },
    );

    it('has no fail-cart unless RETAIL_UI_CHAOS_ENABLED=true', async () => {
      await http().post('/actuator/fail-cart').expect(404);
      expect(backend.seen).toEqual([]);
    });

    it('with chaos on, forwards a same-origin fail-cart and refuses a cross-origin one', async () => {
      const chaos = await createUiApp({
        ENDPOINTS_CARTS: backend.url,
        RETAIL_UI_CHAOS_ENABLED: 'true',
      });
      try {
        const server = chaos.getHttpServer();
        await request(server)
          .post('/actuator/fail-cart')
          .set('Origin', 'https://attacker.example')
          .expect(403);
        await request(server)
          .post('/actuator/fail-cart')
          .set('Sec-Fetch-Site', 'cross-site')
          .expect(403);
        expect(backend.seen).toEqual([]);
        await request(server)
          .post('/actuator/fail-cart')
          .set('Host', 'shop.test')
          .set('Origin', 'http://shop.test')
          .expect(200, 'OK');
        await request(server).post('/actuator/fail-cart').expect(200, 'OK');
        expect(backend.seen).toEqual(['POST /actuator/fail', 'POST /actuator/fail']);
      } finally {
        await chaos.close();
      }
    });
  });

  describe('bad URL encoding (issue 21 item 10)', () => {
    it('answers /%ff with the 400 page, its security headers, and no cart call', async () => {
      const cookie = cookieOf(await http().get('/home').expect(200));
      backend.seen.splice(0);
      const res = await http().get('/%ff').set(HTML).set('Cookie', cookie).expect(400);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['content-security-policy']).toContain("script-src 'none'");
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      // The page inside the layout, not the bare fallback.
      expect(res.text).toContain('id="menu-catalog"');
      expect(res.text).toContain('Bad Request');
      expect(backend.seen).toEqual([]);
    });
  });
});

describe('storefront writes and sessions (issue 21 item 9)', () => {
  let app: NestFastifyApplication;
  let origin: string;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    app = await createUiApp({ RETAIL_UI_SESSION_SECRET: 's'.repeat(32) });
    await app.listen(0, '127.0.0.1');
    origin = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(() => app.close());

  /** A shopper's cookie, and how many items the cart page shows for it. */
  const newShopper = async () => cookieOf(await http().get('/home').expect(200));
  const cartCount = async (cookie: string) =>
    badge((await http().get('/cart').set(HTML).set('Cookie', cookie).expect(200)).text);

  it.each([
    ['a cross-origin Origin', { Origin: 'https://attacker.example' }],
    ['Origin: null', { Origin: 'null' }],
    ['another port', { Origin: 'http://127.0.0.1:1' }],
    ['a cross-origin Referer', { Referer: 'https://attacker.example/page' }],
    ['Sec-Fetch-Site: cross-site', { 'Sec-Fetch-Site': 'cross-site' }],
  ])('refuses POST /cart with %s: a clear 403 page, nothing added', async (_, headers) => {
    const cookie = await newShopper();
    const res = await http()
      .post('/cart')
      .set(HTML)
      .set(headers)
      .set('Cookie', cookie)
      .type('form')
      .send({ productId: '1' })
      .expect(403);
    expect(res.text).toContain('This form was sent from another web site');
    expect(res.text).toContain('<title>Retail Store Sample App</title>');
    expect(await cartCount(cookie)).toBe('0');
  });

  it.each([
    ['its own Origin', () => ({ Origin: origin })],
    ['its own Referer', () => ({ Referer: `${origin}/catalog` })],
    ['Sec-Fetch-Site: same-origin', () => ({ 'Sec-Fetch-Site': 'same-origin' })],
    ['no browser headers at all', () => ({})],
    [
      'the load balancer’s origin in X-Forwarded-Host/Proto',
      () => ({
        Origin: 'https://shop.example.com',
        'X-Forwarded-Host': 'shop.example.com',
        'X-Forwarded-Proto': 'https',
      }),
    ],
  ])('accepts POST /cart with %s', async (_, headers) => {
    const cookie = await newShopper();
    await http()
      .post('/cart')
      .set(headers())
      .set('Cookie', cookie)
      .type('form')
      .send({ productId: '1' })
      .expect(303);
    expect(await cartCount(cookie)).toBe('1');
  });

  it('does not reset a checkout in progress on a cross-site GET /checkout', async () => {
    const agent = request.agent(app.getHttpServer()).set(HTML);
    await agent.post('/cart').type('form').send({ productId: '1' }).expect(303);
    await agent.get('/checkout').expect(200);
    await agent
      .post('/checkout')
      .type('form')
      .send({ firstName: 'J', lastName: 'D', email: 'j@example.com', address1: 'a', city: 'c' })
      .expect(200);
    await agent.get('/checkout').set('Sec-Fetch-Site', 'cross-site').expect(200);
    // The address is still there: the tax it brings is still shown.
    const review = await agent.post('/checkout/payment').expect(200);
    expect(review.text).toContain('<dt>Tax:</dt>');
    // From our own pages, GET /checkout starts again from the cart, as the reference does.
    await agent.get('/checkout').set('Sec-Fetch-Site', 'same-origin').expect(200);
    expect((await agent.post('/checkout/payment').expect(200)).text).not.toContain('Tax:');
  });

  it.each([
    ['a chosen id', 'SESSIONID=1'],
    ['a bare UUID', 'SESSIONID=0b7d5c1e-7b5d-4c36-9a1c-2f7e0c1d9a10'],
    [
      'a UUID with a forged signature',
      `SESSIONID=0b7d5c1e-7b5d-4c36-9a1c-2f7e0c1d9a10-${'0'.repeat(32)}`,
    ],
  ])('replaces %s with a signed id of its own', async (_, cookie) => {
    const res = await http().get('/home').set('Cookie', cookie).expect(200);
    expect(String(res.headers['set-cookie'])).toMatch(
      /^SESSIONID=[0-9a-f-]{36}-[0-9a-f]{32}; Path=\/; HttpOnly; SameSite=Lax$/,
    );
    expect(cookieOf(res)).not.toBe(cookie);
  });

  it('keeps an id it issued, also on another ui task with the same secret, not with another', async () => {
    const cookie = await newShopper();
    const kept = await http().get('/home').set('Cookie', cookie).expect(200);
    expect(kept.headers['set-cookie']).toBeUndefined();
    const twin = await createUiApp({ RETAIL_UI_SESSION_SECRET: 's'.repeat(32) });
    const other = await createUiApp({ RETAIL_UI_SESSION_SECRET: 't'.repeat(32) });
    try {
      const onTwin = await request(twin.getHttpServer()).get('/home').set('Cookie', cookie);
      expect(onTwin.headers['set-cookie']).toBeUndefined();
      const onOther = await request(other.getHttpServer()).get('/home').set('Cookie', cookie);
      expect(cookieOf(onOther)).not.toBe(cookie);
    } finally {
      await twin.close();
      await other.close();
    }
  });

  it('without a secret, accepts the ids another ui task issued (several tasks, one balancer)', async () => {
    const [first, second] = [await createUiApp(), await createUiApp()];
    try {
      const issued = cookieOf(await request(first.getHttpServer()).get('/home').expect(200));
      const onSecond = await request(second.getHttpServer()).get('/home').set('Cookie', issued);
      expect(onSecond.headers['set-cookie']).toBeUndefined();
      const chosen = await request(second.getHttpServer())
        .get('/home')
        .set('Cookie', 'SESSIONID=1');
      expect(cookieOf(chosen)).not.toBe('SESSIONID=1');
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('marks the cookie Secure when the request came over HTTPS', async () => {
    const res = await http().get('/home').set('X-Forwarded-Proto', 'https').expect(200);
    expect(String(res.headers['set-cookie'])).toMatch(/; Secure$/);
    const plain = await http().get('/home').expect(200);
    expect(String(plain.headers['set-cookie'])).not.toContain('Secure');
  });
});
