import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { UpstreamError } from '../http-client';
import { MockOrdersClient } from './mock-orders.client';
import { HttpOrdersClient, OrderSubmission } from './orders.client';

const KEY = 'checkout-key-1';
const ORDER: OrderSubmission = {
  firstName: 'Jane',
  lastName: 'Roe',
  email: 'jane@example.com',
  items: [
    {
      productId: 'p-1',
      name: 'Pocket Watch',
      quantity: 2,
      unitCost: 100,
      price: 100,
      totalCost: 200,
    },
  ],
};

describe(HttpOrdersClient.name, () => {
  let server: Server;
  let base: string;
  let answer: (req: IncomingMessage, res: ServerResponse) => void;
  const seen: Array<{
    method?: string;
    url?: string;
    type?: string;
    key?: string | string[];
    body: string;
  }> = [];
  let client: HttpOrdersClient;

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen.push({
          method: req.method,
          url: req.url,
          type: req.headers['content-type'],
          key: req.headers['idempotency-key'],
          body,
        });
        answer(req, res);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  beforeEach(() => {
    client = new HttpOrdersClient(base);
  });
  afterEach(() => client.close());
  afterAll(() => new Promise((r) => server.close(r)));

  const json = (status: number, body: unknown) => (_: IncomingMessage, res: ServerResponse) =>
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

  it('posts the order as JSON to /orders with its idempotency key, a trailing slash in the base notwithstanding', async () => {
    answer = json(200, { ...ORDER, id: 'o-1' });
    await expect(client.create(ORDER, KEY)).resolves.toEqual({ id: 'o-1' });
    expect(seen.at(-1)).toEqual({
      method: 'POST',
      url: '/orders',
      type: 'application/json',
      key: KEY,
      body: JSON.stringify(ORDER),
    });
  });

  it('reports no id when a 2xx answer carries none', async () => {
    answer = json(201, { status: 'accepted' });
    await expect(client.create(ORDER, KEY)).resolves.toEqual({});
  });

  it('rejects a non-2xx answer with a status error that passes on the message', async () => {
    answer = json(400, { status: 400, message: 'firstName must not be empty' });
    await expect(client.create(ORDER, KEY)).rejects.toMatchObject({
      reason: 'status',
      status: 400,
      message: 'orders answered 400 to POST /orders: firstName must not be empty',
    });
    answer = (_, res) => res.writeHead(503).end();
    await expect(client.create(ORDER, KEY)).rejects.toMatchObject({
      reason: 'status',
      message: 'orders answered 503 to POST /orders',
    });
  });

  it('gives up after the timeout', async () => {
    answer = (_, res) => void setTimeout(() => res.end('{}'), 1000);
    const impatient = new HttpOrdersClient(base, { timeoutMs: 300 });
    await expect(impatient.create(ORDER, KEY)).rejects.toMatchObject({
      reason: 'timeout',
      service: 'orders',
    });
    await impatient.close();
  });

  it('reports a closed port as unreachable', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const gone = new HttpOrdersClient(`http://127.0.0.1:${port}`);
    const error: unknown = await gone.create(ORDER, KEY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ reason: 'unreachable' });
    await gone.close();
  });

  it('checks health on /actuator/health', async () => {
    answer = json(200, { status: 'UP' });
    await expect(client.health()).resolves.toBeUndefined();
    expect(seen.at(-1)).toMatchObject({ method: 'GET', url: '/actuator/health' });
    answer = json(503, { status: 'DOWN' });
    await expect(client.health()).rejects.toThrow('503');
  });
});

describe(MockOrdersClient.name, () => {
  it('places every order in process with the reference’s id', async () => {
    const mock = new MockOrdersClient();
    await expect(mock.create()).resolves.toEqual({ id: 'abc123' });
    await expect(mock.health()).resolves.toBeUndefined();
    expect(mock.baseUrl).toBeUndefined();
  });
});
