import { createServer, Server, Socket } from 'node:net';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { describeWithServer, startTcpProxy, TcpProxy } from '@retail/testing';
import { Redis } from 'ioredis';
import request from 'supertest';
import { RedisCheckoutRepository } from '../src/checkout/persistence/redis-checkout.repository';
import { pollStatus, startCheckout } from './app';
import { aCheckoutRequest } from './builders';
import { describeCheckoutApi } from './checkout-api.suite';
import { describeCheckoutRepository } from './checkout-repository.suite';
import { deleteKeys, REDIS_PORT, REDIS_URL, runId } from './redis';

const UNAVAILABLE = {
  statusCode: 503,
  message: 'Checkout storage is unavailable, try again shortly',
  error: 'Service Unavailable',
};

describeWithServer('redis', 'checkout on Redis', () => {
  const run = runId();
  const admin = new Redis(REDIS_URL, { lazyConnect: true });

  afterAll(async () => {
    await deleteKeys(admin, `*${run}*`);
    await admin.quit();
  });

  describeCheckoutApi('Redis', () => ({ REDIS_URL }), `${run}-`);

  describe('the repository', () => {
    const client = new Redis(REDIS_URL, { lazyConnect: true });
    afterAll(() => client.quit());
    describeCheckoutRepository(
      'Redis',
      () => new RedisCheckoutRepository(client, client, 60, `${run}:checkout`),
    );
  });

  describe('keys and values', () => {
    let app: NestFastifyApplication;
    const http = () => request(app.getHttpServer());

    beforeAll(async () => {
      app = await startCheckout({ REDIS_URL });
    });
    afterAll(() => app.close());

    it('stores the update response under checkout:<customerId> for 24 hours', async () => {
      const id = `${run}/key one`;
      const res = await http()
        .post(`/checkout/${encodeURIComponent(id)}/update`)
        .send(aCheckoutRequest())
        .expect(201);
      expect(await admin.get(`checkout:${id}`)).toBe(res.text);
      const ttl = await admin.ttl(`checkout:${id}`);
      expect(ttl).toBeGreaterThan(86_400 - 60);
      expect(ttl).toBeLessThanOrEqual(86_400);
      expect(await admin.exists(id)).toBe(0);
    });

    it('deletes the key on submit', async () => {
      const id = `${run}-submitted`;
      await http().post(`/checkout/${id}/update`).send(aCheckoutRequest()).expect(201);
      await http().post(`/checkout/${id}/submit`).expect(201);
      expect(await admin.exists(`checkout:${id}`)).toBe(0);
    });

    it('reads values written by others with their keys as stored', async () => {
      const id = `${run}-by-hand`;
      const value = {
        shippingRates: { shipmentId: 'x', rates: [] },
        request: { subtotal: 3 },
        paymentId: 'p',
        paymentToken: 't',
        shipping: -1,
        tax: -1,
        total: 3,
        note: 'kept',
      };
      await admin.set(`checkout:${id}`, JSON.stringify(value));
      expect((await http().get(`/checkout/${id}`).expect(200)).text).toBe(JSON.stringify(value));
    });

    it('answers a stored null as no checkout, and a value that is not JSON as a 500', async () => {
      await admin.set(`checkout:${run}-null`, 'null');
      await http().get(`/checkout/${run}-null`).expect(404);
      await admin.set(`checkout:${run}-corrupt`, '{not json');
      const res = await http().get(`/checkout/${run}-corrupt`).expect(500);
      expect(res.body).toEqual({
        statusCode: 500,
        message: 'Stored checkout is not valid JSON',
        error: 'Internal Server Error',
      });
      await http().post(`/checkout/${run}-corrupt/submit`).expect(500);
    });

    it('keeps checkouts without expiry when CHECKOUT_TTL_SECONDS is 0', async () => {
      const forever = await startCheckout({ REDIS_URL, CHECKOUT_TTL_SECONDS: '0' });
      await request(forever.getHttpServer())
        .post(`/checkout/${run}-forever/update`)
        .send(aCheckoutRequest())
        .expect(201);
      expect(await admin.ttl(`checkout:${run}-forever`)).toBe(-1);
      await forever.close();
    });

    it('is ready while Redis answers, naming it', async () => {
      const res = await http().get('/health/ready').expect(200);
      expect(res.body.details).toEqual({ redis: { status: 'up' } });
    });
  });

  describe('round trips, counted with MONITOR', () => {
    let app: NestFastifyApplication;
    const client = new Redis(REDIS_URL, { lazyConnect: true });
    let monitor: Redis;
    const http = () => request(app.getHttpServer());
    const seen: string[] = [];

    beforeAll(async () => {
      app = await startCheckout({ REDIS_URL });
      monitor = await client.monitor();
      // Commands scripts run show up with source "lua": they are not round trips.
      monitor.on('monitor', (_time: string, args: string[], source: string) => {
        if (source !== 'lua' && args.some((a) => a.includes(`${run}-trips`))) {
          seen.push(args[0].toLowerCase());
        }
      });
      // Loads the scripts, so the counts below are the steady state's.
      await http().post(`/checkout/${run}-warm/update`).send(aCheckoutRequest()).expect(201);
      await http().post(`/checkout/${run}-warm/submit`).expect(201);
    });
    afterAll(async () => {
      monitor.disconnect();
      client.disconnect();
      await app.close();
    });

    async function commandsOf(send: () => PromiseLike<unknown>): Promise<string[]> {
      seen.length = 0;
      await send();
      // MONITOR reports on its own connection; a PING through it arrives after the commands.
      await admin.ping();
      await new Promise((r) => setTimeout(r, 50));
      return [...seen];
    }

    it('takes one command per update and per GET, two per submit, one per repeated submit', async () => {
      const id = `${run}-trips`;
      const update = () =>
        http().post(`/checkout/${id}/update`).send(aCheckoutRequest()).expect(201);
      expect(await commandsOf(update)).toEqual(['set']);
      expect(await commandsOf(() => http().get(`/checkout/${id}`).expect(200))).toEqual(['get']);
      expect(await commandsOf(update)).toEqual(['set']);
      expect(await commandsOf(() => http().post(`/checkout/${id}/submit`).expect(201))).toEqual([
        'evalsha',
        'evalsha',
      ]);
      expect(await commandsOf(() => http().post(`/checkout/${id}/submit`).expect(200))).toEqual([
        'evalsha',
      ]);
      expect(await commandsOf(() => http().get(`/checkout/${id}`).expect(404))).toEqual(['get']);
    });
  });

  describe('with a reader and a Redis that goes away', () => {
    let writer: TcpProxy;
    let reader: TcpProxy;
    let app: NestFastifyApplication;
    const http = () => request(app.getHttpServer());
    const id = `${run}-outage`;

    beforeAll(async () => {
      writer = await startTcpProxy(REDIS_PORT);
      reader = await startTcpProxy(REDIS_PORT);
      app = await startCheckout({
        REDIS_URL: `redis://127.0.0.1:${writer.port}`,
        REDIS_READER_URL: `redis://127.0.0.1:${reader.port}`,
        REDIS_COMMAND_TIMEOUT_MS: '1000',
      });
      await http().post(`/checkout/${id}/update`).send(aCheckoutRequest()).expect(201);
    });
    afterAll(async () => {
      await app.close();
      await writer.stop();
      await reader.stop();
    });

    it('checks both connections for readiness', async () => {
      const res = await http().get('/health/ready').expect(200);
      expect(Object.keys(res.body.details)).toEqual(['redis', 'redis-reader']);
    });

    it('reads through REDIS_READER_URL: with the reader gone, GET fails and update works', async () => {
      await reader.stop();
      const res = await http().get(`/checkout/${id}`).expect(503);
      expect(res.body).toEqual(UNAVAILABLE);
      await http().post(`/checkout/${id}/update`).send(aCheckoutRequest()).expect(201);
      const ready = await http().get('/health/ready').expect(503);
      expect(Object.keys(ready.body.error)).toEqual(['redis-reader']);

      await reader.start();
      await expect(pollStatus(() => http().get(`/checkout/${id}`), 200)).resolves.toBe(200);
    });

    it('answers 503 fast while Redis is gone, stays alive, and recovers by itself', async () => {
      await writer.stop();
      await reader.stop();
      const started = Date.now();
      expect(
        (await http().post(`/checkout/${id}/update`).send(aCheckoutRequest()).expect(503)).body,
      ).toEqual(UNAVAILABLE);
      expect((await http().get(`/checkout/${id}`).expect(503)).body).toEqual(UNAVAILABLE);
      await http().post(`/checkout/${id}/submit`).expect(503);
      expect(Date.now() - started).toBeLessThan(2000);

      const ready = await http().get('/health/ready').expect(503);
      expect(ready.body.error).toMatchObject({
        redis: { status: 'down' },
        'redis-reader': { status: 'down' },
      });
      await http().get('/health').expect(200);

      await writer.start();
      await reader.start();
      await expect(pollStatus(() => http().get(`/checkout/${id}`), 200)).resolves.toBe(200);
      await http().post(`/checkout/${id}/update`).send(aCheckoutRequest()).expect(201);
      await http().get('/health/ready').expect(200);
    });
  });

  describe('with a Redis that accepts connections but never answers', () => {
    let silent: Server;
    const sockets = new Set<Socket>();
    let app: NestFastifyApplication;

    beforeAll(async () => {
      silent = createServer((s) => void sockets.add(s));
      await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
      const { port } = silent.address() as { port: number };
      app = await startCheckout({
        REDIS_URL: `redis://127.0.0.1:${port}`,
        REDIS_COMMAND_TIMEOUT_MS: '300',
      });
    });
    afterAll(async () => {
      await app.close();
      for (const s of sockets) s.destroy();
      await new Promise((r) => silent.close(r));
    });

    it('answers 503 within the command timeout instead of hanging', async () => {
      const started = Date.now();
      await request(app.getHttpServer()).get(`/checkout/${run}-silent`).expect(503);
      await request(app.getHttpServer())
        .post(`/checkout/${run}-silent/update`)
        .send(aCheckoutRequest())
        .expect(503);
      expect(Date.now() - started).toBeLessThan(2000);
      const ready = await request(app.getHttpServer()).get('/health/ready').expect(503);
      expect(Object.keys(ready.body.error)).toEqual(['redis']);
    });
  });

  it('starts while Redis is down and serves once it is up', async () => {
    const later = await startTcpProxy(REDIS_PORT);
    await later.stop();
    const app = await startCheckout({
      REDIS_URL: `redis://127.0.0.1:${later.port}`,
      REDIS_COMMAND_TIMEOUT_MS: '200',
    });
    const http = () => request(app.getHttpServer());
    try {
      await http().get(`/checkout/${run}-late`).expect(503);
      await later.start();
      await expect(
        pollStatus(() => http().post(`/checkout/${run}-late/update`).send(aCheckoutRequest()), 201),
      ).resolves.toBe(201);
    } finally {
      await app.close();
      await later.stop();
    }
  });
});
