import { randomBytes } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTestApp, describeWithServer, startTcpProxy, TcpProxy } from '@retail/testing';
import { connect, type Channel, type ChannelModel, type GetMessage } from 'amqplib';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { loadConfig } from '../src/config/orders.config';
import { createPostgresDatabase, ThrowawayDatabase } from './databases';
import { anItem, anOrderRequest } from './order-requests';

const BROKER_PORT = 5672;
const suffix = randomBytes(4).toString('hex');
// Names of their own, so the test never touches another user's orders-exchange.
const EXCHANGE = `orders-exchange-test-${suffix}`;
const QUEUE = `orders-orders-queue-test-${suffix}`;

const rabbitEnv = (port = BROKER_PORT): Record<string, string> => ({
  LOG_LEVEL: 'silent',
  SPRING_PROFILES_ACTIVE: 'rabbitmq',
  SPRING_RABBITMQ_HOST: '127.0.0.1',
  SPRING_RABBITMQ_PORT: String(port),
  ORDERS_RABBITMQ_EXCHANGE: EXCHANGE,
  ORDERS_RABBITMQ_QUEUE: QUEUE,
});

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const proxy = await startTcpProxy(1);
  await proxy.stop();
  return proxy.port;
}

const startOrders = (env: Record<string, string>) =>
  createTestApp(AppModule.forRoot(loadConfig(env)));

