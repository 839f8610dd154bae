import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { IDEMPOTENCY_KEY_HEADER } from '@retail/contracts';
import { createTestApp } from '@retail/testing';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { loadConfig } from '../src/config/orders.config';
import { anItem, anOrderRequest, UUID_V4 } from './order-requests';

type Env = Record<string, string>;

const SPRING_ERROR = (status: number, error: string, message: unknown) => ({
  timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/),
  status,
  error,
  path: '/orders',
  message,
});

const tooMany = Array.from({ length: 1001 }, () => anItem());

/**
 * The HTTP contract of orders, run against each store: in memory (e2e), PostgreSQL and MariaDB
 * (int). `env` gives the store's variables; each run starts from an empty store.
 */
export function describeOrdersApi(store: string, env: () => Env): void {
  describe(`orders API (${store})`, () => {
    let app: NestFastifyApplication;
    const http = () => request(app.getHttpServer());
    const post = (body: unknown) =>
      http()
        .post('/orders')
        .send(body as object);
    const count = async () => ((await http().get('/orders').expect(200)).body as unknown[]).length;

    beforeAll(async () => {
      app = await createTestApp(AppModule.forRoot(loadConfig({ LOG_LEVEL: 'silent', ...env() })));
    });
    afterAll(() => app.close());

    describe('POST /orders', () => {
      it('stores the order and answers 200 with it, a new UUID id and the keys in the reference order', async () => {
        const res = await post(
          anOrderRequest({
            items: [anItem({ unitCost: 385, price: undefined, quantity: 2, totalCost: 770 })],
          }),
        ).expect(200);
        expect(res.headers['content-type']).toMatch(/^application\/json/);
        expect(Object.keys(res.body)).toEqual(['firstName', 'lastName', 'email', 'items', 'id']);
        expect(Object.keys(res.body.items[0])).toEqual([
          'productId',
          'quantity',
          'price',
          'name',
          'totalCost',
          'unitCost',
        ]);
        expect(res.body).toEqual({
          firstName: 'John',
          lastName: 'Doe',
          email: 'john@example.com',
          items: [
            {
              productId: 'a1258cd2-176c-4507-ade6-746dab5ad625',
              quantity: 2,
              price: 385,
              name: 'Pocket Watch',
              totalCost: 770,
              unitCost: 385,
            },
          ],
          id: expect.stringMatching(UUID_V4),
        });
        expect((await http().get(`/orders/${res.body.id}`).expect(200)).body).toEqual(res.body);
      });

      it('gives every order its own id', async () => {
        const ids = new Set<string>();
        for (let i = 0; i < 5; i++) ids.add((await post(anOrderRequest()).expect(200)).body.id);
        expect(ids.size).toBe(5);
      });

      it('takes price as the unit cost when unitCost is absent, as checkout sends it', async () => {
        const res = await post(anOrderRequest({ items: [anItem({ price: 120 })] })).expect(200);
        expect(res.body.items[0]).toMatchObject({ unitCost: 120, price: 120 });
        const stored = await http().get(`/orders/${res.body.id}`).expect(200);
        expect(stored.body.items[0]).toMatchObject({ unitCost: 120, price: 120 });
      });

      it('keeps unitCost when both are sent and answers price equal to it', async () => {
        const res = await post(
          anOrderRequest({ items: [anItem({ unitCost: 100, price: 90 })] }),
        ).expect(200);
        expect(res.body.items[0]).toMatchObject({ unitCost: 100, price: 100 });
      });

      it('stores missing or null numbers as 0 and missing or null texts as null', async () => {
        const res = await post({
          firstName: 'Ann',
          email: null,
          items: [{ name: 'Strap' }, { name: 'Box', productId: null, quantity: null, price: null }],
        }).expect(200);
        const expected = {
          firstName: 'Ann',
          lastName: null,
          email: null,
          items: [
            { productId: null, quantity: 0, price: 0, name: 'Strap', totalCost: 0, unitCost: 0 },
            { productId: null, quantity: 0, price: 0, name: 'Box', totalCost: 0, unitCost: 0 },
          ],
          id: res.body.id,
        };
        expect(res.body).toEqual(expected);
        expect((await http().get(`/orders/${res.body.id}`).expect(200)).body).toEqual(expected);
      });

      it('ignores an id and unknown fields in the request', async () => {
        const res = await post({
          ...anOrderRequest(),
          id: 'chosen-by-client',
          status: 'paid',
          items: [{ ...anItem(), id: 'x', discount: 5 }],
        }).expect(200);
        expect(res.body.id).toMatch(UUID_V4);
        expect(res.body).not.toHaveProperty('status');
        expect(Object.keys(res.body.items[0])).not.toContain('discount');
        await http().get('/orders/chosen-by-client').expect(404);
      });

      it('stores the real productIds and keeps the items in the order sent', async () => {
        const items = ['p-9', 'p-3', 'p-7', 'p-1', 'p-5'].map((productId, i) =>
          anItem({ productId, name: `Item ${i}`, quantity: i + 1 }),
        );
        const res = await post(anOrderRequest({ items })).expect(200);
        const stored = await http().get(`/orders/${res.body.id}`).expect(200);
        expect(stored.body.items.map((i: { productId: string }) => i.productId)).toEqual([
          'p-9',
          'p-3',
          'p-7',
          'p-1',
          'p-5',
        ]);
        expect(stored.body.items.map((i: { quantity: number }) => i.quantity)).toEqual([
          1, 2, 3, 4, 5,
        ]);
      });

      it('stores any Unicode text up to 255 characters and the largest int32 amounts', async () => {
        const name = `Montre ⌚ 😀 ${'é'.repeat(244)}`;
        expect([...name].length).toBe(255);
        const body = anOrderRequest({
          firstName: 'Zoë 😀',
          lastName: "O'Brien; DROP TABLE order_entity; --",
          items: [anItem({ name, quantity: 2_147_483_647, unitCost: 0, totalCost: 2_147_483_647 })],
        });
        const res = await post(body).expect(200);
        const stored = await http().get(`/orders/${res.body.id}`).expect(200);
        expect(stored.body).toMatchObject({ firstName: 'Zoë 😀', lastName: body.lastName });
        expect(stored.body.items[0]).toMatchObject({ name, quantity: 2_147_483_647 });
      });

      it('accepts the largest basket of 1000 items', async () => {
        const items = Array.from({ length: 1000 }, (_, i) => anItem({ productId: `p-${i}` }));
        const res = await post(anOrderRequest({ items })).expect(200);
        const stored = await http().get(`/orders/${res.body.id}`).expect(200);
        expect(stored.body.items).toHaveLength(1000);
        expect(stored.body.items[999].productId).toBe('p-999');
      });

      it.each<[string, unknown, string]>([
        ['no firstName', { ...anOrderRequest(), firstName: undefined }, 'firstName is required'],
        ['a null firstName', anOrderRequest({ firstName: null as never }), 'firstName is required'],
        ['an empty firstName', anOrderRequest({ firstName: '' }), 'firstName must not be blank'],
        ['a blank firstName', anOrderRequest({ firstName: '  ' }), 'firstName must not be blank'],
        [
          'a number as firstName',
          anOrderRequest({ firstName: 42 as never }),
          'firstName must be a string',
        ],
        [
          'a firstName over 255 characters',
          anOrderRequest({ firstName: 'x'.repeat(256) }),
          'firstName must be shorter than or equal to 255 characters',
        ],
        [
          'a number as lastName',
          anOrderRequest({ lastName: 7 as never }),
          'lastName must be a string',
        ],
        ['an array as email', anOrderRequest({ email: [] as never }), 'email must be a string'],
        ['no items', { ...anOrderRequest(), items: undefined }, 'items is required'],
        ['null items', anOrderRequest({ items: null as never }), 'items is required'],
        ['empty items', anOrderRequest({ items: [] }), 'items should not be empty'],
        ['items as an object', anOrderRequest({ items: {} as never }), 'items must be an array'],
        [
          'more than 1000 items',
          anOrderRequest({ items: tooMany }),
          'items must contain no more than 1000 elements',
        ],
        ['an item that is not an object', anOrderRequest({ items: [5 as never] }), 'items'],
        [
          'an array as an item',
          anOrderRequest({ items: [[] as never] }),
          'each value in items must be an object',
        ],
        [
          'a NUL in firstName',
          anOrderRequest({ firstName: 'Eve\u0000' }),
          'firstName must not contain control characters',
        ],
        [
          'a line break in an item name',
          anOrderRequest({ items: [anItem({ name: 'Pocket\nWatch' })] }),
          'items.0.name must not contain control characters',
        ],
        [
          'an email over 255 characters',
          anOrderRequest({ email: `${'x'.repeat(250)}@example.com` }),
          'email must be shorter than or equal to 255 characters',
        ],
        [
          'a quantity of 1e308',
          anOrderRequest({ items: [anItem({ quantity: 1e308 })] }),
          'items.0.quantity must not be greater than 2147483647',
        ],
        [
          'an item without name',
          anOrderRequest({ items: [anItem({ name: undefined })] }),
          'items.0.name is required',
        ],
        [
          'an item with a blank name',
          anOrderRequest({ items: [anItem(), anItem({ name: ' ' })] }),
          'items.1.name must not be blank',
        ],
        [
          'a number as productId',
          anOrderRequest({ items: [anItem({ productId: 5 as never })] }),
          'items.0.productId must be a string',
        ],
        [
          'a negative quantity',
          anOrderRequest({ items: [anItem({ quantity: -1 })] }),
          'items.0.quantity must not be less than 0',
        ],
        [
          'a fractional quantity',
          anOrderRequest({ items: [anItem({ quantity: 1.5 })] }),
          'items.0.quantity must be an integer number',
        ],
        [
          'a unitCost as a string',
          anOrderRequest({ items: [anItem({ unitCost: '100' as never })] }),
          'items.0.unitCost must be an integer number',
        ],
        [
          'a totalCost over int32',
          anOrderRequest({ items: [anItem({ totalCost: 2 ** 31 })] }),
          'items.0.totalCost must not be greater than 2147483647',
        ],
        [
          'a negative price',
          anOrderRequest({ items: [anItem({ price: -5 })] }),
          'items.0.price must not be less than 0',
        ],
        ['a JSON array', [anOrderRequest()], 'firstName is required'],
        ['a JSON string', '"order"', 'firstName is required'],
        ['JSON null', 'null', 'firstName is required'],
      ])('rejects %s with 400 naming the field, and stores nothing', async (_, body, message) => {
        const before = await count();
        const res = await http()
          .post('/orders')
          .set('Content-Type', 'application/json')
          .send(typeof body === 'string' ? body : JSON.stringify(body))
          .expect(400);
        expect(res.body).toEqual(
          SPRING_ERROR(400, 'Bad Request', expect.stringContaining(message)),
        );
        expect(await count()).toBe(before);
      });

      it('lists every broken rule at once', async () => {
        const res = await post({ items: [{ quantity: -1 }] }).expect(400);
        expect(res.body.message).toBe(
          'firstName is required; items.0.name is required; items.0.quantity must not be less than 0',
        );
      });

      it.each([
        ['malformed JSON', 'application/json', '{"firstName": "John",', 400, 'Bad Request'],
        ['an empty JSON body', 'application/json', '', 400, 'Bad Request'],
        ['a text body', 'text/plain', 'firstName=John', 415, 'Unsupported Media Type'],
        [
          'a form body',
          'application/x-www-form-urlencoded',
          'firstName=John',
          415,
          'Unsupported Media Type',
        ],
        ['a binary body', 'application/octet-stream', '{}', 415, 'Unsupported Media Type'],
      ])(
        'answers %s with its status in the Spring error shape, storing nothing',
        async (_, type, body, status, error) => {
          const before = await count();
          const res = await http()
            .post('/orders')
            .set('Content-Type', type)
            .send(body)
            .expect(status);
          expect(res.body).toEqual(SPRING_ERROR(status, error, expect.any(String)));
          expect(await count()).toBe(before);
        },
      );
    });

    describe('POST /orders with an idempotency-key', () => {
      const postKeyed = (key: string, body: unknown = anOrderRequest()) =>
        http()
          .post('/orders')
          .set(IDEMPOTENCY_KEY_HEADER, key)
          .send(body as object);

      it('answers a repeat with the first order (200, same body) and stores one order', async () => {
        const before = await count();
        const key = `repeat-${Date.now()}`;
        const first = (await postKeyed(key).expect(200)).body;
        const repeat = await postKeyed(key, anOrderRequest({ firstName: 'Other' })).expect(200);
        expect(repeat.body).toEqual(first);
        expect(await count()).toBe(before + 1);
        const other = (await postKeyed(`${key}-2`).expect(200)).body;
        expect(other.id).not.toBe(first.id);
        expect(await count()).toBe(before + 2);
      });

      it.each([2, 5])('places one order for %i concurrent requests with one key', async (n) => {
        const before = await count();
        const key = `concurrent-${n}-${Date.now()}`;
        const answers = await Promise.all(Array.from({ length: n }, () => postKeyed(key)));
        expect(answers.map((a) => a.status)).toEqual(Array(n).fill(200));
        expect(new Set(answers.map((a) => (a.body as { id: string }).id)).size).toBe(1);
        expect(await count()).toBe(before + 1);
      });

      it.each([
        ['empty', ''],
        ['over 255 characters', 'k'.repeat(256)],
      ])('refuses an %s key with 400, storing nothing', async (_, key) => {
        const before = await count();
        const res = await postKeyed(key).expect(400);
        expect(res.body).toEqual(
          SPRING_ERROR(400, 'Bad Request', expect.stringContaining('idempotency-key')),
        );
        expect(await count()).toBe(before);
      });
    });

    describe('GET /orders', () => {
      it('lists every order, newest first, each with its items', async () => {
        const first = (await post(anOrderRequest({ firstName: 'First' })).expect(200)).body;
        const second = (await post(anOrderRequest({ firstName: 'Second' })).expect(200)).body;
        const res = await http().get('/orders').expect(200);
        expect(res.body[0]).toEqual(second);
        expect(res.body[1]).toEqual(first);
        const ids = res.body.map((o: { id: string }) => o.id);
        expect(new Set(ids).size).toBe(ids.length);
      });
    });

    describe('GET /orders/{id}', () => {
      it('answers 404 in the Spring error shape for an unknown id', async () => {
        const id = '5b7a1c9e-0d7f-4d0e-9a59-3c2b8f1f2a10';
        const res = await http().get(`/orders/${id}`).expect(404);
        expect(res.body).toEqual({
          ...SPRING_ERROR(404, 'Not Found', `Order ${id} not found`),
          path: `/orders/${id}`,
        });
      });

      it('matches ids exactly: another case, a prefix or an injection string is not found', async () => {
        const { id } = (await post(anOrderRequest()).expect(200)).body as { id: string };
        for (const other of [
          id.toUpperCase(),
          id.slice(0, 8),
          `${id}' OR '1'='1`,
          'x'.repeat(64),
        ]) {
          await http()
            .get(`/orders/${encodeURIComponent(other)}`)
            .expect(404);
        }
      });
    });

    it.each(['%00', 'a%00b', '%1F'])(
      'answers GET /orders/%s 404, not a database outage',
      async (id) => {
        const res = await http().get(`/orders/${id}`).expect(404);
        expect(res.body).toMatchObject({ status: 404, error: 'Not Found' });
      },
    );

    it('answers an unknown path 404 in the Spring error shape', async () => {
      const res = await http().get('/nowhere').expect(404);
      expect(res.body).toMatchObject({ status: 404, error: 'Not Found', path: '/nowhere' });
    });

    it('reports the store UP on /actuator/health and /actuator/health/readiness', async () => {
      expect((await http().get('/actuator/health').expect(200)).body).toEqual({ status: 'UP' });
      const readiness = await http().get('/actuator/health/readiness').expect(200);
      expect(readiness.body.status).toBe('UP');
    });
  });
}
