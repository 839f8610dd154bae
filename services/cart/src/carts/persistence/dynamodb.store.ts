import { setTimeout as sleep } from 'node:timers/promises';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { AppLogger } from '@retail/service-kit';
import type { DynamoDbConfig } from '../../config/cart.config';
import { DynamoDbCartsRepository } from './dynamodb-carts.repository';
import { checkTable, createDynamoDbClient, ensureTable, TableLayoutError } from './dynamodb.table';

const ATTEMPT_TIMEOUT_MS = 10_000;
const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 5000;

// Below the kit's readiness bound, so a slow DynamoDB reads as the reason, not a timeout.
const READINESS_TIMEOUT_MS = 1500;

/**
 * Everything DynamoDB: the client, the repository on it, the table check readiness uses, start-up and
 * shutdown. With CARTS_DYNAMODB_CREATETABLE the table is ensured before the app listens when
 * DynamoDB answers; when it does not, the service starts anyway (requests answer 503, readiness
 * says why) and keeps trying in the background, so it recovers by itself once DynamoDB is up.
 */
export class DynamoDbStore implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly repository: DynamoDbCartsRepository;
  private readonly client: DynamoDBClient;
  private readonly stopping = new AbortController();
  private retries?: Promise<void>;

  constructor(
    private readonly cfg: DynamoDbConfig,
    private readonly logger: AppLogger,
  ) {
    this.client = createDynamoDbClient(cfg);
    this.repository = new DynamoDbCartsRepository(this.client, cfg.tableName);
  }

  /** For readiness: resolves when DynamoDB answers and the table is usable. */
  checkTable(signal: AbortSignal): Promise<void> {
    return checkTable(
      this.client,
      this.cfg.tableName,
      AbortSignal.any([signal, AbortSignal.timeout(READINESS_TIMEOUT_MS)]),
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.cfg.createTable || (await this.tryEnsureTable(1))) return;
    this.retries = this.retryInBackground();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    await this.retries;
    this.client.destroy();
  }

  private async retryInBackground(): Promise<void> {
    const { signal } = this.stopping;
    let delay = FIRST_RETRY_MS;
    for (let attempt = 2; ; attempt++) {
      try {
        await sleep(delay, undefined, { signal });
      } catch {
        return; // shutting down
      }
      if (await this.tryEnsureTable(attempt)) return;
      delay = Math.min(delay * 2, MAX_RETRY_MS);
    }
  }

  /** True when done: the table is there, it can never be fixed by retrying, or we stop. */
  private async tryEnsureTable(attempt: number): Promise<boolean> {
    const table = this.cfg.tableName;
    const signal = AbortSignal.any([AbortSignal.timeout(ATTEMPT_TIMEOUT_MS), this.stopping.signal]);
    try {
      const outcome = await ensureTable(this.client, table, signal);
      this.logger.info(
        { table },
        outcome === 'created' ? 'created DynamoDB table' : 'using existing DynamoDB table',
      );
      return true;
    } catch (error) {
      if (this.stopping.signal.aborted) return true;
      if (error instanceof TableLayoutError) {
        this.logger.error({ table, reason: error.message }, 'DynamoDB table is not usable');
        return true;
      }
      this.logger.warn(
        { table, attempt, reason: String(error) },
        'DynamoDB table not ensured yet; retrying',
      );
      return false;
    }
  }
}
