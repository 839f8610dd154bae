import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { MockAssetsClient, HttpAssetsClient } from './assets/assets.client';
import { HttpCartsClient } from './carts/carts.client';
import { MockCartsClient } from './carts/mock-carts.client';
import { HttpCatalogClient } from './catalog/catalog.client';
import { MockCatalogClient } from './catalog/mock-catalog.client';
import { HttpCheckoutClient } from './checkout/checkout.client';
import { MockCheckoutClient } from './checkout/mock-checkout.client';
import { HttpClient, UpstreamError } from './http-client';

/** A backend that records each request and answers from `routes` (`METHOD path` → reply). */
function fakeBackend(
  routes: Record<string, { status: number; body?: string; type?: string }>,
): Promise<{ url: string; seen: string[]; types: string[]; server: Server }> {
  const seen: string[] = [];
  const types: string[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const key = `${req.method} ${req.url}`;
      seen.push(body ? `${key} ${body}` : key);
      types.push(`${key} ${req.headers['content-type'] ?? '-'}`);
      const reply = routes[key] ?? { status: 404, body: '{"code":404}' };
      res
        .writeHead(reply.status, { 'content-type': reply.type ?? 'application/json' })
        .end(reply.body ?? '');
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        seen,
        types,
        server,
      }),
    ),
  );
}

const close = (server: Server) => {
  server.closeAllConnections();
  return new Promise((r) => server.close(r));
};

describe('real clients', () => {
  it('HttpCatalogClient builds the catalog queries and reads null lists as empty', async () => {
    const product = {
      id: 'a/b',
      name: 'A',
      description: '',
      imageUrl: '/x',
      price: 5,
      count: 1,
      tag: [],
    };
    const backend = await fakeBackend({
      'GET /catalogue?tags=dress&order=&page=2&size=3': {
        status: 200,
        body: JSON.stringify([product]),
      },
      'GET /catalogue?tags=none&order=&page=1&size=3': { status: 200, body: 'null' },
      'GET /catalogue/size?tags=': { status: 200, body: '{"size":6}' },
      'GET /catalogue/product/a%2Fb': { status: 200, body: JSON.stringify(product) },
      'GET /catalogue/tags': { status: 200, body: '[{"name":"dress","displayName":"Dress"}]' },
      'GET /health': { status: 200, body: 'OK', type: 'text/plain' },
    });
    const client = new HttpCatalogClient(`${backend.url}/`);
    expect(client.baseUrl).toBe(`${backend.url}/`);
    await expect(client.products({ tags: 'dress', page: 2, size: 3 })).resolves.toEqual([product]);
    await expect(client.products({ tags: 'none', page: 1, size: 3 })).resolves.toEqual([]);
    await expect(client.count()).resolves.toBe(6);
    await expect(client.product('a/b')).resolves.toEqual(product);
    await expect(client.product('missing')).resolves.toBeUndefined();
    await expect(client.tags()).resolves.toEqual([{ name: 'dress', displayName: 'Dress' }]);
    await expect(client.health()).resolves.toBeUndefined();
    await client.close();
    await close(backend.server);
  });

  it('HttpCartsClient adds, removes, empties and fails through the cart API', async () => {
    const backend = await fakeBackend({
      'GET /carts/s%201': { status: 200, body: '{"customerId":"s 1","items":[]}' },
      'POST /carts/s%201/items': { status: 201, body: '{}' },
      'DELETE /carts/s%201/items/p1': { status: 202 },
      'DELETE /carts/s%201': { status: 202, body: '{"customerId":null,"items":[]}' },
      'POST /actuator/fail': { status: 200, body: 'OK', type: 'text/plain' },
      'GET /actuator/health': { status: 503, body: '{"status":"DOWN"}' },
    });
    const client = new HttpCartsClient(backend.url);
    await expect(client.cart('s 1')).resolves.toEqual({ customerId: 's 1', items: [] });
    await client.addItem('s 1', { itemId: 'p1', quantity: 1, unitPrice: 5 });
    await client.removeItem('s 1', 'p1');
    await client.deleteCart('s 1');
    await expect(client.fail()).resolves.toBe('OK');
    await expect(client.health()).rejects.toThrow('/actuator/health answered 503');
    await expect(client.cart('other')).rejects.toMatchObject({ reason: 'status', status: 404 });
    expect(backend.seen).toContain(
      'POST /carts/s%201/items {"itemId":"p1","quantity":1,"unitPrice":5}',
    );
    await client.close();
    await close(backend.server);
  });

  it('HttpCheckoutClient reads a missing checkout as undefined and surfaces submit refusals', async () => {
    const backend = await fakeBackend({
      'GET /checkout/c1': { status: 404, body: '{"statusCode":404}' },
      'POST /checkout/c1/submit': { status: 400, body: '{"statusCode":400}' },
      'POST /checkout/c1/update': { status: 201, body: '{"total":5}' },
    });
    const client = new HttpCheckoutClient(backend.url);
    await expect(client.checkout('c1')).resolves.toBeUndefined();
    await expect(client.update('c1', { subtotal: 5 })).resolves.toEqual({ total: 5 });
    await expect(client.submit('c1')).rejects.toMatchObject({ service: 'checkout', status: 400 });
    await client.close();
    await close(backend.server);
  });

  it('HttpAssetsClient returns the bytes and type, and undefined for a missing file', async () => {
    const backend = await fakeBackend({
      'GET /assets/a.png': { status: 200, body: 'PNGDATA', type: 'image/png' },
      'GET /assets/broken.jpg': { status: 500 },
    });
    const client = new HttpAssetsClient(backend.url);
    const image = await client.image('a.png');
    expect(image?.contentType).toBe('image/png');
    expect(image?.body.toString()).toBe('PNGDATA');
    await expect(client.image('none.jpg')).resolves.toBeUndefined();
    await expect(client.image('broken.jpg')).rejects.toBeInstanceOf(UpstreamError);
    await client.close();
    await close(backend.server);
  });
});

