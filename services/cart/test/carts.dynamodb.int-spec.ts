import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTestApp, freePort } from '@retail/testing';
import { type Dynalite, startDynalite } from '@retail/testing/backends';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { CUSTOMER_INDEX } from '../src/carts/persistence/dynamodb.table';
import { loadConfig } from '../src/config/cart.config';
import { describeCartsApi, springError } from './carts-api.suite';
import { DUMMY_AWS, dynamoEnv, throwawayTable } from './dynalite';

const appOn = (endpoint: string, table: string, createTable = true) =>
  createTestApp(AppModule.forRoot(loadConfig(dynamoEnv(endpoint, table, createTable))));

/** Polls until `path` answers `status`, for what happens in the background (table creation). */
async function eventually(app: NestFastifyApplication, path: string, status: number) {
  const deadline = Date.now() + 15_000;
  let last = 0;
  while (Date.now() < deadline) {
    last = (await request(app.getHttpServer()).get(path)).status;
    if (last === status) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${path} still answers ${last}, not ${status}`);
}

describe('carts API (DynamoDB on dynalite)', () => {
  let dynamo: Dynalite;
  let app: NestFastifyApplication;
  const table = throwawayTable();

  beforeAll(async () => {
    dynamo = await startDynalite();
    app = await appOn(dynamo.endpoint, table);
  });
  afterAll(async () => {
    await app.close();
    await dynamo.close();
  });

  describeCartsApi(() => app);

  describe('start-up with CARTS_DYNAMODB_CREATETABLE', () => {
    it('created the missing table, with its index, before serving', async () => {
      const client = new DynamoDBClient({
        endpoint: dynamo.endpoint,
        region: DUMMY_AWS.AWS_REGION,
        credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      });
      const { Table } = await client.send(new DescribeTableCommand({ TableName: table }));
      client.destroy();
      expect(Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName)).toEqual([CUSTOMER_INDEX]);
      expect(
        (await request(app.getHttpServer()).get('/actuator/health/readiness').expect(200)).body,
      ).toEqual({
        status: 'UP',
      });
    });

    it('reuses the table on the next start and keeps its carts', async () => {
      await request(app.getHttpServer())
        .post('/carts/kept/items')
        .send({ itemId: 'p1', quantity: 2, unitPrice: 3 })
        .expect(201);
      const restarted = await appOn(dynamo.endpoint, table);
      try {
        const res = await request(restarted.getHttpServer()).get('/carts/kept').expect(200);
        expect(res.body.items).toEqual([{ itemId: 'p1', quantity: 2, unitPrice: 3 }]);
      } finally {
        await restarted.close();
      }
    });
  });

  describe('without CARTS_DYNAMODB_CREATETABLE, on a missing table', () => {
    let missing: NestFastifyApplication;
    beforeAll(async () => {
      missing = await appOn(dynamo.endpoint, throwawayTable(), false);
    });
    afterAll(() => missing.close());

    it('stays live, reports not ready naming the table, and answers requests 503', async () => {
      const http = () => request(missing.getHttpServer());
      expect((await http().get('/actuator/health').expect(200)).body).toEqual({ status: 'UP' });
      const ready = await http().get('/actuator/health/readiness').expect(503);
      expect(ready.body).toEqual({
        status: 'DOWN',
        components: {
          dynamodb: {
            status: 'DOWN',
            details: { error: expect.stringContaining('does not exist') },
          },
        },
      });
      const res = await http().get('/carts/c1').expect(503);
      expect(res.body).toEqual(springError(503, '/carts/c1', expect.stringContaining('DynamoDB')));
    });
  });

  it('shuts down promptly while still retrying to create the table', async () => {
    const offline = await appOn(`http://127.0.0.1:${await freePort()}`, throwawayTable());
    await new Promise((resolve) => setTimeout(resolve, 300)); // into the background retries
    const closing = Date.now();
    await offline.close();
    expect(Date.now() - closing).toBeLessThan(1000);
  });

  describe('when DynamoDB is down, then comes back, then goes away again', () => {
    it('answers 503 fast while staying live, creates the table and serves once it is back', async () => {
      const port = await freePort();
      const outageTable = throwawayTable();
      const started = Date.now();
      const offline = await appOn(`http://127.0.0.1:${port}`, outageTable);
      const http = () => request(offline.getHttpServer());
      let revived: Dynalite | undefined;
      try {
        expect(Date.now() - started).toBeLessThan(5000);
        await http().get('/actuator/health').expect(200);
        await http().get('/actuator/health/liveness').expect(200);
        const ready = await http().get('/actuator/health/readiness').expect(503);
        expect(ready.body.components.dynamodb.status).toBe('DOWN');
        const before = Date.now();
        const res = await http()
          .post('/carts/c1/items')
          .send({ itemId: 'p1', quantity: 1, unitPrice: 1 })
          .expect(503);
        expect(Date.now() - before).toBeLessThan(3500);
        expect(res.body).toEqual(
          springError(503, '/carts/c1/items', expect.stringContaining('DynamoDB')),
        );

        revived = await startDynalite(port);
        await eventually(offline, '/actuator/health/readiness', 200);
        await http()
          .post('/carts/c1/items')
          .send({ itemId: 'p1', quantity: 1, unitPrice: 1 })
          .expect(201);
        expect((await http().get('/carts/c1').expect(200)).body.items).toHaveLength(1);

        await revived.close();
        revived = undefined;
        await http().get('/carts/c1').expect(503);
        await http().get('/actuator/health').expect(200);
      } finally {
        await offline.close();
        await revived?.close();
      }
    });
  });
});
