import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  BatchWriteCommandInput,
  BatchWriteCommandOutput,
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { DomainError } from '@retail/service-kit';
import { CartItem, MAX_INT32 } from '../cart';
import { CartsUnavailableError, QuantityLimitError } from '../carts.errors';
import { byItemId, CartsRepository } from './carts.repository';
import { CUSTOMER_INDEX } from './dynamodb.table';

// One deadline per repository call, retries and pages included (DESIGN: no hangs).
const OPERATION_TIMEOUT_MS = 3000;
// DynamoDB's BatchWriteItem limit.
const BATCH_SIZE = 25;
const UNPROCESSED_RETRIES = 5;

type Row = Record<string, unknown>;

/**
 * Cart lines in the reference's DynamoDB table: key `id` = `<customerId>:<itemId>` (customer ids
 * never contain `:`, so keys cannot collide), attributes `customerId, itemId, quantity,
 * unitPrice`, cart reads through the `idx_global_customerId` index. Reads of a whole cart go
 * through that index and are therefore eventually consistent, as in the reference.
 */
export class DynamoDbCartsRepository extends CartsRepository {
  private readonly db: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
  ) {
    super();
    this.db = DynamoDBDocumentClient.from(client);
  }

  items(customerId: string): Promise<CartItem[]> {
    return guarded(async (signal) =>
      (await this.rowsOf(customerId, signal)).map(toItem).sort(byItemId),
    );
  }

  item(customerId: string, itemId: string): Promise<CartItem | undefined> {
    return guarded(async (abortSignal) => {
      const { Item } = await this.db.send(
        new GetCommand({
          TableName: this.tableName,
          Key: { id: key(customerId, itemId) },
          ConsistentRead: true,
        }),
        { abortSignal },
      );
      return Item && toItem(Item);
    });
  }

  add(customerId: string, item: CartItem): Promise<CartItem> {
    return guarded(async (abortSignal) => {
      try {
        // One atomic update: ADD never loses a concurrent unit, and the first add keeps the
        // requested quantity (the reference forced 1). An existing line keeps its price.
        const { Attributes } = await this.db.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: { id: key(customerId, item.itemId) },
            UpdateExpression:
              'SET customerId = :c, itemId = :i, unitPrice = if_not_exists(unitPrice, :p) ADD quantity :q',
            ConditionExpression: 'attribute_not_exists(quantity) OR quantity <= :limit',
            ExpressionAttributeValues: {
              ':c': customerId,
              ':i': item.itemId,
              ':p': item.unitPrice,
              ':q': item.quantity,
              ':limit': MAX_INT32 - item.quantity,
            },
            ReturnValues: 'ALL_NEW',
          }),
          { abortSignal },
        );
        return toItem(Attributes ?? {});
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) {
          throw new QuantityLimitError(item.itemId);
        }
        throw error;
      }
    });
  }

  update(customerId: string, item: CartItem): Promise<boolean> {
    return guarded(async (abortSignal) => {
      try {
        await this.db.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: { id: key(customerId, item.itemId) },
            UpdateExpression: 'SET quantity = :q, unitPrice = :p',
            ConditionExpression: 'attribute_exists(id)',
            ExpressionAttributeValues: { ':q': item.quantity, ':p': item.unitPrice },
          }),
          { abortSignal },
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    });
  }

  remove(customerId: string, itemId: string): Promise<CartItem | undefined> {
    return guarded(async (abortSignal) => {
      const { Attributes } = await this.db.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { id: key(customerId, itemId) },
          ReturnValues: 'ALL_OLD',
        }),
        { abortSignal },
      );
      return Attributes && toItem(Attributes);
    });
  }

  clear(customerId: string): Promise<void> {
    return guarded(async (abortSignal) => {
      const ids = (await this.rowsOf(customerId, abortSignal, 'id')).map((row) => row.id);
      for (let i = 0; i < ids.length; i += BATCH_SIZE) {
        let requests: BatchWriteCommandInput['RequestItems'] = {
          [this.tableName]: ids
            .slice(i, i + BATCH_SIZE)
            .map((id) => ({ DeleteRequest: { Key: { id } } })),
        };
        for (let attempt = 0; requests && Object.keys(requests).length > 0; attempt++) {
          if (attempt > UNPROCESSED_RETRIES) {
            throw new Error(`DynamoDB left deletes of cart ${customerId} unprocessed`);
          }
          if (attempt > 0) await pause(50 * 2 ** attempt);
          const result: BatchWriteCommandOutput = await this.db.send(
            new BatchWriteCommand({ RequestItems: requests }),
            { abortSignal },
          );
          requests = result.UnprocessedItems;
        }
      }
    });
  }

  private async rowsOf(customerId: string, abortSignal: AbortSignal, projection?: string) {
    const rows: Row[] = [];
    let start: Row | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: CUSTOMER_INDEX,
          KeyConditionExpression: 'customerId = :c',
          ExpressionAttributeValues: { ':c': customerId },
          ProjectionExpression: projection,
          ExclusiveStartKey: start,
        }),
        { abortSignal },
      );
      rows.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    return rows;
  }
}

const key = (customerId: string, itemId: string): string => `${customerId}:${itemId}`;

// Rows the reference wrote always carry both numbers (Java ints); be lenient with others.
const toItem = (row: Row): CartItem => ({
  itemId: String(row.itemId),
  quantity: Number(row.quantity ?? 0),
  unitPrice: Number(row.unitPrice ?? 0),
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Domain errors pass; any other failure, or no answer in time, is CartsUnavailableError (503). */
async function guarded<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  try {
    return await work(AbortSignal.timeout(OPERATION_TIMEOUT_MS));
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new CartsUnavailableError(error);
  }
}
