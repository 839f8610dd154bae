import { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { CheckoutRequest } from '@retail/contracts';
import request from 'supertest';
import { startCheckout } from './app';
import { aCheckoutRequest, anAddress, anItem, aStartedCheckout } from './builders';

type Env = Record<string, string>;

const SUBTOTAL_MESSAGES = [
  'subtotal must not be less than 0',
  'subtotal must be an integer number',
];
const RATES = [
  { name: 'Priority Mail', amount: 5, token: 'priority-mail', estimatedDays: 10 },
  { name: 'Priority Mail Express', amount: 15, token: 'priority-mail-express', estimatedDays: 5 },
];
const badRequest = (message: string | string[]) => ({
  statusCode: 400,
  message,
  error: 'Bad Request',
});

/**
 * The whole HTTP contract of checkout (spec/checkout.md with DESIGN's fixes), run against each
 * store: in memory (e2e) and on Redis (int). Orders is the in-process mock here; submit against
 * an orders server has its own suite. Customer ids start with `idPrefix`, so a shared Redis can be
 * cleaned up after the run.
 */
export function describeCheckoutApi(store: string, env: () => Env, idPrefix = ''): void {
  describe(`checkout API (${store})`, () => {
    let app: NestFastifyApplication;
    const http = () => request(app.getHttpServer());
    let seq = 0;
    const newId = () => `${idPrefix}customer-${++seq}`;
    const update = (id: string, body: unknown) =>
      http()
        .post(`/checkout/${encodeURIComponent(id)}/update`)
        .send(body as object);

    beforeAll(async () => {
      app = await startCheckout(env());
    });
    afterAll(() => app.close());

    describe('GET /checkout/{customerId}', () => {
      it('answers 404 with Nest’s body for an unknown customer', async () => {
        const res = await http().get(`/checkout/${newId()}`).expect(404);
        expect(res.body).toEqual({
          statusCode: 404,
          message: 'Checkout not found',
          error: 'Not Found',
        });
      });

      it('answers the last update’s Checkout, byte for byte', async () => {
        const id = newId();
        const updated = await update(id, aCheckoutRequest()).expect(201);
        const res = await http().get(`/checkout/${id}`).expect(200);
        expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
        expect(res.text).toBe(updated.text);
      });
    });

    describe('POST /checkout/{customerId}/update', () => {
      it('answers 201 with the priced Checkout, keys in the reference order', async () => {
        const sent = aCheckoutRequest();
        const res = await update(newId(), sent).expect(201);
        expect(Object.keys(res.body)).toEqual([
          'shippingRates',
          'request',
          'paymentId',
          'paymentToken',
          'shipping',
          'tax',
          'total',
        ]);
        expect(res.body).toEqual({
          shippingRates: { shipmentId: expect.stringMatching(/^[A-Za-z0-9]{32}$/), rates: RATES },
          request: sent,
          paymentId: expect.stringMatching(/^[A-Za-z0-9]{16}$/),
          paymentToken: expect.stringMatching(/^[A-Za-z0-9]{32}$/),
          shipping: 15,
          tax: 39,
          total: 849,
        });
      });

      // The spec's worked examples, with our total (shipping included).
      it.each<[string, number, number, number, Partial<CheckoutRequest>]>([
        [
          'S=200, no address, no token',
          -1,
          -1,
          200,
          { subtotal: 200, shippingAddress: null, deliveryOptionToken: null },
        ],
        [
          'S=100, no address, priority-mail',
          5,
          -1,
          105,
          { subtotal: 100, shippingAddress: null, deliveryOptionToken: 'priority-mail' },
        ],
        [
          'S=219, address, priority-mail-express',
          15,
          10,
          244,
          { subtotal: 219, deliveryOptionToken: 'priority-mail-express' },
        ],
        ['S=19, address, no token', -1, 0, 19, { subtotal: 19, deliveryOptionToken: null }],
        [
          'S=250, address, priority-mail',
          5,
          12,
          267,
          { subtotal: 250, deliveryOptionToken: 'priority-mail' },
        ],
        [
          'S=100, token nope',
          -1,
          -1,
          100,
          { subtotal: 100, shippingAddress: null, deliveryOptionToken: 'nope' },
        ],
        ['S=795, address, priority-mail-express', 15, 39, 849, { subtotal: 795 }],
      ])('prices %s: shipping %i, tax %i, total %i', async (_, shipping, tax, total, overrides) => {
        const res = await update(newId(), aCheckoutRequest(overrides)).expect(201);
        expect(res.body).toMatchObject({ shipping, tax, total });
      });

      it('keeps unknown fields and explicit nulls, at every level, through update and GET', async () => {
        const id = newId();
        const sent = {
          ...aStartedCheckout(),
          items: [{ ...anItem(), colour: 'gold', extra: null }],
          shippingAddress: { ...anAddress(), address2: null, floor: 3 },
          giftWrap: { paper: 'red', ribbon: null },
          note: null,
        };
        expect((await update(id, sent).expect(201)).body.request).toEqual(sent);
        const res = await http().get(`/checkout/${id}`).expect(200);
        expect(JSON.stringify(res.body.request)).toBe(JSON.stringify(sent));
      });

      it('echoes the request exactly as sent, key order included', async () => {
        const id = newId();
        const sent = {
          zzz: 1,
          items: [{ zz: 0, ...anItem(), aa: null }],
          subtotal: 3,
          aaa: null,
          shippingAddress: { floor: 3, ...anAddress() },
        };
        const updated = await update(id, sent).expect(201);
        expect(updated.text).toContain(`"request":${JSON.stringify(sent)},`);
        const res = await http().get(`/checkout/${id}`).expect(200);
        expect(res.text).toContain(`"request":${JSON.stringify(sent)},`);
      });

      it('replaces the whole request: nothing is merged from the previous one', async () => {
        const id = newId();
        await update(id, aCheckoutRequest()).expect(201);
        await update(id, { subtotal: 5 }).expect(201);
        const res = await http().get(`/checkout/${id}`).expect(200);
        expect(res.body).toMatchObject({
          request: { subtotal: 5 },
          tax: -1,
          shipping: -1,
          total: 5,
        });
        expect(Object.keys(res.body.request)).toEqual(['subtotal']);
      });

      it('draws new shipment and payment ids on every update', async () => {
        const id = newId();
        const a = (await update(id, aCheckoutRequest()).expect(201)).body;
        const b = (await update(id, aCheckoutRequest()).expect(201)).body;
        expect(b.shippingRates.shipmentId).not.toBe(a.shippingRates.shipmentId);
        expect(b.paymentId).not.toBe(a.paymentId);
        expect(b.paymentToken).not.toBe(a.paymentToken);
      });

      it('follows the reference UI: start, address step, delivery step', async () => {
        const id = newId();
        const started = (await update(id, aStartedCheckout({ subtotal: 250 })).expect(201)).body;
        expect(started).toMatchObject({ tax: -1, shipping: -1, total: 250 });

        const withAddress = {
          ...started.request,
          customerEmail: 'jane@example.com',
          shippingAddress: anAddress(),
        };
        expect((await update(id, withAddress).expect(201)).body).toMatchObject({
          tax: 12,
          shipping: -1,
          total: 262,
        });

        const current = (await http().get(`/checkout/${id}`).expect(200)).body;
        const withDelivery = { ...current.request, deliveryOptionToken: 'priority-mail' };
        expect((await update(id, withDelivery).expect(201)).body).toMatchObject({
          tax: 12,
          shipping: 5,
          total: 267,
        });
      });

      it('accepts what the spec allows: [] items, null optionals, any token string, no subtotal check', async () => {
        for (const body of [
          { subtotal: 0, items: [] },
          { subtotal: 0, customerEmail: null, shippingAddress: null, deliveryOptionToken: null },
          { subtotal: 1, deliveryOptionToken: 'anything at all' },
          { subtotal: 492, items: [anItem({ totalCost: 123 }), anItem({ totalCost: 123 })] },
          { subtotal: 1, shippingAddress: anAddress({ address2: undefined }) },
          {
            subtotal: 2147483647,
            items: [anItem({ name: 'ü'.repeat(255), quantity: 2147483647 })],
          },
        ]) {
          await update(newId(), body).expect(201);
        }
      });

      it('URL-decodes the customer id and uses it verbatim', async () => {
        const id = `${idPrefix}a/b c`;
        await http()
          .post(`/checkout/${idPrefix}a%2Fb%20c/update`)
          .send(aCheckoutRequest({ subtotal: 7 }))
          .expect(201);
        const res = await http()
          .get(`/checkout/${encodeURIComponent(id)}`)
          .expect(200);
        expect(res.body.request.subtotal).toBe(7);
        await http()
          .get(`/checkout/${encodeURIComponent(id.toUpperCase())}`)
          .expect(404);
      });

      it('tolerates a trailing slash', async () => {
        const id = newId();
        await http().post(`/checkout/${id}/update/`).send(aCheckoutRequest()).expect(201);
        await http().get(`/checkout/${id}/`).expect(200);
      });
    });

    describe('validation: 400 with one message per broken rule, and nothing stored', () => {
      it.each<[string, unknown, string[]]>([
        ['no subtotal', {}, SUBTOTAL_MESSAGES],
        ['a null subtotal', { subtotal: null }, SUBTOTAL_MESSAGES],
        ['a string subtotal', { subtotal: '5' }, SUBTOTAL_MESSAGES],
        ['a fractional subtotal', { subtotal: 1.5 }, ['subtotal must be an integer number']],
        ['a negative subtotal', { subtotal: -1 }, ['subtotal must not be less than 0']],
        ['an empty email', { subtotal: 1, customerEmail: '' }, ['customerEmail must be an email']],
        ['a bad email', { subtotal: 1, customerEmail: 'jane' }, ['customerEmail must be an email']],
        [
          'a number token',
          { subtotal: 1, deliveryOptionToken: 5 },
          ['deliveryOptionToken must be a string'],
        ],
        [
          'null items',
          { subtotal: 1, items: null },
          ['each value in nested property items must be either object or array'],
        ],
        [
          'string items',
          { subtotal: 1, items: 'x' },
          ['each value in nested property items must be either object or array'],
        ],
        [
          'a negative quantity',
          { subtotal: 1, items: [anItem({ quantity: -1 })] },
          ['items.0.quantity must not be less than 0'],
        ],
        [
          'a number item id',
          { subtotal: 1, items: [anItem(), { ...anItem(), id: 7 }] },
          ['items.1.id must be a string'],
        ],
        [
          'a fractional unitCost',
          { subtotal: 1, items: [anItem({ unitCost: 2.5 })] },
          ['items.0.unitCost must be an integer number'],
        ],
        [
          'a string address',
          { subtotal: 1, shippingAddress: 'x' },
          ['nested property shippingAddress must be either object or array'],
        ],
        [
          'an address without city',
          { subtotal: 1, shippingAddress: anAddress({ city: undefined }) },
          ['shippingAddress.city must be a string'],
        ],
        [
          'a number address2',
          { subtotal: 1, shippingAddress: { ...anAddress(), address2: 5 } },
          ['shippingAddress.address2 must be a string'],
        ],
        [
          'an array as the address',
          { subtotal: 1, shippingAddress: [] },
          ['shippingAddress must be an object, not an array'],
        ],
        [
          'an array as an item',
          { subtotal: 1, items: [[]] },
          ['items must hold objects, not arrays'],
        ],
        [
          'a NUL in the first name',
          { subtotal: 1, shippingAddress: anAddress({ firstName: 'Eve\u0000' }) },
          ['shippingAddress.firstName must not contain control characters'],
        ],
        [
          'a line break in an item name',
          { subtotal: 1, items: [anItem({ name: 'Gentle\rman' })] },
          ['items.0.name must not contain control characters'],
        ],
        [
          'a last name over 255 characters',
          { subtotal: 1, shippingAddress: anAddress({ lastName: 'x'.repeat(256) }) },
          ['shippingAddress.lastName must be shorter than or equal to 255 characters'],
        ],
        [
          'an email over 255 characters',
          {
            subtotal: 1,
            customerEmail: `${'x'.repeat(64)}@${['a', 'b', 'c'].map((l) => l.repeat(63)).join('.')}.com`,
          },
          [
            'customerEmail must be an email',
            'customerEmail must be shorter than or equal to 255 characters',
          ],
        ],
        [
          'a quantity of 1e308',
          { subtotal: 1, items: [anItem({ quantity: 1e308 })] },
          ['items.0.quantity must not be greater than 2147483647'],
        ],
        [
          'a subtotal over the largest amount',
          { subtotal: 2 ** 31 },
          ['subtotal must not be greater than 2147483647'],
        ],
        [
          'more than 1000 items',
          // Items as small as the rules allow, to stay under the 100 kB body limit.
          {
            subtotal: 1,
            items: Array.from({ length: 1001 }, () => anItem({ id: '', name: '', imageUrl: '' })),
          },
          ['items must contain no more than 1000 elements'],
        ],
      ])('rejects %s', async (_, body, messages) => {
        const id = newId();
        const res = await update(id, body).expect(400);
        expect(res.body).toEqual(badRequest(messages));
        await http().get(`/checkout/${id}`).expect(404);
      });

      it('lists every field of an empty item, dotted with its index', async () => {
        const res = await update(newId(), { subtotal: 1, items: [{}] }).expect(400);
        expect(res.body.message).toEqual([
          'items.0.id must be a string',
          'items.0.name must be a string',
          'items.0.quantity must not be less than 0',
          'items.0.quantity must be an integer number',
          'items.0.unitCost must not be less than 0',
          'items.0.unitCost must be an integer number',
          'items.0.totalCost must not be less than 0',
          'items.0.totalCost must be an integer number',
          'items.0.imageUrl must be a string',
        ]);
      });

      it('leaves an existing checkout untouched when an update is rejected', async () => {
        const id = newId();
        const before = (await update(id, aCheckoutRequest()).expect(201)).text;
        await update(id, { subtotal: -5 }).expect(400);
        expect((await http().get(`/checkout/${id}`).expect(200)).text).toBe(before);
      });

      it('answers malformed JSON with 400 and the parser’s message', async () => {
        const id = newId();
        const res = await http()
          .post(`/checkout/${id}/update`)
          .set('Content-Type', 'application/json')
          .send('{"subtotal": 1,')
          .expect(400);
        expect(res.body).toEqual(badRequest(expect.any(String)));
        await http().get(`/checkout/${id}`).expect(404);
      });

      it.each([
        ['text/plain', 'subtotal=5'],
        ['application/xml', '<subtotal>5</subtotal>'],
        ['application/x-www-form-urlencoded', 'subtotal=5'],
      ])('treats a %s body as empty: the missing-subtotal 400', async (type, body) => {
        const id = newId();
        const res = await http()
          .post(`/checkout/${id}/update`)
          .set('Content-Type', type)
          .send(body)
          .expect(400);
        expect(res.body).toEqual(badRequest(SUBTOTAL_MESSAGES));
        await http().get(`/checkout/${id}`).expect(404);
      });

      it('treats no body at all as empty', async () => {
        const res = await http().post(`/checkout/${newId()}/update`).expect(400);
        expect(res.body).toEqual(badRequest(SUBTOTAL_MESSAGES));
      });

      it('answers a body over 100 kB with 413, and takes one just under', async () => {
        const sized = (bytes: number) => {
          const body = { subtotal: 1, pad: '' };
          body.pad = 'x'.repeat(bytes - JSON.stringify(body).length);
          return JSON.stringify(body);
        };
        const send = (id: string, body: string) =>
          http().post(`/checkout/${id}/update`).set('Content-Type', 'application/json').send(body);
        await send(newId(), sized(100 * 1024)).expect(201);
        const tooLarge = newId();
        const res = await send(tooLarge, sized(100 * 1024 + 1)).expect(413);
        expect(res.body).toEqual({ statusCode: 413, message: 'request entity too large' });
        await http().get(`/checkout/${tooLarge}`).expect(404);
      });
    });

    describe('POST /checkout/{customerId}/submit (mock orders)', () => {
      it('places the order, answers 201 {orderId, customerEmail} and deletes the checkout', async () => {
        const id = newId();
        await update(id, aCheckoutRequest({ customerEmail: 'jane@example.com' })).expect(201);
        const res = await http().post(`/checkout/${id}/submit`).expect(201);
        expect(res.body).toEqual({ orderId: 'abc123', customerEmail: 'jane@example.com' });
        await http().get(`/checkout/${id}`).expect(404);
      });

      it('answers a repeated submit 200 with the first answer, and the checkout stays gone', async () => {
        const id = newId();
        await update(id, aCheckoutRequest({ customerEmail: 'jane@example.com' })).expect(201);
        const first = await http().post(`/checkout/${id}/submit`).expect(201);
        const repeat = await http().post(`/checkout/${id}/submit`).expect(200);
        expect(repeat.body).toEqual(first.body);
        await http().get(`/checkout/${id}`).expect(404);
      });

      it.each([2, 5])(
        'answers %i concurrent submits: one 201, the others 200, one body',
        async (n) => {
          const id = newId();
          await update(id, aCheckoutRequest()).expect(201);
          const answers = await Promise.all(
            Array.from({ length: n }, () => http().post(`/checkout/${id}/submit`)),
          );
          expect(answers.map((a) => a.status).sort()).toEqual([...Array(n - 1).fill(200), 201]);
          for (const a of answers) expect(a.body).toEqual(answers[0].body);
        },
      );

      it('submits an update made after a placed order as a new checkout', async () => {
        const id = newId();
        await update(id, aCheckoutRequest()).expect(201);
        await http().post(`/checkout/${id}/submit`).expect(201);
        await update(id, aCheckoutRequest({ customerEmail: 'again@example.com' })).expect(201);
        const res = await http().post(`/checkout/${id}/submit`).expect(201);
        expect(res.body.customerEmail).toBe('again@example.com');
      });

      it('echoes a null email as null and leaves an absent one out', async () => {
        const withNull = newId();
        await update(withNull, aCheckoutRequest({ customerEmail: null })).expect(201);
        expect((await http().post(`/checkout/${withNull}/submit`).expect(201)).body).toEqual({
          orderId: 'abc123',
          customerEmail: null,
        });
        const without = newId();
        // JSON leaves the undefined email out of the body.
        await update(without, aCheckoutRequest({ customerEmail: undefined })).expect(201);
        expect((await http().post(`/checkout/${without}/submit`).expect(201)).body).toEqual({
          orderId: 'abc123',
        });
      });

      it('answers 404 for an unknown customer (the reference: 500)', async () => {
        const res = await http().post(`/checkout/${newId()}/submit`).expect(404);
        expect(res.body).toEqual({
          statusCode: 404,
          message: 'Checkout not found',
          error: 'Not Found',
        });
      });

      it.each<[string, Partial<CheckoutRequest>, string]>([
        ['no shipping address', { shippingAddress: null }, 'missing shippingAddress'],
        ['no items', { items: [] }, 'missing items'],
        [
          'neither',
          { shippingAddress: null, items: undefined },
          'missing shippingAddress and items',
        ],
        [
          'a blank first name (orders refuses it)',
          { shippingAddress: anAddress({ firstName: ' ' }) },
          'missing shippingAddress.firstName',
        ],
      ])('answers 400 for %s, naming it, and keeps the checkout', async (_, overrides, missing) => {
        const id = newId();
        const stored = (await update(id, aCheckoutRequest(overrides)).expect(201)).text;
        const res = await http().post(`/checkout/${id}/submit`).expect(400);
        expect(res.body).toEqual(badRequest(`Checkout cannot be submitted: ${missing}`));
        expect((await http().get(`/checkout/${id}`).expect(200)).text).toBe(stored);
      });

      it('ignores any request body', async () => {
        const id = newId();
        await update(id, aCheckoutRequest()).expect(201);
        await http().post(`/checkout/${id}/submit`).send({ subtotal: -1 }).expect(201);
      });
    });

    describe('operations', () => {
      it('GET and HEAD /health answer 200 with the reference body', async () => {
        const res = await http().get('/health').expect(200);
        expect(res.body).toEqual({ status: 'ok', info: {}, error: {}, details: {} });
        await http().head('/health').expect(200);
      });

      it('GET /health/ready answers 200 while every dependency answers', async () => {
        expect((await http().get('/health/ready').expect(200)).body.status).toBe('ok');
      });

      it('GET /metrics has process metrics, the route histogram and submissions', async () => {
        await update(newId(), aCheckoutRequest()).expect(201);
        const res = await http().get('/metrics').expect(200);
        expect(res.headers['content-type']).toMatch(/^text\/plain/);
        expect(res.text).toContain('process_cpu_user_seconds_total');
        expect(res.text).toMatch(
          /http_request_duration_seconds_count\{method="POST",route="\/checkout\/:customerId\/update",status="201"\} [1-9]/,
        );
        expect(res.text).toMatch(/checkout_submissions_total\{result="placed"\} [1-9]/);
      });

      it('serves the OpenAPI document at /api-json and the UI at /api', async () => {
        const doc = (await http().get('/api-json').expect(200)).body;
        expect(doc.info).toMatchObject({
          title: 'Checkout service',
          description: 'The checkout API',
          version: '1.0',
        });
        const operations = Object.values(
          doc.paths as Record<string, Record<string, { operationId: string; tags: string[] }>>,
        ).flatMap((p) => Object.values(p));
        expect(operations.map((o) => o.operationId).sort()).toEqual([
          'CheckoutController_getCheckout',
          'CheckoutController_submitCheckout',
          'CheckoutController_updateCheckout',
        ]);
        expect(operations.every((o) => o.tags.includes('checkout'))).toBe(true);
        expect(
          doc.paths['/checkout/{customerId}/update'].post.requestBody.content['application/json']
            .schema,
        ).toEqual({
          $ref: '#/components/schemas/CheckoutRequestDto',
        });
        expect((await http().get('/api').expect(200)).text).toContain('swagger-ui');
      });

      it('answers an unknown path with Nest’s 404 body', async () => {
        const res = await http().get('/checkout').expect(404);
        expect(res.body).toEqual({
          statusCode: 404,
          message: 'Cannot GET /checkout',
          error: 'Not Found',
        });
      });
    });
  });
}
