import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { describeWithServer, serverAvailable, type TestServer } from '@retail/testing';
import {
  cartDbEnv,
  catalogDbEnv,
  createEventQueue,
  createMysqlDatabase,
  createPostgresDatabase,
  type EventQueue,
  ordersDbEnv,
  REDIS_URL,
  redisClient,
  startDynalite,
  type ThrowawayDatabase,
  uniqueSuffix,
} from '@retail/testing/backends';
import { elementsWithClass, Shopper, textById, textOf, type Page } from './support/shopper';
import { startStore, type Store } from './support/store';

// The catalog seed (spec/catalog.md §8) the MariaDB catalog creates on first start.
const GENTLEMAN = { id: '510a0d7e-8e83-4193-b483-e27e09ddc34d', name: 'Gentleman', price: 795 };
const POCKET_WATCH = {
  id: '6d62d909-f957-430e-8689-b5129c0bb75e',
  name: 'Pocket Watch',
  price: 385,
};
const WOOD_WATCH = { id: 'a0a4f044-b040-410d-8ead-4de0446aec7e', name: 'Wood Watch', price: 50 };

const ADDRESS = {
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'ada@example.com',
  address1: '12 Analytical Row',
  address2: 'Suite 3',
  city: 'Seattle',
  state: 'WA',
  zip: '98101',
};

// Markup that would run or restyle something if a page printed it as it is.
const BANNER = '<marquee>Sale</marquee><script>alert("banner")</script>';
// Checkout puts its SHIPPING_NAME_PREFIX in front of each delivery option's name.
const SHIPPING_PREFIX = '<i onclick=alert("ship")>Fast</i> ';
const HOSTILE = {
  id: 'zz-hostile-0001',
  name: '<script>alert("name")</script>',
  description: '</p><img src=x onerror=alert("description")>',
  imageUrl: '/assets/x.jpg" onerror="alert(\'image\')',
  tagName: 'zz"><script>alert(1)</script>',
  tagDisplay: '<b onmouseover=alert("tag")>Evil</b>',
  price: 42,
};
const HOSTILE_ID = 'zz-hostile-"><svg onload=alert("id")>';
const RAW_PAYLOADS = [
  BANNER,
  SHIPPING_PREFIX.trim(),
  '<script>',
  HOSTILE.description,
  'onerror="alert',
  '<b onmouseover',
  '<svg onload',
  '<marquee>',
];

const SERVERS: TestServer[] = ['mysql', 'postgres', 'redis', 'rabbitmq'];

/** Fails with the payload that a page printed unescaped. */
function expectEscaped(page: Page): void {
  for (const raw of RAW_PAYLOADS) {
    if (page.html.includes(raw)) throw new Error(`page prints ${raw} unescaped`);
  }
}

