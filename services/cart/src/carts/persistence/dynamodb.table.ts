import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceInUseException,
  ResourceNotFoundException,
  TableDescription,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import type { DynamoDbConfig } from '../../config/cart.config';

// The reference's table layout (spec/cart.md), so tables it created keep working: one row per
// line keyed `<customerId>:<itemId>`, and every cart read goes through this index.
export const CUSTOMER_INDEX = 'idx_global_customerId';

/** The table exists but not in the reference's layout; retrying will not fix it. */
export class TableLayoutError extends Error {
  override readonly name = 'TableLayoutError';
}

/**
 * A client that fails fast: short connect and socket timeouts and few attempts, so an
 * unreachable DynamoDB turns into a 503 within seconds instead of a hung request.
 */
export function createDynamoDbClient(cfg: DynamoDbConfig): DynamoDBClient {
  return new DynamoDBClient({
    region: cfg.region,
    endpoint: cfg.endpoint,
    credentials: cfg.credentials,
    maxAttempts: 3,
    requestHandler: { connectionTimeout: 1000, requestTimeout: 2500, throwOnRequestTimeout: true },
  });
}

/**
 * Creates the table and its index when the table is missing, and only then: unlike the
 * reference, an existing table (and its data) is never deleted. Resolves with what it did.
 */
export async function ensureTable(
  client: DynamoDBClient,
  tableName: string,
  signal: AbortSignal,
): Promise<'created' | 'exists'> {
  const existing = await describe(client, tableName, signal);
  if (existing) {
    assertIndex(existing, tableName);
    return 'exists';
  }
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        AttributeDefinitions: [
          { AttributeName: 'id', AttributeType: 'S' },
          { AttributeName: 'customerId', AttributeType: 'S' },
        ],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        GlobalSecondaryIndexes: [
          {
            IndexName: CUSTOMER_INDEX,
            KeySchema: [{ AttributeName: 'customerId', KeyType: 'HASH' }],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
        // On demand rather than the reference's 1 read / 1 write unit, which throttles on AWS.
        BillingMode: 'PAY_PER_REQUEST',
      }),
      { abortSignal: signal },
    );
  } catch (error) {
    // Another task created it between our describe and create: that table is as good.
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  await waitUntilTableExists(
    { client, minDelay: 1, maxDelay: 5, maxWaitTime: 120, abortSignal: signal },
    { TableName: tableName },
  );
  return 'created';
}

/** What readiness probes: the table answers, is ACTIVE and has the customer index. */
export async function checkTable(
  client: DynamoDBClient,
  tableName: string,
  signal: AbortSignal,
): Promise<void> {
  const table = await describe(client, tableName, signal);
  if (!table) throw new Error(`table ${tableName} does not exist`);
  if (table.TableStatus !== 'ACTIVE') {
    throw new Error(`table ${tableName} is ${table.TableStatus ?? 'in an unknown state'}`);
  }
  assertIndex(table, tableName);
}

async function describe(
  client: DynamoDBClient,
  tableName: string,
  signal: AbortSignal,
): Promise<TableDescription | undefined> {
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }), {
      abortSignal: signal,
    });
    return Table;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

function assertIndex(table: TableDescription, tableName: string): void {
  if (!table.GlobalSecondaryIndexes?.some((i) => i.IndexName === CUSTOMER_INDEX)) {
    throw new TableLayoutError(
      `table ${tableName} has no global secondary index ${CUSTOMER_INDEX}`,
    );
  }
}