describeWithServer('rabbitmq', 'orders events on RabbitMQ', () => {
  let broker: ChannelModel;
  let channel: Channel;

  /** Takes `count` messages off the test queue (waiting up to 15 s), then checks nothing follows. */
  async function receive(count: number): Promise<GetMessage[]> {
    const messages: GetMessage[] = [];
    const deadline = Date.now() + 15_000;
    while (messages.length < count && Date.now() < deadline) {
      const message = await channel.get(QUEUE, { noAck: true });
      if (message) messages.push(message);
      else await new Promise((r) => setTimeout(r, 50));
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(await channel.get(QUEUE, { noAck: true })).toBe(false);
    return messages;
  }

  const orderIdOf = (m: GetMessage) =>
    (JSON.parse(m.content.toString()) as { order: { id: string } }).order.id;

  beforeAll(async () => {
    broker = await connect(`amqp://guest:guest@127.0.0.1:${BROKER_PORT}`);
    channel = await broker.createChannel();
  });
  afterAll(async () => {
    await channel.deleteQueue(QUEUE);
    await channel.deleteExchange(EXCHANGE);
    await broker.close();
  });

  describe('with the broker up', () => {
    let app: NestFastifyApplication;
    const http = () => request(app.getHttpServer());

    beforeAll(async () => {
      app = await startOrders(rabbitEnv());
      await http().get('/actuator/health').expect(200);
    });
    afterAll(() => app.close());

    it("declares the reference's topology: a durable fanout exchange and a non-durable queue bound to it", async () => {
      // A declaration that differs from the existing one closes the channel with an error.
      const probe = await broker.createChannel();
      await probe.assertExchange(EXCHANGE, 'fanout', { durable: true, autoDelete: false });
      await probe.assertQueue(QUEUE, { durable: false, exclusive: false, autoDelete: false });
      await probe.close();
    });

    it('reports the broker on the health endpoints', async () => {
      expect((await http().get('/actuator/health/readiness').expect(200)).body).toEqual({
        status: 'UP',
        components: { rabbit: { status: 'UP' } },
      });
    });

    it('publishes an OrderCreatedEvent with the reference body, persistent, as application/json', async () => {
      const res = await http()
        .post('/orders')
        .send(
          anOrderRequest({
            email: undefined,
            items: [anItem({ productId: 'p-1', quantity: 2, price: 100, totalCost: 200 })],
          }),
        )
        .expect(200);
      const [message] = await receive(1);
      expect(JSON.parse(message.content.toString())).toEqual({
        order: {
          id: res.body.id,
          firstName: 'John',
          lastName: 'Doe',
          orderItems: [
            { productId: 'p-1', quantity: 2, unitCost: 100, name: 'Pocket Watch', totalCost: 200 },
          ],
        },
      });
      expect(message.fields).toMatchObject({ exchange: EXCHANGE, routingKey: '' });
      expect(message.properties).toMatchObject({
        contentType: 'application/json',
        contentEncoding: 'UTF-8',
        deliveryMode: 2,
        messageId: expect.any(String),
        headers: { __TypeId__: 'com.amazon.sample.events.orders.OrderCreatedEvent' },
      });
    });

    it('publishes one event per order, in the order they were placed', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 10; i++)
        ids.push((await http().post('/orders').send(anOrderRequest()).expect(200)).body.id);
      expect((await receive(10)).map(orderIdOf)).toEqual(ids);
    });
  });

  describe('with the broker unreachable', () => {
    let proxy: TcpProxy;
    let app: NestFastifyApplication;
    const http = () => request(app.getHttpServer());
    const place = async () =>
      (await http().post('/orders').send(anOrderRequest()).expect(200)).body.id as string;

    beforeAll(async () => {
      proxy = await startTcpProxy(BROKER_PORT);
      await proxy.stop();
      app = await startOrders(rabbitEnv(proxy.port));
    });
    afterAll(async () => {
      await app.close();
      await proxy.stop();
    });

    it('takes orders, reports the broker DOWN, and publishes them in order once it is back', async () => {
      const ids = [await place(), await place(), await place()];
      expect((await http().get('/actuator/health').expect(503)).body).toEqual({ status: 'DOWN' });
      const readiness = await http().get('/actuator/health/readiness').expect(503);
      expect(readiness.body.components.rabbit).toEqual({
        status: 'DOWN',
        details: { error: expect.any(String) },
      });
      expect(await channel.get(QUEUE)).toBe(false);

      await proxy.start();
      expect((await receive(3)).map(orderIdOf)).toEqual(ids);
      await http().get('/actuator/health').expect(200);
    });

    it('leaves the broker out of /actuator/health with MANAGEMENT_HEALTH_RABBIT_ENABLED=false', async () => {
      const other = await startOrders({
        ...rabbitEnv(await closedPort()),
        MANAGEMENT_HEALTH_RABBIT_ENABLED: 'false',
      });
      try {
        await request(other.getHttpServer()).get('/actuator/health').expect(200);
        await request(other.getHttpServer()).get('/actuator/health/readiness').expect(503);
      } finally {
        await other.close();
      }
    });

    it('recovers when its connection is cut, losing and repeating nothing', async () => {
      await http().get('/actuator/health').expect(200);
      await proxy.stop();
      const ids = [await place(), await place()];
      await proxy.start();
      const after = await place();
      expect((await receive(3)).map(orderIdOf)).toEqual([...ids, after]);
    });
  });

  describeWithServer('postgres', 'on PostgreSQL', () => {
    let db: ThrowawayDatabase;
    let proxy: TcpProxy;

    beforeAll(async () => {
      db = await createPostgresDatabase();
      proxy = await startTcpProxy(BROKER_PORT);
    });
    afterAll(async () => {
      await proxy.stop();
      await db.drop();
    });

    it('publishes from the outbox table and marks rows sent only when confirmed, across a restart', async () => {
      const env = { ...rabbitEnv(proxy.port), ...db.env() };
      let app = await startOrders(env);
      const first = (
        await request(app.getHttpServer()).post('/orders').send(anOrderRequest()).expect(200)
      ).body.id;
      expect((await receive(1)).map(orderIdOf)).toEqual([first]);
      expect(await db.query('SELECT order_id FROM order_outbox WHERE sent_at IS NULL')).toEqual([]);

      // The broker goes away, an order comes in, and the service stops before it is back.
      await proxy.stop();
      const second = (
        await request(app.getHttpServer()).post('/orders').send(anOrderRequest()).expect(200)
      ).body.id;
      await app.close();
      expect(await db.query('SELECT order_id FROM order_outbox WHERE sent_at IS NULL')).toEqual([
        { order_id: second },
      ]);

      await proxy.start();
      app = await startOrders(env);
      try {
        expect((await receive(1)).map(orderIdOf)).toEqual([second]);
        const unsent = await db.query('SELECT order_id FROM order_outbox WHERE sent_at IS NULL');
        expect(unsent).toEqual([]);
      } finally {
        await app.close();
      }
    });
  });
});
