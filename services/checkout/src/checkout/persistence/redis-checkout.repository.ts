import type { Checkout } from '@retail/contracts';
import type { Redis } from 'ioredis';
import { CheckoutStoreUnavailableError } from '../checkout.errors';
import { CheckoutRepository } from './checkout.repository';
import { parseStoredCheckout } from './stored-checkout';

/** DESIGN fix: the reference used the bare customer id as the key. */
export const CHECKOUT_KEY_PREFIX = 'checkout:';

/**
 * Redis storage: key `checkout:<customerId>`, value the Checkout JSON, with an expiry. Writes go
 * to `writer`, reads to `reader` (the same client unless REDIS_READER_URL is set). The clients
 * fail commands at once while disconnected and bound each one with a timeout, so an outage is a
 * quick 503, never a hang.
 */
export class RedisCheckoutRepository extends CheckoutRepository {
  constructor(
    private readonly writer: Redis,
    private readonly reader: Redis,
    private readonly ttlSeconds: number,
    private readonly keyPrefix = CHECKOUT_KEY_PREFIX,
  ) {
    super();
  }

  async find(customerId: string): Promise<Checkout | undefined> {
    const json = await guarded(() => this.reader.get(this.key(customerId)));
    return json === null ? undefined : parseStoredCheckout(customerId, json);
  }

  async save(customerId: string, checkout: Checkout): Promise<void> {
    const key = this.key(customerId);
    const json = JSON.stringify(checkout);
    await guarded(() =>
      this.ttlSeconds > 0
        ? this.writer.set(key, json, 'EX', this.ttlSeconds)
        : this.writer.set(key, json),
    );
  }

  async delete(customerId: string): Promise<void> {
    await guarded(() => this.writer.del(this.key(customerId)));
  }

  private key(customerId: string): string {
    return this.keyPrefix + customerId;
  }
}

async function guarded<T>(command: () => Promise<T>): Promise<T> {
  try {
    return await command();
  } catch (error) {
    throw new CheckoutStoreUnavailableError(error);
  }
}
