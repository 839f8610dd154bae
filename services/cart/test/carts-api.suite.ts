import { randomUUID } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';

const MAX_INT32 = 2_147_483_647;

/** Spring's error body: timestamp with milliseconds and offset, reason phrase, path, message. */
export const springError = (
  status: number,
  path: string,
  message: unknown = expect.any(String),
) => ({
  timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/),
  status,
  error: expect.any(String),
  path,
  message,
});

const item = (itemId = 'p1', quantity = 1, unitPrice = 150) => ({ itemId, quantity, unitPrice });

/**
 * Every route, status and bad input of the carts API (spec/cart.md with DESIGN's fixes), run
 * against the app on each store. Customer ids are fresh per test, so the app is shared.
 */
export function describeCartsApi(app: () => NestFastifyApplication): void {
  const http = () => request(app().getHttpServer());
  let customer: string;
  let path: string;
  const add = (body: unknown) =>
    http()
      .post(`${path}/items`)
      .set('Content-Type', 'application/json')
      .send(body as object);
  const cartItems = async (): Promise<unknown> => (await http().get(path).expect(200)).body.items;

  beforeEach(() => {
    customer = `c-${randomUUID()}`;
    path = `/carts/${customer}`;
  });

  describe('GET /carts/{customerId}', () => {
    it('answers an unknown cart with 200 and no items', async () => {
      const res = await http().get(path).expect(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body).toEqual({ customerId: customer, items: [] });
    });

    it('lists the lines with exactly the contract fields, in order', async () => {
      await add(item('p2', 1, 20)).expect(201);
      await add(item('p1', 2, 150)).expect(201);
      const res = await http().get(path).expect(200);
      expect(Object.keys(res.body)).toEqual(['customerId', 'items']);
      expect(res.body.items).toEqual([item('p1', 2, 150), item('p2', 1, 20)]);
      expect(Object.keys(res.body.items[0])).toEqual(['itemId', 'quantity', 'unitPrice']);
    });

    it('accepts the JSON Content-Type the reference UI sends on every call', async () => {
      await http().get(path).set('Content-Type', 'application/json').expect(200);
    });
  });

  describe('POST /carts/{customerId}/items', () => {
    it('creates a line with the requested quantity and answers 201 with it', async () => {
      const res = await add(item('p1', 3, 150)).expect(201);
      expect(res.body).toEqual(item('p1', 3, 150));
      expect(Object.keys(res.body)).toEqual(['itemId', 'quantity', 'unitPrice']);
      expect(await cartItems()).toEqual([item('p1', 3, 150)]);
    });

    it('adds to the quantity of an item already in the cart and keeps its price', async () => {
      await add(item('p1', 1, 150)).expect(201);
      const res = await add(item('p1', 2, 999)).expect(201);
      expect(res.body).toEqual(item('p1', 3, 150));
      expect(await cartItems()).toEqual([item('p1', 3, 150)]);
    });

    it('never loses a unit under 50 concurrent adds of quantity 1', async () => {
      await Promise.all(Array.from({ length: 50 }, () => add(item('hot', 1, 5)).expect(201)));
      expect(await cartItems()).toEqual([item('hot', 50, 5)]);
    });

    it('ignores unknown fields', async () => {
      const res = await add({ ...item(), name: 'Watch', extra: { a: 1 } }).expect(201);
      expect(res.body).toEqual(item());
    });

    it('reads a body without Content-Type as JSON', async () => {
      const res = await http()
        .post(`${path}/items`)
        .send(Buffer.from(JSON.stringify(item('p1', 2))))
        .expect(201);
      expect(res.request.getHeader('Content-Type')).toBeUndefined();
      expect(res.body).toEqual(item('p1', 2));
    });

    it.each(['application/json; charset=utf-8', 'application/vnd.cart+json', 'APPLICATION/JSON'])(
      'accepts Content-Type %s',
      async (type) => {
        await http()
          .post(`${path}/items`)
          .set('Content-Type', type)
          .send(JSON.stringify(item()))
          .expect(201);
        expect(await cartItems()).toEqual([item()]);
      },
    );

    it.each(['text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'image/png'])(
      'answers Content-Type %s with 415 in the Spring shape and stores nothing',
      async (type) => {
        const res = await http()
          .post(`${path}/items`)
          .set('Content-Type', type)
          .send(JSON.stringify(item()))
          .expect(415);
        expect(res.body).toEqual(
          springError(415, `${path}/items`, expect.stringContaining(type.split(';')[0])),
        );
        expect(await cartItems()).toEqual([]);
      },
    );

    it.each([
      ['no itemId', { quantity: 1, unitPrice: 1 }, 'itemId'],
      ['an empty itemId', item(''), 'itemId'],
      ['a blank itemId', item('   '), 'itemId'],
      ['a numeric itemId', { ...item(), itemId: 5 }, 'itemId'],
      ['an itemId over 100 characters', item('x'.repeat(101)), 'itemId'],
      ['no quantity', { itemId: 'p1', unitPrice: 1 }, 'quantity'],
      ['quantity 0', item('p1', 0), 'quantity'],
      ['a negative quantity', item('p1', -1), 'quantity'],
      ['a fractional quantity', item('p1', 1.5), 'quantity'],
      ['a quantity as a string', { ...item(), quantity: '1' }, 'quantity'],
      ['a null quantity', { ...item(), quantity: null }, 'quantity'],
      ['a quantity past 2^31-1', item('p1', MAX_INT32 + 1), 'quantity'],
      ['no unitPrice', { itemId: 'p1', quantity: 1 }, 'unitPrice'],
      ['a negative unitPrice', item('p1', 1, -1), 'unitPrice'],
      ['a fractional unitPrice', item('p1', 1, 9.99), 'unitPrice'],
      ['a unitPrice as a string', { ...item(), unitPrice: '150' }, 'unitPrice'],
      ['a unitPrice past 2^31-1', item('p1', 1, MAX_INT32 + 1), 'unitPrice'],
    ])('rejects %s with 400 naming the field, storing nothing', async (_, body, field) => {
      const res = await add(body).expect(400);
      expect(res.body).toEqual(springError(400, `${path}/items`, expect.stringContaining(field)));
      expect(await cartItems()).toEqual([]);
    });

    it.each([
      ['an array', '[{"itemId":"p1","quantity":1,"unitPrice":1}]', 'JSON object'],
      ['a string', '"p1"', 'JSON object'],
      ['a number', '5', 'JSON object'],
      ['null', 'null', 'body is missing'],
      ['malformed JSON', '{"itemId":"p1",', 'not valid JSON'],
      ['an empty body', '', 'body is missing'],
    ])('rejects %s as the body with 400, storing nothing', async (_, raw, message) => {
      const res = await http()
        .post(`${path}/items`)
        .set('Content-Type', 'application/json')
        .send(raw)
        .expect(400);
      expect(res.body).toEqual(springError(400, `${path}/items`, expect.stringContaining(message)));
      expect(await cartItems()).toEqual([]);
    });

    it('rejects a request with neither body nor Content-Type with 400', async () => {
      const res = await http().post(`${path}/items`).expect(400);
      expect(res.body.message).toContain('body is missing');
    });

    it('rejects an add past the largest quantity with 400 and keeps the line', async () => {
      await add(item('p1', MAX_INT32)).expect(201);
      const res = await add(item('p1', 1)).expect(400);
      expect(res.body).toEqual(springError(400, `${path}/items`, expect.stringContaining('p1')));
      expect(await cartItems()).toEqual([item('p1', MAX_INT32)]);
    });

    it('rejects a customer id containing ":" with 400', async () => {
      const res = await http().post('/carts/a:b/items').send(item()).expect(400);
      expect(res.body).toEqual(
        springError(400, '/carts/a:b/items', expect.stringContaining('customerId')),
      );
    });
  });

  describe('PATCH /carts/{customerId}/items', () => {
    const patch = (body: unknown) =>
      http()
        .patch(`${path}/items`)
        .set('Content-Type', 'application/json')
        .send(body as object);

    it('replaces quantity and price and answers 202 with no body', async () => {
      await add(item('p1', 5, 150)).expect(201);
      const res = await patch(item('p1', 2, 120)).expect(202);
      expect(res.text).toBe('');
      expect(await cartItems()).toEqual([item('p1', 2, 120)]);
    });

    it('answers 404 for an item not in the cart and stores nothing', async () => {
      const res = await patch(item('p9', 2, 120)).expect(404);
      expect(res.body).toEqual(springError(404, `${path}/items`, expect.stringContaining('p9')));
      expect(await cartItems()).toEqual([]);
    });

    it.each([
      ['quantity 0', item('p1', 0), 'quantity'],
      ['a negative unitPrice', item('p1', 1, -5), 'unitPrice'],
      ['no itemId', { quantity: 1, unitPrice: 1 }, 'itemId'],
    ])('rejects %s with 400 and changes nothing', async (_, body, field) => {
      await add(item('p1', 5, 150)).expect(201);
      const res = await patch(body).expect(400);
      expect(res.body.message).toContain(field);
      expect(await cartItems()).toEqual([item('p1', 5, 150)]);
    });

    it('rejects a missing body with 400', async () => {
      await http().patch(`${path}/items`).expect(400);
    });

    it('answers an explicit non-JSON Content-Type with 415 and changes nothing', async () => {
      await add(item('p1', 5, 150)).expect(201);
      await http()
        .patch(`${path}/items`)
        .set('Content-Type', 'text/plain')
        .send(JSON.stringify(item('p1', 1, 1)))
        .expect(415);
      expect(await cartItems()).toEqual([item('p1', 5, 150)]);
    });
  });

  describe('GET /carts/{customerId}/items', () => {
    it('lists no items for an unknown cart', async () => {
      expect((await http().get(`${path}/items`).expect(200)).body).toEqual([]);
    });

    it('lists the lines', async () => {
      await add(item('p1', 2)).expect(201);
      expect((await http().get(`${path}/items`).expect(200)).body).toEqual([item('p1', 2)]);
    });
  });

  describe('GET /carts/{customerId}/items/{itemId}', () => {
    it('answers one line, its id containing dots', async () => {
      await add(item('v1.2.3', 4)).expect(201);
      const res = await http().get(`${path}/items/v1.2.3`).expect(200);
      expect(res.body).toEqual(item('v1.2.3', 4));
    });

    it('decodes percent-encoded ids', async () => {
      await add(item('a b/c', 1)).expect(201);
      await http().get(`${path}/items/a%20b%2Fc`).expect(200);
    });

    it('answers 404 in the Spring shape for an item not in the cart', async () => {
      const res = await http().get(`${path}/items/missing`).expect(404);
      expect(res.body).toEqual(
        springError(404, `${path}/items/missing`, expect.stringContaining('missing')),
      );
    });
  });

  describe('DELETE /carts/{customerId}/items/{itemId}', () => {
    it('removes the line and answers 202', async () => {
      await add(item('p1')).expect(201);
      await add(item('p2')).expect(201);
      await http().delete(`${path}/items/p1`).set('Content-Type', 'application/json').expect(202);
      expect(await cartItems()).toEqual([item('p2')]);
    });

    it('answers 202 for an item that is not there (idempotent)', async () => {
      await http().delete(`${path}/items/never-added`).expect(202);
    });
  });

  describe('DELETE /carts/{customerId}', () => {
    it("empties the cart and answers 202 with the reference's emptied cart", async () => {
      await add(item('p1')).expect(201);
      await add(item('p2')).expect(201);
      const res = await http().delete(path).set('Content-Type', 'application/json').expect(202);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body).toEqual({ customerId: null, items: [] });
      expect(await cartItems()).toEqual([]);
    });

    it('answers 202 again for a cart already empty (idempotent)', async () => {
      await http().delete(path).expect(202);
      await http().delete(path).expect(202);
    });
  });

  describe('GET /carts/{customerId}/merge', () => {
    it("moves the session cart's lines into the customer cart, adding quantities", async () => {
      const session = `s-${randomUUID()}`;
      await add(item('p1', 1, 150)).expect(201);
      await http()
        .post(`/carts/${session}/items`)
        .send(item('p1', 2, 150))
        .expect(201);
      await http()
        .post(`/carts/${session}/items`)
        .send(item('p2', 1, 20))
        .expect(201);
      const res = await http().get(`${path}/merge`).query({ sessionId: session }).expect(202);
      expect(res.text).toBe('');
      expect(await cartItems()).toEqual([item('p1', 3, 150), item('p2', 1, 20)]);
      expect((await http().get(`/carts/${session}`).expect(200)).body.items).toEqual([]);
    });

    it('answers 202 and changes nothing for an unknown session', async () => {
      await add(item('p1')).expect(201);
      await http().get(`${path}/merge?sessionId=nobody-${randomUUID()}`).expect(202);
      expect(await cartItems()).toEqual([item('p1')]);
    });

    it.each([
      ['a missing sessionId', ''],
      ['an empty sessionId', '?sessionId='],
      ['a repeated sessionId', '?sessionId=a&sessionId=b'],
      ['a sessionId containing ":"', '?sessionId=a:b'],
    ])('rejects %s with 400 naming it', async (_, query) => {
      const res = await http().get(`${path}/merge${query}`).expect(400);
      expect(res.body).toEqual(
        springError(400, `${path}/merge`, expect.stringContaining('sessionId')),
      );
    });
  });
}
