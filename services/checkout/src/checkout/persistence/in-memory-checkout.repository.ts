import { randomUUID } from 'node:crypto';
import type { Checkout, CheckoutSubmitted } from '@retail/contracts';
import { CheckoutRepository, SubmitClaim } from './checkout.repository';
import { parseStoredCheckout } from './stored-checkout';

interface Entry {
  json: string;
  expiresAt: number;
}

/** A submit in progress (`token`), or the answer of the one that placed the checkout. */
type SubmitState = { token: string; expiresAt: number } | { answer: string; expiresAt: number };

const SWEEP_INTERVAL_MS = 60_000;

/**
 * The embedded default: checkouts in this process, lost on restart and not shared between
 * replicas. Stored as JSON strings, so no caller can change a stored checkout through a
 * reference. Entries expire like the Redis keys do, so abandoned checkouts do not pile up. Every
 * method completes synchronously, so a claim is atomic as Redis's is.
 */
export class InMemoryCheckoutRepository extends CheckoutRepository {
  private readonly entries = new Map<string, Entry>();
  private readonly submits = new Map<string, SubmitState>();
  private nextSweepAt = 0;

  /** `ttlSeconds` 0 keeps entries until deleted; `now` is replaceable for tests. */
  constructor(
    private readonly ttlSeconds: number,
    private readonly now: () => number = Date.now,
  ) {
    super();
  }

  find(customerId: string): Promise<Checkout | undefined> {
    const json = this.live(this.entries, customerId)?.json;
    return Promise.resolve(json === undefined ? undefined : parseStoredCheckout(customerId, json));
  }

  save(customerId: string, checkout: Checkout): Promise<void> {
    const now = this.now();
    if (now >= this.nextSweepAt) this.sweep(now);
    this.entries.set(customerId, { json: JSON.stringify(checkout), expiresAt: this.expiry() });
    return Promise.resolve();
  }

  claimSubmit(customerId: string, leaseMs: number): Promise<SubmitClaim> {
    const entry = this.live(this.entries, customerId);
    const state = this.live(this.submits, customerId);
    if (state && 'token' in state) return Promise.resolve({ kind: 'busy' });
    if (!entry) {
      return Promise.resolve(
        state
          ? { kind: 'submitted', answer: JSON.parse(state.answer) as CheckoutSubmitted }
          : { kind: 'none' },
      );
    }
    const checkout = parseStoredCheckout(customerId, entry.json);
    if (!checkout) return Promise.resolve({ kind: 'none' });
    const token = randomUUID();
    this.submits.set(customerId, { token, expiresAt: this.now() + leaseMs });
    return Promise.resolve({ kind: 'claimed', checkout, json: entry.json, token });
  }

  completeSubmit(
    customerId: string,
    claim: Extract<SubmitClaim, { kind: 'claimed' }>,
    answer: CheckoutSubmitted,
  ): Promise<void> {
    if (this.entries.get(customerId)?.json === claim.json) this.entries.delete(customerId);
    this.submits.set(customerId, { answer: JSON.stringify(answer), expiresAt: this.expiry() });
    return Promise.resolve();
  }

  releaseSubmit(customerId: string, token: string): Promise<void> {
    const state = this.submits.get(customerId);
    if (state && 'token' in state && state.token === token) this.submits.delete(customerId);
    return Promise.resolve();
  }

  private expiry(): number {
    return this.ttlSeconds > 0 ? this.now() + this.ttlSeconds * 1000 : Infinity;
  }

  /** The entry unless it has expired (then it is dropped). */
  private live<T extends { expiresAt: number }>(map: Map<string, T>, id: string): T | undefined {
    const value = map.get(id);
    if (value && value.expiresAt <= this.now()) {
      map.delete(id);
      return undefined;
    }
    return value;
  }

  private sweep(now: number): void {
    for (const map of [this.entries, this.submits]) {
      for (const [id, value] of map) if (value.expiresAt <= now) map.delete(id);
    }
    this.nextSweepAt = now + SWEEP_INTERVAL_MS;
  }
}
