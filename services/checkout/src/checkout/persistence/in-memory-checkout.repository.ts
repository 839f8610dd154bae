import type { Checkout } from '@retail/contracts';
import { CheckoutRepository } from './checkout.repository';
import { parseStoredCheckout } from './stored-checkout';

interface Entry {
  json: string;
  expiresAt: number;
}

const SWEEP_INTERVAL_MS = 60_000;

/**
 * The embedded default: checkouts in this process, lost on restart and not shared between
 * replicas. Stored as JSON strings, so no caller can change a stored checkout through a
 * reference. Entries expire like the Redis keys do, so abandoned checkouts do not pile up.
 */
export class InMemoryCheckoutRepository extends CheckoutRepository {
  private readonly entries = new Map<string, Entry>();
  private nextSweepAt = 0;

  /** `ttlSeconds` 0 keeps entries until deleted; `now` is replaceable for tests. */
  constructor(
    private readonly ttlSeconds: number,
    private readonly now: () => number = Date.now,
  ) {
    super();
  }

  find(customerId: string): Promise<Checkout | undefined> {
    const entry = this.entries.get(customerId);
    if (entry && entry.expiresAt <= this.now()) this.entries.delete(customerId);
    else if (entry) return Promise.resolve(parseStoredCheckout(customerId, entry.json));
    return Promise.resolve(undefined);
  }

  save(customerId: string, checkout: Checkout): Promise<void> {
    const now = this.now();
    if (now >= this.nextSweepAt) this.sweep(now);
    const expiresAt = this.ttlSeconds > 0 ? now + this.ttlSeconds * 1000 : Infinity;
    this.entries.set(customerId, { json: JSON.stringify(checkout), expiresAt });
    return Promise.resolve();
  }

  delete(customerId: string): Promise<void> {
    this.entries.delete(customerId);
    return Promise.resolve();
  }

  private sweep(now: number): void {
    for (const [id, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(id);
    this.nextSweepAt = now + SWEEP_INTERVAL_MS;
  }
}
