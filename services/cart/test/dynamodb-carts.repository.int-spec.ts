import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { once } from 'node:events';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { CartsUnavailableError } from '../src/carts/carts.errors';
import { describeCartsRepository } from './carts-repository.suite';
import { DynamoDbCartsRepository } from '../src/carts/persistence/dynamodb-carts.repository';
import {
  checkTable,
  createDynamoDbClient,
  CUSTOMER_INDEX,
  ensureTable,
  TableLayoutError,
} from '../src/carts/persistence/dynamodb.table';
import { DynamoDbConfig, loadConfig } from '../src/config/cart.config';
import { freePort } from '@retail/testing';
import { type Dynalite, startDynalite } from '@retail/testing/backends';
import { dynamoEnv, throwawayTable } from './dynalite';

const clientFor = (endpoint: string, table: string): DynamoDBClient =>
  createDynamoDbClient(loadConfig(dynamoEnv(endpoint, table)).persistence as DynamoDbConfig);

const signal = () => AbortSignal.timeout(5000);

describe('DynamoDbCartsRepository (dynalite)', () => {
  let dynamo: Dynalite;
  let client: DynamoDBClient;
  let repository: DynamoDbCartsRepository;
  const table = throwawayTable();

  beforeAll(async () => {
    dynamo = await startDynalite();
    client = clientFor(dynamo.endpoint, table);
    await ensureTable(client, table, signal());
    repository = new DynamoDbCartsRepository(client, table);
  });
  afterAll(async () => {
    await client.send(new DeleteTableCommand({ TableName: table }));
    client.destroy();
    await dynamo.close();
  });

  describeCartsRepository(() => repository);

  describe("the reference's table layout", () => {
    it('stores a line as one row keyed <customerId>:<itemId> with the reference attributes', async () => {
      await repository.add('layout', { itemId: 'p.1', quantity: 2, unitPrice: 150 });
      const { Item } = await client.send(
        new GetItemCommand({ TableName: table, Key: { id: { S: 'layout:p.1' } } }),
      );
      expect(Item).toEqual({
        id: { S: 'layout:p.1' },
        customerId: { S: 'layout' },
        itemId: { S: 'p.1' },
        quantity: { N: '2' },
        unitPrice: { N: '150' },
      });
    });

    it('reads and updates rows the reference wrote', async () => {
      await client.send(
        new PutItemCommand({
          TableName: table,
          Item: {
            id: { S: 'legacy:p1' },
            customerId: { S: 'legacy' },
            itemId: { S: 'p1' },
            quantity: { N: '1' },
            unitPrice: { N: '385' },
          },
        }),
      );
      await expect(repository.items('legacy')).resolves.toEqual([
        { itemId: 'p1', quantity: 1, unitPrice: 385 },
      ]);
      await expect(
        repository.add('legacy', { itemId: 'p1', quantity: 1, unitPrice: 1 }),
      ).resolves.toEqual({ itemId: 'p1', quantity: 2, unitPrice: 385 });
    });
  });

  describe('ensureTable', () => {
    it('creates a missing table with key id and the customer index (projection ALL)', async () => {
      const name = throwawayTable();
      await expect(ensureTable(client, name, signal())).resolves.toBe('created');
      const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
      expect(Table?.TableStatus).toBe('ACTIVE');
      expect(Table?.KeySchema).toEqual([{ AttributeName: 'id', KeyType: 'HASH' }]);
      expect(Table?.GlobalSecondaryIndexes).toEqual([
        expect.objectContaining({
          IndexName: CUSTOMER_INDEX,
          KeySchema: [{ AttributeName: 'customerId', KeyType: 'HASH' }],
          Projection: { ProjectionType: 'ALL' },
        }),
      ]);
      await client.send(new DeleteTableCommand({ TableName: name }));
    });

    it('reuses a table that exists and keeps its data', async () => {
      await repository.add('kept', { itemId: 'p1', quantity: 4, unitPrice: 1 });
      await expect(ensureTable(client, table, signal())).resolves.toBe('exists');
      await expect(repository.items('kept')).resolves.toEqual([
        { itemId: 'p1', quantity: 4, unitPrice: 1 },
      ]);
    });

    it('refuses, and never deletes, a table without the customer index', async () => {
      const name = throwawayTable();
      await client.send(
        new CreateTableCommand({
          TableName: name,
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
      await client.send(new PutItemCommand({ TableName: name, Item: { id: { S: 'x:p1' } } }));
      await expect(ensureTable(client, name, signal())).rejects.toBeInstanceOf(TableLayoutError);
      await expect(checkTable(client, name, signal())).rejects.toThrow(CUSTOMER_INDEX);
      const { Item } = await client.send(
        new GetItemCommand({ TableName: name, Key: { id: { S: 'x:p1' } } }),
      );
      expect(Item).toBeDefined();
      await client.send(new DeleteTableCommand({ TableName: name }));
    });
  });

  describe('checkTable', () => {
    it('passes for a usable table', async () => {
      await expect(checkTable(client, table, signal())).resolves.toBeUndefined();
    });

    it('names a missing table', async () => {
      await expect(checkTable(client, 'no-such-table', signal())).rejects.toThrow(
        'table no-such-table does not exist',
      );
    });
  });

  describe('when DynamoDB does not answer', () => {
    it('fails every operation fast with CartsUnavailableError', async () => {
      const nowhere = clientFor(`http://127.0.0.1:${await freePort()}`, table);
      const offline = new DynamoDbCartsRepository(nowhere, table);
      const started = Date.now();
      const line = { itemId: 'p1', quantity: 1, unitPrice: 1 };
      await expect(offline.items('c')).rejects.toBeInstanceOf(CartsUnavailableError);
      await expect(offline.item('c', 'p1')).rejects.toBeInstanceOf(CartsUnavailableError);
      await expect(offline.add('c', line)).rejects.toBeInstanceOf(CartsUnavailableError);
      await expect(offline.update('c', line)).rejects.toBeInstanceOf(CartsUnavailableError);
      await expect(offline.remove('c', 'p1')).rejects.toBeInstanceOf(CartsUnavailableError);
      await expect(offline.clear('c')).rejects.toBeInstanceOf(CartsUnavailableError);
      expect(Date.now() - started).toBeLessThan(6 * 3500);
      nowhere.destroy();
    });

    it('gives up within its deadline when DynamoDB accepts connections but never answers', async () => {
      const sockets: Socket[] = [];
      const blackHole = createServer((socket) => sockets.push(socket)).listen(0, '127.0.0.1');
      await once(blackHole, 'listening');
      const { port } = blackHole.address() as AddressInfo;
      const silent = clientFor(`http://127.0.0.1:${port}`, table);
      const started = Date.now();
      await expect(new DynamoDbCartsRepository(silent, table).items('c')).rejects.toBeInstanceOf(
        CartsUnavailableError,
      );
      expect(Date.now() - started).toBeLessThan(4000);
      silent.destroy();
      sockets.forEach((s) => s.destroy());
      blackHole.close();
    });

    it('fails fast on a missing table too', async () => {
      const missing = new DynamoDbCartsRepository(client, 'no-such-table');
      await expect(missing.items('c')).rejects.toBeInstanceOf(CartsUnavailableError);
    });
  });
});
