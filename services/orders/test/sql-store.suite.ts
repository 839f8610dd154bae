import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTestApp, startTcpProxy, TcpProxy } from '@retail/testing';
import request from 'supertest';
import { IDEMPOTENCY_KEY_HEADER } from '@retail/contracts';
import { AppModule } from '../src/app.module';
import { loadConfig } from '../src/config/orders.config';
import { orderCreatedEvent } from '../src/events/order-created.event';
import type { OutboxEvent } from '../src/events/outbox';
import { OrdersUnavailableError } from '../src/orders/orders.errors';
import { openOrdersStore, type ThrowawayDatabase } from './databases';
import { anOrderRequest } from './order-requests';

const anOrder = (id: string) => ({
  id,
  firstName: 'John',
  lastName: null,
  email: null,
  items: [{ productId: 'p-1', name: 'Watch', quantity: 1, unitCost: 5, totalCost: 5 }],
});

/** What only a real database shows: transactions, locks, migrations, outages. */
export function describeSqlStore(
  name: string,
  database: () => ThrowawayDatabase,
  createDatabase: () => Promise<ThrowawayDatabase>,
): void {
  describe(`SQL store (${name})`, () => {
    it('stores nothing of an order whose event cannot be stored (one transaction)', async () => {
      const store = await openOrdersStore(database().env());
      try {
        const order = anOrder(`tx-${Date.now()}`);
        const event = { ...orderCreatedEvent(order), id: 'x'.repeat(80) };
        await expect(store.orders.create(order, event)).rejects.toBeInstanceOf(
          OrdersUnavailableError,
        );
        expect(await store.orders.findById(order.id)).toBeUndefined();
        const items = await database().query(
          'SELECT * FROM order_item_entity WHERE order_entity = ?',
          [order.id],
        );
        expect(items).toEqual([]);
      } finally {
        await store.close();
      }
    });

    it('never hands the same event to two relays at once, and keeps their order', async () => {
      const a = await openOrdersStore(database().env());
      const b = await openOrdersStore(database().env());
      try {
        await database().query('DELETE FROM order_outbox');
        const written: string[] = [];
        for (let i = 0; i < 6; i++) {
          const order = anOrder(`lock-${Date.now()}-${i}`);
          const event = orderCreatedEvent(order);
          await a.orders.create(order, event);
          written.push(event.id);
        }
        const sent: string[] = [];
        const slowPublish = async (events: OutboxEvent[]) => {
          await new Promise((r) => setTimeout(r, 300));
          sent.push(...events.map((e) => e.id));
        };
        const first = a.outbox.publishPending(3, slowPublish);
        await new Promise((r) => setTimeout(r, 100));
        const second = b.outbox.publishPending(3, slowPublish);
        expect(await first).toBe(3);
        expect(await second).toBe(3);
        expect(sent).toEqual(written);
        const unsent = await database().query('SELECT seq FROM order_outbox WHERE sent_at IS NULL');
        expect(unsent).toEqual([]);
      } finally {
        await a.close();
        await b.close();
      }
    });

    it('migrates an empty database once; starting again changes nothing', async () => {
      const fresh = await createDatabase();
      try {
        await (await openOrdersStore(fresh.env())).close();
        await (await openOrdersStore(fresh.env())).close();
        const migrations = await fresh.query('SELECT name FROM orders_migrations');
        expect(migrations).toHaveLength(2);
        for (const table of ['order_entity', 'order_item_entity', 'order_outbox']) {
          expect(await fresh.query(`SELECT COUNT(*) AS n FROM ${table}`)).toEqual([
            { n: expect.anything() },
          ]);
        }
      } finally {
        await fresh.drop();
      }
    });

    it('retries an unreachable database for DB_STARTUP_RETRY_SECONDS, then fails naming it', async () => {
      const proxy = await startTcpProxy(1);
      const { port } = proxy;
      await proxy.stop();
      const started = Date.now();
      const env = database().env({ DB_STARTUP_RETRY_SECONDS: '1' }, port);
      await expect(openOrdersStore(env)).rejects.toThrow(
        `at 127.0.0.1:${port}/${database().name} not reachable (attempt 2 of 2)`,
      );
      expect(Date.now() - started).toBeGreaterThanOrEqual(500);
      expect(Date.now() - started).toBeLessThan(5000);
    });

    describe('when the database freezes past the 5 s query timeout', () => {
      let proxy: TcpProxy;
      let app: NestFastifyApplication;
      const http = () => request(app.getHttpServer());
      const rows = async (sql: string, params: unknown[]) =>
        Number((await database().query<{ n: unknown }>(sql, params))[0].n);

      beforeAll(async () => {
        proxy = await startTcpProxy(database().port);
        app = await createTestApp(
          AppModule.forRoot(loadConfig({ LOG_LEVEL: 'silent', ...database().env({}, proxy.port) })),
        );
      });
      afterAll(async () => {
        await app.close();
        await proxy.stop();
      });

      it('answers 503 and places nothing, so a retry with the key places exactly one order', async () => {
        const key = `frozen-${Date.now()}`;
        const placed = () =>
          rows('SELECT COUNT(*) AS n FROM order_entity WHERE idempotency_key = ?', [key]);
        const send = () =>
          http().post('/orders').set(IDEMPOTENCY_KEY_HEADER, key).send(anOrderRequest());

        // A pooled connection, as under load: the freeze then hits a transaction, not a connect.
        await http().get('/orders').expect(200);
        proxy.freeze();
        const started = Date.now();
        const refused = await send().expect(503);
        expect(Date.now() - started).toBeLessThan(6000);
        expect(refused.body.message).toBe('The orders database is unavailable');
        proxy.thaw();
        // The abandoned transaction reaches the database now; it must roll back, not commit.
        await new Promise((r) => setTimeout(r, 1000));
        expect(await placed()).toBe(0);

        const retry = (await send().expect(200)).body as { id: string };
        const again = (await send().expect(200)).body as { id: string };
        expect(again).toEqual(retry);
        expect(await placed()).toBe(1);
        expect(
          await rows('SELECT COUNT(*) AS n FROM order_outbox WHERE order_id = ?', [retry.id]),
        ).toBe(1);
      }, 20_000);
    });

    describe('while the database is away', () => {
      let proxy: TcpProxy;
      let app: NestFastifyApplication;
      const http = () => request(app.getHttpServer());

      beforeAll(async () => {
        proxy = await startTcpProxy(database().port);
        app = await createTestApp(
          AppModule.forRoot(
            loadConfig({
              LOG_LEVEL: 'silent',
              ...database().env({ DB_CONNECT_TIMEOUT: '1' }, proxy.port),
            }),
          ),
        );
      });
      afterAll(async () => {
        await app.close();
        await proxy.stop();
      });

      it('answers 503, stores nothing, reports DOWN, and recovers when it is back', async () => {
        const before = (await http().get('/orders').expect(200)).body.length as number;
        await proxy.stop();

        const health = await http().get('/actuator/health').expect(503);
        expect(health.body).toEqual({ status: 'DOWN' });
        const readiness = await http().get('/actuator/health/readiness').expect(503);
        expect(readiness.body).toMatchObject({
          status: 'DOWN',
          components: { db: { status: 'DOWN', details: { error: expect.any(String) } } },
        });
        await http().get('/actuator/health/liveness').expect(200);
        const rejected = await http().post('/orders').send(anOrderRequest()).expect(503);
        expect(rejected.body).toMatchObject({
          status: 503,
          error: 'Service Unavailable',
          message: 'The orders database is unavailable',
        });
        await http().get('/orders').expect(503);

        await proxy.start();
        await http().get('/actuator/health').expect(200);
        await http().post('/orders').send(anOrderRequest()).expect(200);
        expect((await http().get('/orders').expect(200)).body).toHaveLength(before + 1);
      });
    });
  });
}
