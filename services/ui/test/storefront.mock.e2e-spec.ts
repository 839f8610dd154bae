import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import {
  badge,
  countClass,
  decode,
  hrefsByClass,
  inputValue,
  textById,
  textsByClass,
} from './support/html';
import { createUiApp, HTML } from './support/ui-app';

const ADDRESS = {
  firstName: 'Jane',
  lastName: 'Doe',
  email: 'jane@example.com',
  address1: '100 Main St',
  address2: '',
  city: 'Anytown',
  state: 'WA',
  zip: '98101',
};

describe('storefront with every backend mocked', () => {
  let app: NestFastifyApplication;
  const http = () => request(app.getHttpServer());
  const shopper = () => request.agent(app.getHttpServer()).set(HTML);

  beforeAll(async () => {
    app = await createUiApp({ RETAIL_UI_BANNER: 'Sale <b>today</b> & "tomorrow"' });
  });
  afterAll(() => app.close());

  describe('layout and session', () => {
    it('redirects / to /home with 303', async () => {
      await http().get('/').expect(303).expect('location', '/home');
    });

    it('issues a signed SESSIONID cookie with Path=/, HttpOnly and SameSite=Lax', async () => {
      const res = await http().get('/home').expect(200);
      const cookie = String(res.headers['set-cookie']);
      expect(cookie).toMatch(
        /^SESSIONID=[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}-[0-9a-f]{32}; Path=\/; HttpOnly; SameSite=Lax$/,
      );
    });

    it('keeps a SESSIONID it issued and replaces one it did not', async () => {
      const issued = /^SESSIONID=[^;]+/.exec(
        String((await http().get('/home').expect(200)).headers['set-cookie']),
      )?.[0];
      const kept = await http().get('/home').set('Cookie', String(issued)).expect(200);
      expect(kept.headers['set-cookie']).toBeUndefined();
      const replaced = await http().get('/home').set('Cookie', 'SESSIONID=a%2Fb;').expect(200);
      expect(String(replaced.headers['set-cookie'])).toMatch(/^SESSIONID=[0-9a-f-]{69};/);
    });

    it('renders the title, the escaped banner, the navbar ids and an empty cart badge', async () => {
      const { text } = await http().get('/home').expect(200);
      expect(text).toContain('<title>Retail Store Sample App</title>');
      expect(text).toContain('Sale &lt;b&gt;today&lt;/b&gt; &amp; &quot;tomorrow&quot;');
      expect(text).not.toContain('<b>today</b>');
      for (const id of ['menu-home', 'menu-catalog', 'go-cart'])
        expect(text).toContain(`id="${id}"`);
      expect(badge(text)).toBe('0');
      expect(text).toContain('href="/assets/css/styles.css"');
    });

    it('sends security headers with a CSP that allows only our own files and no script', async () => {
      const res = await http().get('/home').expect(200);
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'none'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      // No inline styles or scripts for the CSP to block.
      expect(res.text).not.toMatch(/<script|style="/);
    });

    it('compresses pages for clients that accept gzip', async () => {
      const res = await http().get('/catalog').set('Accept-Encoding', 'gzip').expect(200);
      expect(res.headers['content-encoding']).toBe('gzip');
    });
  });

  describe('GET /home', () => {
    it('shows the hero and the first four products as cards', async () => {
      const { text } = await http().get('/home').expect(200);
      expect(text).toContain('Hot products!');
      expect(countClass(text, 'product')).toBe(4);
      expect(hrefsByClass(text, 'product-link')).toEqual([
        '/catalog/1',
        '/catalog/2',
        '/catalog/3',
        '/catalog/4',
      ]);
      expect(textsByClass(text, 'price')).toEqual(['$123', '$123', '$123', '$123']);
      expect(text).toContain('src="/assets/img/sample_product.jpg" alt="product1"');
      expect(text).not.toContain('breadcrumb-item active');
    });
  });

  describe('GET /catalog', () => {
    it('lists 3 per page by default with the tag menu, the counts and 7 pages', async () => {
      const { text } = await http().get('/catalog').expect(200);
      expect(text).toMatch(/Showing <strong>3<\/strong> of <strong>20<\/strong> products/);
      expect(countClass(text, 'product')).toBe(3);
      expect(hrefsByClass(text, 'category-link')).toEqual(['/catalog?page=1&size=3&tag=smart']);
      expect(hrefsByClass(text, 'size-link')).toEqual([
        '/catalog?page=1&size=3&tag=',
        '/catalog?page=1&size=9&tag=',
      ]);
      const pages = textsByClass(text, 'page-link').filter((t) => /^\d+$/.test(t));
      expect(pages).toEqual(['1', '2', '3', '4', '5', '6', '7']);
      expect(text).toContain('<li class="breadcrumb-item active" aria-current="page">Catalog</li>');
    });

    it('pages, sizes and filters by tag, marking the current choices', async () => {
      const { text } = await http().get('/catalog?page=3&size=9&tag=smart').expect(200);
      expect(text).toMatch(/Showing <strong>2<\/strong> of <strong>20<\/strong>/);
      expect(hrefsByClass(text, 'product-link')).toEqual(['/catalog/19', '/catalog/20']);
      expect(text).toContain('class="category-link active"');
      expect(decode(text)).toContain(
        'class="size-link active" href="/catalog?page=3&size=9&tag=smart"',
      );
      expect(decode(text)).toContain(
        'class="page-item active"><a class="page-link" href="/catalog?page=3&size=9&tag=smart"',
      );
    });

    it('shows an empty page past the end and zero for an unknown tag', async () => {
      const past = await http().get('/catalog?page=99').expect(200);
      expect(past.text).toMatch(/Showing <strong>0<\/strong> of <strong>20<\/strong>/);
      const unknown = await http().get('/catalog?tag=nothing').expect(200);
      expect(unknown.text).toMatch(/Showing <strong>0<\/strong> of <strong>0<\/strong>/);
    });

    it.each(['page=abc', 'size=x', 'page=0', 'size=0', 'size=101', 'page=-1', 'tag=a&tag=b'])(
      'answers 400 in the layout for %s',
      async (query) => {
        const res = await http().get(`/catalog?${query}`).set(HTML).expect(400);
        expect(res.text).toContain('id="go-cart"');
        expect(res.text).toContain('Bad Request');
      },
    );
  });

  describe('GET /catalog/:id', () => {
    it('shows the product with its price, description and the add-to-cart form', async () => {
      const { text } = await http().get('/catalog/7').expect(200);
      expect(text).toContain('id="productMain"');
      expect(text).toContain('<h1>product7</h1>');
      expect(textsByClass(text, 'price')).toEqual(['$123']);
      expect(text).toContain('<form id="addToCart" method="post" action="/cart">');
      expect(inputValue(text, 'productId')).toBe('7');
      expect(text).toMatch(/id="add-to-cart"[^>]*form="addToCart">Add to cart</);
      expect(text).toContain(
        '<li class="breadcrumb-item active" aria-current="page">product7</li>',
      );
    });

    it('answers 404 with the layout for an unknown product, and JSON to non-browsers', async () => {
      const page = await http().get('/catalog/nope').set(HTML).expect(404);
      expect(page.text).toContain('Product not found');
      expect(page.text).toContain('id="menu-catalog"');
      const json = await http().get('/catalog/nope').expect(404);
      expect(json.body).toMatchObject({ status: 404, error: 'Not Found', path: '/catalog/nope' });
      expect(json.body.requestId).toEqual(expect.any(String));
    });
  });

  describe('cart', () => {
    it('adds one unit per POST, merges repeats, shows line totals and the badge', async () => {
      const agent = shopper();
      await agent
        .post('/cart')
        .type('form')
        .send({ productId: '2' })
        .expect(303)
        .expect('location', '/cart');
      await agent.post('/cart').type('form').send({ productId: '2' }).expect(303);
      await agent.post('/cart').type('form').send({ productId: '5' }).expect(303);
      const { text } = await agent.get('/cart').expect(200);
      expect(countClass(text, 'cart-item')).toBe(2);
      expect(textsByClass(text, 'item-name')).toEqual(['product2', 'product5']);
      expect(textsByClass(text, 'item-price')).toEqual(['$ 246', '$ 123']);
      expect(text).toContain('$123 x 2');
      expect(textsByClass(text, 'cart-total')).toEqual(['$369']);
      expect(badge(text)).toBe('3');
      expect(text).toContain('href="/checkout">Checkout</a>');
      expect(badge((await agent.get('/home').expect(200)).text)).toBe('3');
    });

    it('removes a line with POST /cart/remove', async () => {
      const agent = shopper();
      await agent.post('/cart').type('form').send({ productId: '1' }).expect(303);
      await agent
        .post('/cart/remove')
        .type('form')
        .send({ productId: '1' })
        .expect(303)
        .expect('location', '/cart');
      const { text } = await agent.get('/cart').expect(200);
      expect(text).toContain("You don't have any items in your cart!");
      expect(badge(text)).toBe('0');
    });

    it('refuses a missing, empty or unknown product and stores nothing', async () => {
      const agent = shopper();
      await agent.post('/cart').type('form').send({}).expect(400);
      await agent.post('/cart').type('form').send({ productId: ' ' }).expect(400);
      await agent
        .post('/cart')
        .type('form')
        .send({ productId: ['1', '2'] })
        .expect(400);
      await agent
        .post('/cart')
        .type('form')
        .send({ productId: 'x'.repeat(201) })
        .expect(400);
      const unknown = await agent.post('/cart').type('form').send({ productId: '404' }).expect(404);
      expect(unknown.text).toContain('Product not found');
      await agent.post('/cart/remove').type('form').send({}).expect(400);
      expect(badge((await agent.get('/cart').expect(200)).text)).toBe('0');
    });
  });

  describe('checkout', () => {
    async function startCheckout() {
      const agent = shopper();
      await agent.post('/cart').type('form').send({ productId: '3' }).expect(303);
      await agent.post('/cart').type('form').send({ productId: '3' }).expect(303);
      const res = await agent.get('/checkout').expect(200);
      return { agent, text: res.text };
    }

    it('walks address, delivery, payment, review and confirmation, then empties the cart', async () => {
      const { agent, text: address } = await startCheckout();
      expect(address).toContain('Guest checkout');
      expect(address).toContain(
        '<form id="checkoutForm" method="post" action="/checkout" novalidate>',
      );
      expect(address).toMatch(/<option value="">Choose...<\/option>/);
      expect(address.match(/<option value="[A-Z]{2}"/g)).toHaveLength(52);
      expect(address).toContain('<option value="CA">California</option>');
      expect(address).toContain('<dt>Total price:</dt><dd>$246</dd>');
      expect(address).not.toContain('Tax:');
      expect(address).not.toContain('Shipping cost:');

      const delivery = await agent.post('/checkout').type('form').send(ADDRESS).expect(200);
      expect(delivery.text).toContain('action="/checkout/delivery"');
      expect(delivery.text).toContain('name="token" value="standard"');
      expect(delivery.text).toContain('Estimated 3 days');
      expect(delivery.text).toContain('<dt>Tax:</dt><dd>$12</dd>');

      const payment = await agent
        .post('/checkout/delivery')
        .type('form')
        .send({ token: 'standard' })
        .expect(200);
      for (const id of ['cc-name', 'cc-number', 'cc-expiration', 'cc-cvv']) {
        expect(payment.text).toContain(`id="${id}"`);
      }
      expect(payment.text).toContain('<dt>Shipping cost:</dt><dd>$10</dd>');

      const review = await agent
        .post('/checkout/payment')
        .type('form')
        .send({ ccName: 'J', ccNumber: '4111', ccExpiration: '12/30', ccCvv: '123' })
        .expect(200);
      expect(review.text).toContain('action="/checkout/confirm"');
      expect(review.text).toContain('2 x $123');
      expect(review.text).toContain('<dt>Total:</dt><dd>$268</dd>');
      expect(review.text).toMatch(/type="submit"[^>]*>Order</);

      const done = await agent.post('/checkout/confirm').expect(200);
      expect(textById(done.text, 'orderId')).toMatch(/^MOCK-\d{6}$/);
      expect(textById(done.text, 'orderEmail')).toBe('jane@example.com');
      expect(done.text).toContain(
        '<li class="breadcrumb-item active" aria-current="page">Order</li>',
      );
      expect(badge(done.text)).toBe('0');
      expect((await agent.get('/cart').expect(200)).text).toContain("You don't have any items");
    });

    it.each([
      ['firstName', '', 'Please enter your first name.'],
      ['lastName', ' ', 'Please enter your last name.'],
      ['email', '', 'Please enter your e-mail address.'],
      ['email', 'not-an-email', 'Please enter a valid e-mail address'],
      ['address1', '', 'Please enter your street address.'],
      ['city', '', 'Please enter your city.'],
      ['zip', '1234', 'The zip code must be exactly 5 digits.'],
      ['zip', '12a45', 'The zip code must be exactly 5 digits.'],
      ['state', 'ca', 'Please choose a state from the list.'],
      ['address2', 'x'.repeat(101), 'Please use at most 100 characters.'],
    ])('shows the address step again with 400 when %s is %p', async (field, value, message) => {
      const { agent } = await startCheckout();
      const res = await agent
        .post('/checkout')
        .type('form')
        .send({ ...ADDRESS, [field]: value })
        .expect(400);
      expect(res.text).toContain(message);
      expect(res.text).toContain(`id="${field}-error"`);
      expect(res.text).toContain('action="/checkout" novalidate');
      // The other entries are filled in again.
      const other = field === 'city' ? 'firstName' : 'city';
      expect(inputValue(res.text, other)).toBe(ADDRESS[other]);
      // Nothing was stored: the delivery step still refuses to go on without an address's tax.
      const review = await agent.post('/checkout/payment').type('form').send({}).expect(200);
      expect(review.text).not.toContain('Tax:');
    });

    it('accepts an address without zip, state and address 2', async () => {
      const { agent } = await startCheckout();
      await agent
        .post('/checkout')
        .type('form')
        .send({ ...ADDRESS, zip: '', state: '', address2: '' })
        .expect(200);
    });

    it.each([{}, { token: '' }, { token: 'bad token!' }, { token: 'priority-mail' }])(
      'asks again for a delivery method on %p',
      async (form) => {
        const { agent } = await startCheckout();
        await agent.post('/checkout').type('form').send(ADDRESS).expect(200);
        const res = await agent.post('/checkout/delivery').type('form').send(form).expect(400);
        expect(res.text).toContain('Please select a delivery method.');
        expect(res.text).toContain('name="token"');
      },
    );

    it('refuses to check out an empty cart', async () => {
      const res = await shopper().get('/checkout').expect(409);
      expect(res.text).toContain('Your cart is empty');
    });

    it.each(['/checkout', '/checkout/delivery', '/checkout/payment', '/checkout/confirm'])(
      'answers 409 to POST %s before the checkout started',
      async (path) => {
        const res = await shopper()
          .post(path)
          .type('form')
          .send({ token: 'standard', ...ADDRESS })
          .expect(409);
        expect(res.text).toContain('No checkout in progress');
      },
    );

    it('refuses to place an order without an address and keeps the cart', async () => {
      const { agent } = await startCheckout();
      const res = await agent.post('/checkout/confirm').expect(409);
      expect(res.text).toContain('Checkout incomplete');
      expect(badge((await agent.get('/home').expect(200)).text)).toBe('2');
    });

    /** A shopper with two of product 3, at the review step. */
    async function atReview() {
      const { agent } = await startCheckout();
      await agent.post('/checkout').type('form').send(ADDRESS).expect(200);
      await agent.post('/checkout/delivery').type('form').send({ token: 'standard' }).expect(200);
      await agent.post('/checkout/payment').type('form').send({}).expect(200);
      return agent;
    }
    const orderNumber = (html: string) => Number(textById(html, 'orderId')?.slice('MOCK-'.length));

    it('places one order for a double click: both answers show it, and so does a repeat', async () => {
      const agent = await atReview();
      const [first, second] = await Promise.all([
        agent.post('/checkout/confirm').expect(200),
        agent.post('/checkout/confirm').expect(200),
      ]);
      const orderId = textById(first.text, 'orderId');
      expect(orderId).toMatch(/^MOCK-\d{6}$/);
      expect(textById(second.text, 'orderId')).toBe(orderId);
      expect(textById(second.text, 'orderEmail')).toBe('jane@example.com');
      const again = await agent.post('/checkout/confirm').expect(200);
      expect(textById(again.text, 'orderId')).toBe(orderId);
      expect(badge(again.text)).toBe('0');
      // The next checkout gets the very next number: no second order was placed.
      const next = await atReview();
      const nextOrder = await next.post('/checkout/confirm').expect(200);
      expect(orderNumber(nextOrder.text)).toBe(orderNumber(first.text) + 1);
    });

    it('shows the review again when the cart changed after the checkout started', async () => {
      const agent = await atReview();
      await agent.post('/cart').type('form').send({ productId: '4' }).expect(303);
      const changed = await agent.post('/checkout/confirm').expect(200);
      expect(changed.text).toContain('Your cart changed after you began checking out.');
      expect(changed.text).toContain('action="/checkout/confirm"');
      expect(changed.text).toContain('2 x $123');
      expect(changed.text).toContain('product4');
      expect(changed.text).toContain('<dt>Total price:</dt><dd>$369</dd>');
      // Nothing was ordered and nothing left the cart.
      expect(badge(changed.text)).toBe('3');
      const done = await agent.post('/checkout/confirm').expect(200);
      expect(textById(done.text, 'orderId')).toMatch(/^MOCK-\d{6}$/);
      expect(badge(done.text)).toBe('0');
    });
  });

  describe('assets and static files', () => {
    it('serves the generic picture for any product image, cached 30 days', async () => {
      const res = await http().get('/assets/gentleman.jpg').expect(200);
      expect(res.headers['content-type']).toBe('image/jpeg');
      expect(res.headers['cache-control']).toBe('public, max-age=2592000');
      expect((res.body as Buffer).subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    });

    it('serves the stylesheet and the bundled picture from the app itself', async () => {
      const css = await http().get('/assets/css/styles.css').expect(200);
      expect(css.headers['content-type']).toMatch(/^text\/css/);
      await http()
        .get('/assets/img/sample_product.jpg')
        .expect(200)
        .expect('content-type', 'image/jpeg');
    });

    it('answers 404 for names that are not one plain file name', async () => {
      await http().get('/assets/..%2Fsecret').expect(404);
      await http().get('/assets/a/b/c').expect(404);
    });
  });

  describe('operations', () => {
    it('answers health, liveness and readiness UP with every backend mocked', async () => {
      await http().get('/actuator/health').expect(200, { status: 'UP' });
      await http().get('/actuator/health/liveness').expect(200, { status: 'UP' });
      const ready = await http().get('/actuator/health/readiness').expect(200);
      expect(ready.body).toEqual({
        status: 'UP',
        components: {
          catalog: { status: 'UP', details: { mode: 'mock' } },
          carts: { status: 'UP', details: { mode: 'mock' } },
          checkout: { status: 'UP', details: { mode: 'mock' } },
          assets: { status: 'UP', details: { mode: 'mock' } },
        },
      });
      await http().get('/actuator/info').expect(200, {});
      expect((await http().get('/actuator').expect(200)).body._links.health.href).toBe(
        '/actuator/health',
      );
    });

    it('exports page and backend-call histograms', async () => {
      await http().get('/home').expect(200);
      const { text } = await http().get('/actuator/prometheus').expect(200);
      expect(text).toMatch(
        /http_request_duration_seconds_count\{method="GET",route="\/home",status="200"\} \d+/,
      );
      expect(text).toContain('# TYPE http_client_requests_seconds histogram');
      expect(text).toContain('process_resident_memory_bytes');
    });

    it('refuses fail-cart with 503 while carts is mocked, when chaos is on', async () => {
      const chaos = await createUiApp({ RETAIL_UI_CHAOS_ENABLED: 'true' });
      try {
        const res = await request(chaos.getHttpServer()).post('/actuator/fail-cart').expect(503);
        expect(res.body.message).toContain('ENDPOINTS_CARTS');
      } finally {
        await chaos.close();
      }
    });

    it('answers the raw proxy with "Endpoint not provided" while a backend is mocked', async () => {
      const res = await http().get('/proxy/catalogue/tags').expect(404);
      expect(res.text).toBe('Endpoint not provided for catalogue');
      const orders = await createUiApp({ RETAIL_UI_ORDERS_PROXY_ENABLED: 'true' });
      try {
        await request(orders.getHttpServer())
          .get('/proxy/orders')
          .expect(404, 'Endpoint not provided for orders');
      } finally {
        await orders.close();
      }
      await http().get('/proxy/nothing/x').expect(404);
    });

    it('shows every backend as mocked on the topology page', async () => {
      const { text } = await http().get('/topology').expect(200);
      expect(text.match(/pill pill-muted">mock</g)).toHaveLength(4);
      expect(text).toContain('not configured');
    });

    it('answers 404 in the layout for an unknown page', async () => {
      const res = await http().get('/no/such/page').set(HTML).expect(404);
      expect(res.text).toContain('Page not found');
      expect(res.text).toContain('id="go-cart"');
      expect(res.text).toContain('<title>Retail Store Sample App</title>');
    });

    it('answers 413 for an oversized form and never shows a stack trace', async () => {
      const res = await http()
        .post('/cart')
        .set(HTML)
        .type('form')
        .send({ productId: 'x'.repeat(70 * 1024) })
        .expect(413);
      expect(res.text).not.toMatch(/\bat .*\.js:\d+/);
    });
  });
});
