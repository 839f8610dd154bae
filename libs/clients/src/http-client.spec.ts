import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { HttpClient, UpstreamError } from './http-client';

describe(HttpClient.name, () => {
  let server: Server;
  let base: string;
  const seen: Array<{ method?: string; url?: string; body: string; type?: string }> = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, body, type: req.headers['content-type'] });
        if (req.url === '/slow') return void setTimeout(() => res.end('{}'), 1000);
        if (req.url === '/missing') return void res.writeHead(404).end('{"code":404}');
        if (req.url === '/text') return void res.writeHead(200).end('not json');
        res
          .writeHead(201, { 'content-type': 'application/json' })
          .end(JSON.stringify({ echo: body }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  it('sends JSON and joins a base URL with a trailing slash', async () => {
    const client = new HttpClient({ service: 'orders', baseUrl: base });
    const res = await client.post<{ echo: string }>('/orders', { a: 1 });
    expect(res).toEqual({ status: 201, body: { echo: '{"a":1}' } });
    expect(seen.at(-1)).toMatchObject({ method: 'POST', url: '/orders', type: 'application/json' });
    await client.close();
  });

  it('returns non-2xx answers and expectOk turns them into a status error', async () => {
    const client = new HttpClient({ service: 'catalog', baseUrl: base });
    const res = await client.get('/missing');
    expect(res.status).toBe(404);
    expect(() => client.expectOk(res, 'GET /missing')).toThrow(/catalog answered 404/);
    await client.close();
  });

  it('gives up after the timeout with a timeout error', async () => {
    const client = new HttpClient({ service: 'orders', baseUrl: base, timeoutMs: 200 });
    await expect(client.get('/slow')).rejects.toMatchObject({
      reason: 'timeout',
      service: 'orders',
    });
    await client.close();
  });

  it('reports a closed port as unreachable', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const client = new HttpClient({ service: 'carts', baseUrl: `http://127.0.0.1:${port}` });
    const error: unknown = await client.get('/carts/x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ reason: 'unreachable' });
    await client.close();
  });

  it('rejects a 2xx body that is not JSON', async () => {
    const client = new HttpClient({ service: 'catalog', baseUrl: base });
    await expect(client.get('/text')).rejects.toMatchObject({ reason: 'invalid-body' });
    await client.close();
  });
});