describe('HttpClient connections', () => {
  it('reuses one connection by default and opens one per call with keepAlive false', async () => {
    const backend = await fakeBackend({ 'GET /x': { status: 200, body: '{}' } });
    let connections = 0;
    backend.server.on('connection', () => (connections += 1));
    const pooled = new HttpClient({ service: 'catalog', baseUrl: backend.url });
    const fresh = new HttpClient({ service: 'catalog', baseUrl: backend.url, keepAlive: false });
    try {
      for (let i = 0; i < 10; i++) await pooled.get('/x');
      // undici may open a second socket while the first is being released; never one per call.
      expect(connections).toBeLessThanOrEqual(2);
      connections = 0;
      for (let i = 0; i < 10; i++) await fresh.get('/x');
      expect(connections).toBe(10);
    } finally {
      await pooled.close();
      await fresh.close();
      await close(backend.server);
    }
  });
});

describe('in-process mocks', () => {
  it('MockCatalogClient serves 20 placeholder products, paged and filtered by its one tag', async () => {
    const catalog = new MockCatalogClient();
    expect(catalog.baseUrl).toBeUndefined();
    await expect(catalog.count()).resolves.toBe(20);
    await expect(catalog.count('smart')).resolves.toBe(20);
    await expect(catalog.count('dress')).resolves.toBe(0);
    const page7 = await catalog.products({ page: 7, size: 3 });
    expect(page7.map((p) => p.id)).toEqual(['19', '20']);
    await expect(catalog.products({ page: 0, size: 3 })).resolves.toEqual([]);
    await expect(catalog.product('4')).resolves.toMatchObject({ name: 'product4', price: 123 });
    await expect(catalog.product('21')).resolves.toBeUndefined();
    await expect(catalog.tags()).resolves.toEqual([{ name: 'smart', displayName: 'Smart' }]);
    await expect(catalog.health()).resolves.toBeUndefined();
  });

  it('MockCartsClient keeps one cart per customer and adds to an existing line', async () => {
    const carts = new MockCartsClient();
    await carts.addItem('a', { itemId: '1', quantity: 1, unitPrice: 10 });
    await carts.addItem('a', { itemId: '1', quantity: 2, unitPrice: 10 });
    await carts.addItem('b', { itemId: '2', quantity: 1, unitPrice: 5 });
    await expect(carts.cart('a')).resolves.toEqual({
      customerId: 'a',
      items: [{ itemId: '1', quantity: 3, unitPrice: 10 }],
    });
    await carts.removeItem('a', '1');
    await expect(carts.cart('a')).resolves.toEqual({ customerId: 'a', items: [] });
    await carts.deleteCart('b');
    await expect(carts.cart('b')).resolves.toEqual({ customerId: 'b', items: [] });
    await expect(carts.fail()).rejects.toThrow('ENDPOINTS_CARTS');
  });

  const ITEM = { id: '1', name: 'x', quantity: 1, unitCost: 200, totalCost: 200, imageUrl: '/i' };
  const ADDRESS = { firstName: 'J', lastName: 'D', address1: 'a', city: 'c', state: 'WA', zip: '' };

  it('MockCheckoutClient prices like the real service and refuses incomplete orders', async () => {
    const checkout = new MockCheckoutClient();
    const started = await checkout.update('c', { subtotal: 200, items: [ITEM] });
    expect(started).toMatchObject({ tax: -1, shipping: -1, total: 200 });
    await expect(checkout.submit('c')).rejects.toMatchObject({ status: 400 });
    const priced = await checkout.update('c', {
      ...started.request,
      customerEmail: 'j@example.com',
      shippingAddress: ADDRESS,
      deliveryOptionToken: 'standard',
    });
    expect(priced).toMatchObject({ tax: 10, shipping: 10, total: 220 });
    await expect(checkout.checkout('c')).resolves.toEqual(priced);
    const first = await checkout.submit('c');
    expect(first).toEqual({ orderId: 'MOCK-000001', customerEmail: 'j@example.com' });
    await expect(checkout.checkout('c')).resolves.toBeUndefined();
    await expect(checkout.submit('nobody')).rejects.toMatchObject({ status: 404 });
  });

  it('MockCheckoutClient answers a repeated submit with the first order until a new checkout', async () => {
    const checkout = new MockCheckoutClient();
    const request = { subtotal: 200, items: [ITEM], shippingAddress: ADDRESS };
    await checkout.update('c', { ...request, customerEmail: 'j@example.com' });
    const both = await Promise.all([checkout.submit('c'), checkout.submit('c')]);
    const first = { orderId: 'MOCK-000001', customerEmail: 'j@example.com' };
    expect(both).toEqual([first, first]);
    await expect(checkout.submit('c')).resolves.toEqual(first);
    await checkout.update('c', { ...request, customerEmail: 'k@example.com' });
    await expect(checkout.submit('c')).resolves.toEqual({
      orderId: 'MOCK-000002',
      customerEmail: 'k@example.com',
    });
  });

  it('MockAssetsClient answers its one picture for every name', async () => {
    const picture = { contentType: 'image/jpeg', body: Buffer.from('jpg') };
    const assets = new MockAssetsClient(picture);
    await expect(assets.image('anything.jpg')).resolves.toBe(picture);
  });
});