// One describe for the four servers: it skips, naming the first one missing, unless
// REQUIRE_SERVICES=1 (then the global setup has already failed the run).
describeWithServer(
  SERVERS.find((s) => !serverAvailable(s)) ?? 'mysql',
  'the store on MariaDB, PostgreSQL, Redis, RabbitMQ and DynamoDB (dynalite)',
  () => {
    let catalogDb: ThrowawayDatabase;
    let ordersDb: ThrowawayDatabase;
    let events: EventQueue;
    let dynamo: Awaited<ReturnType<typeof startDynalite>>;
    const cartTable = `carts-system-${uniqueSuffix()}`;
    let store: Store;
    const sessions: string[] = [];

    beforeAll(async () => {
      [catalogDb, ordersDb, events, dynamo] = await Promise.all([
        createMysqlDatabase('catalog_system'),
        createPostgresDatabase('orders_system'),
        createEventQueue(),
        startDynalite(),
      ]);
      store = await startStore({
        catalog: catalogDbEnv(catalogDb.name),
        orders: { ...ordersDbEnv(ordersDb.name), ...events.env() },
        checkout: { REDIS_URL, SHIPPING_NAME_PREFIX: SHIPPING_PREFIX },
        cart: cartDbEnv(dynamo.endpoint, cartTable),
        // Every page asks the catalog, so rows written by a test show at once.
        ui: { CATALOG_CACHE_SECONDS: '0', RETAIL_UI_BANNER: BANNER },
      });
    }, 150_000);

    afterAll(async () => {
      await store?.stop();
      const redis = redisClient();
      if (sessions.length > 0) await redis.del(...sessions.map((s) => `checkout:${s}`));
      redis.disconnect();
      await Promise.all([catalogDb?.drop(), ordersDb?.drop(), events?.close(), dynamo?.close()]);
    });

    const api = async (url: string) => {
      const res = await fetch(url, { headers: { 'content-type': 'application/json' } });
      return { status: res.status, body: await res.json() };
    };
    const cartRows = async (customerId: string) => {
      const dynamoClient = new DynamoDBClient({
        endpoint: dynamo.endpoint,
        region: 'us-west-2',
        credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      });
      const { Items = [] } = await dynamoClient.send(new ScanCommand({ TableName: cartTable }));
      dynamoClient.destroy();
      return Items.filter((row) => row.customerId?.S === customerId);
    };

    describe("a shopper's visit", () => {
      let shopper: Shopper;
      let orderId: string;

      beforeAll(() => {
        shopper = new Shopper(store.ui.url);
      });

      it('browses: home and catalog pages list the watches of the MariaDB catalog', async () => {
        const home = await shopper.get('/home');
        expect(home.status).toBe(200);
        sessions.push(shopper.sessionId);
        const names = elementsWithClass(home.html, 'product-name').map(textOf);
        expect(names).toEqual(['Gentleman', 'Pocket Watch', 'Chronograf Classic', 'Wood Watch']);

        const dress = await shopper.get('/catalog?tag=dress&page=1&size=9');
        expect(dress.status).toBe(200);
        expect(elementsWithClass(dress.html, 'product-name')).toHaveLength(5);

        const product = await shopper.get(`/catalog/${GENTLEMAN.id}`);
        expect(product.status).toBe(200);
        expect(textById(product.html, 'productMain')).toContain('Gentleman');
        expect(elementsWithClass(product.html, 'price').map(textOf)).toContain('$795');
      });

      it('adds two products, raises one to two, adds and removes a third: the cart lives in DynamoDB', async () => {
        for (const product of [GENTLEMAN, POCKET_WATCH, GENTLEMAN, WOOD_WATCH]) {
          const added = await shopper.post('/cart', { productId: product.id });
          expect([added.status, added.headers.get('location')]).toEqual([303, '/cart']);
        }
        const removed = await shopper.post('/cart/remove', { productId: WOOD_WATCH.id });
        expect(removed.status).toBe(303);

        const cart = await shopper.get('/cart');
        expect(cart.status).toBe(200);
        const lines = elementsWithClass(cart.html, 'cart-item').map(textOf);
        expect(lines).toHaveLength(2);
        expect(lines.find((l) => l.includes('Gentleman'))).toContain('$795 x 2');
        expect(lines.find((l) => l.includes('Gentleman'))).toContain('$ 1590');
        expect(lines.find((l) => l.includes('Pocket Watch'))).toContain('$385 x 1');
        expect(elementsWithClass(cart.html, 'cart-total').map(textOf)).toEqual(['$1975']);
        expect(elementsWithClass(cart.html, 'badge').map(textOf)).toEqual(['3']);

        const rows = await cartRows(shopper.sessionId);
        expect(rows.map((r) => [r.itemId.S, r.quantity.N, r.unitPrice.N]).sort()).toEqual([
          [GENTLEMAN.id, '2', '795'],
          [POCKET_WATCH.id, '1', '385'],
        ]);
      });

      it('checks out step by step; the checkout is kept in Redis and priced there', async () => {
        const start = await shopper.get('/checkout');
        expect(start.status).toBe(200);
        expect(start.html).toContain('action="/checkout"');

        const refused = await shopper.post('/checkout', { ...ADDRESS, email: 'not-an-email' });
        expect(refused.status).toBe(400);
        expect(refused.html).toContain('is-invalid');

        const delivery = await shopper.post('/checkout', ADDRESS);
        expect(delivery.status).toBe(200);
        expect(delivery.html).toContain('value="priority-mail"');
        expect(delivery.html).toContain('value="priority-mail-express"');

        const payment = await shopper.post('/checkout/delivery', {
          token: 'priority-mail-express',
        });
        expect(payment.status).toBe(200);
        expect(payment.html).toContain('action="/checkout/payment"');

        const review = await shopper.post('/checkout/payment', {
          ccName: 'Ada Lovelace',
          ccNumber: '4111111111111111',
          ccExpiration: '12/30',
          ccCvv: '123',
        });
        expect(review.status).toBe(200);
        const summary = textOf(elementsWithClass(review.html, 'totals')[0]);
        // subtotal 2 × 795 + 385; tax floor(5 %); express shipping 15; total includes shipping.
        expect(summary).toBe('Total price: $1975 Tax: $98 Shipping cost: $15 Total: $2088');
        expect(elementsWithClass(review.html, 'review-item').map(textOf)).toEqual([
          expect.stringContaining('Gentleman'),
          expect.stringContaining('Pocket Watch'),
        ]);

        const redis = redisClient();
        const key = `checkout:${shopper.sessionId}`;
        const [stored, ttl] = await Promise.all([redis.get(key), redis.ttl(key)]);
        redis.disconnect();
        expect(ttl).toBeGreaterThan(0);
        expect(JSON.parse(stored!)).toMatchObject({
          request: { customerEmail: ADDRESS.email, subtotal: 1975 },
          tax: 98,
          shipping: 15,
          total: 2088,
        });
      });

      it('confirms: the order is in orders (PostgreSQL) with its items, names and totals', async () => {
        const confirmation = await shopper.post('/checkout/confirm');
        expect(confirmation.status).toBe(200);
        orderId = textById(confirmation.html, 'orderId')!;
        expect(orderId).toMatch(/^[0-9a-f-]{36}$/);
        expect(textById(confirmation.html, 'orderEmail')).toBe(ADDRESS.email);

        const { status, body } = await api(`${store.orders.url}/orders`);
        expect(status).toBe(200);
        const order = (body as Array<{ id: string }>).find((o) => o.id === orderId);
        expect(order).toEqual({
          id: orderId,
          firstName: ADDRESS.firstName,
          lastName: ADDRESS.lastName,
          email: ADDRESS.email,
          items: [
            {
              productId: GENTLEMAN.id,
              name: 'Gentleman',
              quantity: 2,
              unitCost: 795,
              totalCost: 1590,
              price: 795,
            },
            {
              productId: POCKET_WATCH.id,
              name: 'Pocket Watch',
              quantity: 1,
              unitCost: 385,
              totalCost: 385,
              price: 385,
            },
          ],
        });
        const rows = await ordersDb.query<{ first_name: string; n: string; total: string }>(
          `SELECT o.first_name, COUNT(*) AS n, SUM(i.total_cost) AS total
             FROM order_entity o JOIN order_item_entity i ON i.order_entity = o.id
            WHERE o.id = $1 GROUP BY o.first_name`,
          [orderId],
        );
        expect(rows).toEqual([{ first_name: 'Ada', n: '2', total: '1975' }]);
      });

      it('publishes the OrderCreatedEvent to the RabbitMQ exchange', async () => {
        const received = await events.collect([orderId], 20_000);
        const event = received.find((e) => e.body.order.id === orderId);
        expect(event?.body.order).toMatchObject({
          firstName: 'Ada',
          lastName: 'Lovelace',
          email: ADDRESS.email,
          orderItems: [
            expect.objectContaining({ productId: GENTLEMAN.id, quantity: 2, totalCost: 1590 }),
            expect.objectContaining({ productId: POCKET_WATCH.id, quantity: 1, totalCost: 385 }),
          ],
        });
        expect(event?.properties.contentType).toBe('application/json');
      });

      it('leaves the cart empty and the checkout gone', async () => {
        expect(await api(`${store.cart.url}/carts/${shopper.sessionId}`)).toEqual({
          status: 200,
          body: { customerId: shopper.sessionId, items: [] },
        });
        expect(await cartRows(shopper.sessionId)).toEqual([]);
        expect(await api(`${store.checkout.url}/checkout/${shopper.sessionId}`)).toEqual({
          status: 404,
          body: { statusCode: 404, message: 'Checkout not found', error: 'Not Found' },
        });
        const redis = redisClient();
        expect(await redis.exists(`checkout:${shopper.sessionId}`)).toBe(0);
        redis.disconnect();

        const cart = await shopper.get('/cart');
        expect(cart.html).toContain("You don't have any items in your cart!");
        expect(elementsWithClass(cart.html, 'badge').map(textOf)).toEqual(['0']);
      });
    });

    describe('an impatient shopper', () => {
      it('clicks "Order" three times at once: one order in PostgreSQL, every answer shows it', async () => {
        const shopper = new Shopper(store.ui.url);
        await shopper.get('/home');
        sessions.push(shopper.sessionId);
        const firstName = `Twice${uniqueSuffix()}`;
        await shopper.post('/cart', { productId: POCKET_WATCH.id });
        await shopper.get('/checkout');
        await shopper.post('/checkout', { ...ADDRESS, firstName });
        await shopper.post('/checkout/delivery', { token: 'priority-mail' });
        await shopper.post('/checkout/payment', {
          ccName: 'Ada Lovelace',
          ccNumber: '4111111111111111',
          ccExpiration: '12/30',
          ccCvv: '123',
        });

        const answers = await Promise.all([1, 2, 3].map(() => shopper.post('/checkout/confirm')));
        expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
        const shown = answers.map((a) => textById(a.html, 'orderId'));
        expect(new Set(shown).size).toBe(1);
        const rows = await ordersDb.query<{ id: string }>(
          'SELECT id FROM order_entity WHERE first_name = $1',
          [firstName],
        );
        expect(rows).toEqual([{ id: shown[0] }]);
      });
    });

    describe('texts from backends, env and visitors are escaped', () => {
      let shopper: Shopper;

      beforeAll(async () => {
        // The seed's text columns are the reference's narrow ones; this database is ours to widen
        // (product ids stay within their 40 characters).
        await catalogDb.query(
          'ALTER TABLE product MODIFY name VARCHAR(255), MODIFY description VARCHAR(1000), MODIFY image_url VARCHAR(255)',
        );
        await catalogDb.query(
          'ALTER TABLE tag MODIFY name VARCHAR(255), MODIFY display_name VARCHAR(255)',
        );
        await catalogDb.query('INSERT INTO tag (name, display_name) VALUES (?, ?)', [
          HOSTILE.tagName,
          HOSTILE.tagDisplay,
        ]);
        for (const id of [HOSTILE.id, HOSTILE_ID]) {
          await catalogDb.query(
            'INSERT INTO product (product_id, name, description, price, count, image_url) VALUES (?, ?, ?, ?, 1, ?)',
            [id, HOSTILE.name, HOSTILE.description, HOSTILE.price, HOSTILE.imageUrl],
          );
          await catalogDb.query(
            'INSERT INTO product_tag (product_id, tag_id) SELECT ?, tag_id FROM tag WHERE name = ?',
            [id, HOSTILE.tagName],
          );
        }
        shopper = new Shopper(store.ui.url);
      });

      it('prints hostile catalog texts, shipping names and the banner as text on every page of a visit', async () => {
        const tagQuery = `tag=${encodeURIComponent(HOSTILE.tagName)}&page=1&size=9`;
        const pages: Array<[string, Page]> = [
          ['home', await shopper.get('/home')],
          ['catalog', await shopper.get('/catalog?size=9')],
          ['hostile category', await shopper.get(`/catalog?${tagQuery}`)],
          ['product', await shopper.get(`/catalog/${HOSTILE.id}`)],
        ];
        sessions.push(shopper.sessionId);
        expect(await shopper.post('/cart', { productId: HOSTILE.id })).toMatchObject({
          status: 303,
        });
        pages.push(['cart', await shopper.get('/cart')]);
        pages.push(['checkout', await shopper.get('/checkout')]);
        pages.push(['delivery', await shopper.post('/checkout', ADDRESS)]);
        pages.push([
          'payment',
          await shopper.post('/checkout/delivery', { token: 'priority-mail' }),
        ]);
        pages.push(['review', await shopper.post('/checkout/payment')]);
        pages.push(['confirmation', await shopper.post('/checkout/confirm')]);

        for (const [name, page] of pages) {
          expect([name, page.status]).toEqual([name, 200]);
          expectEscaped(page);
          expect([name, textOf(page.html)]).toEqual([name, expect.stringContaining(BANNER)]);
        }
        const shown = (name: string) => textOf(pages.find(([n]) => n === name)![1].html);
        expect(shown('hostile category')).toContain(HOSTILE.name);
        expect(shown('hostile category')).toContain(HOSTILE.tagDisplay);
        expect(shown('product')).toContain(HOSTILE.description);
        expect(shown('cart')).toContain(HOSTILE.name);
        expect(shown('review')).toContain(HOSTILE.name);
        expect(shown('delivery')).toContain(`${SHIPPING_PREFIX}Priority Mail`);
        // Stored as sent, escaped only where it is shown.
        const orderId = textById(pages.at(-1)![1].html, 'orderId');
        const { body } = await api(`${store.orders.url}/orders`);
        const order = (body as Array<{ id: string; items: Array<{ name: string }> }>).find(
          (o) => o.id === orderId,
        );
        expect(order?.items.map((i) => i.name)).toEqual([HOSTILE.name]);
      });

      it('escapes the hostile product id in links and forms', async () => {
        const page = await shopper.get(`/catalog?tag=${encodeURIComponent(HOSTILE.tagName)}`);
        expect(page.status).toBe(200);
        expectEscaped(page);
        expect(page.html).toContain(
          'zz-hostile-&quot;&gt;&lt;svg onload&#x3D;alert(&quot;id&quot;)&gt;',
        );
      });

      it('escapes what a visitor typed when a refused form comes back', async () => {
        const typed = '"><script>alert("typed")</script>';
        const visitor = new Shopper(store.ui.url);
        await visitor.post('/cart', { productId: GENTLEMAN.id });
        sessions.push(visitor.sessionId);
        await visitor.get('/checkout');
        const refused = await visitor.post('/checkout', {
          ...ADDRESS,
          firstName: typed,
          city: typed,
          email: typed,
        });
        expect(refused.status).toBe(400);
        expectEscaped(refused);
        expect(refused.html).not.toContain(typed);
        expect(refused.html).toContain('value="&quot;&gt;&lt;script&gt;');
      });

      it('escapes the banner and what the address asked for on error pages', async () => {
        for (const path of [
          '/nowhere/%3Cscript%3Ealert(1)%3C%2Fscript%3E',
          '/catalog/%3Cscript%3Ealert(1)%3C%2Fscript%3E',
          '/catalog?page=%3Cscript%3E',
        ]) {
          const page = await shopper.get(path);
          expect([path, [400, 404].includes(page.status)]).toEqual([path, true]);
          expectEscaped(page);
          expect(textOf(page.html)).toContain(BANNER);
        }
      });
    });

    describe('security headers', () => {
      it('are sent with pages, error pages and static files', async () => {
        const visitor = new Shopper(store.ui.url);
        for (const path of ['/home', '/nowhere', '/assets/css/styles.css']) {
          const { headers } = await visitor.get(path);
          const csp = headers.get('content-security-policy') ?? '';
          expect([path, csp]).toEqual([path, expect.stringContaining("default-src 'self'")]);
          expect(csp).toContain("script-src 'none'");
          expect(csp).toMatch(/frame-ancestors 'self'|frame-ancestors 'none'/);
          expect(csp).toContain("object-src 'none'");
          expect(headers.get('x-content-type-options')).toBe('nosniff');
          expect(headers.get('x-frame-options')).toMatch(/SAMEORIGIN|DENY/);
          expect(headers.get('referrer-policy')).toBeTruthy();
          expect(headers.get('x-powered-by')).toBeNull();
        }
      });

      it('gives the session cookie HttpOnly, SameSite=Lax and Path=/', async () => {
        const res = await fetch(`${store.ui.url}/home`, { headers: { accept: 'text/html' } });
        const cookie = res.headers.getSetCookie().find((c) => c.startsWith('SESSIONID='));
        expect(cookie).toMatch(/; HttpOnly/i);
        expect(cookie).toMatch(/; SameSite=Lax/i);
        expect(cookie).toMatch(/; Path=\//i);
      });

      it('names no framework in any service', async () => {
        for (const name of ['catalog', 'cart', 'orders', 'assets', 'checkout', 'ui'] as const) {
          const res = await fetch(`${store[name].url}/nowhere`);
          expect([name, res.headers.get('x-powered-by'), res.headers.get('server')]).toEqual([
            name,
            null,
            null,
          ]);
          expect(await res.text()).not.toMatch(/at .+\.(js|ts):\d+/);
        }
      });
    });
  },
);
