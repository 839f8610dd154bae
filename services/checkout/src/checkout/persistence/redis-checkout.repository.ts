import { randomUUID } from 'node:crypto';
import type { Checkout, CheckoutSubmitted } from '@retail/contracts';
import type { Redis } from 'ioredis';
import { CheckoutStoreUnavailableError } from '../checkout.errors';
import { CheckoutRepository, SubmitClaim } from './checkout.repository';
import { parseStoredCheckout } from './stored-checkout';

/** DESIGN fix: the reference used the bare customer id as the key. */
const CHECKOUT_NAMESPACE = 'checkout';

// The submit state key holds a claim's token (a UUID) or the placing submit's answer (JSON, `{`).
// Each script is one round trip and runs atomically, so two submits never both claim.
const CLAIM = `
local state = redis.call('GET', KEYS[2])
if state and string.sub(state, 1, 1) ~= '{' then return {'busy'} end
local checkout = redis.call('GET', KEYS[1])
if checkout then
  redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2])
  return {'claimed', checkout}
end
if state then return {'submitted', state} end
return {'none'}`;

const COMPLETE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
if ARGV[3] == '0' then redis.call('SET', KEYS[2], ARGV[2])
else redis.call('SET', KEYS[2], ARGV[2], 'EX', ARGV[3]) end
return 1`;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1`;

interface SubmitCommands {
  checkoutClaim(checkout: string, state: string, token: string, leaseMs: number): Promise<string[]>;
  checkoutComplete(
    checkout: string,
    state: string,
    json: string,
    answer: string,
    ttl: number,
  ): Promise<number>;
  checkoutRelease(state: string, token: string): Promise<number>;
}

/**
 * Redis storage: key `checkout:<customerId>`, value the Checkout JSON, with an expiry; a submit's
 * claim or answer under `checkout-submit:<customerId>`. Writes and submits go to `writer`, reads
 * to `reader` (the same client unless REDIS_READER_URL is set). The clients fail commands at once
 * while disconnected and bound each one with a timeout, so an outage is a quick 503, never a hang.
 * Every operation is one command: GET, SET … EX, or one script.
 */
export class RedisCheckoutRepository extends CheckoutRepository {
  private readonly submits: SubmitCommands;

  constructor(
    private readonly writer: Redis,
    private readonly reader: Redis,
    private readonly ttlSeconds: number,
    private readonly namespace = CHECKOUT_NAMESPACE,
  ) {
    super();
    // ioredis's documented way to run a script: EVALSHA, loading it on the first NOSCRIPT.
    writer.defineCommand('checkoutClaim', { numberOfKeys: 2, lua: CLAIM });
    writer.defineCommand('checkoutComplete', { numberOfKeys: 2, lua: COMPLETE });
    writer.defineCommand('checkoutRelease', { numberOfKeys: 1, lua: RELEASE });
    this.submits = writer as unknown as SubmitCommands;
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

  async claimSubmit(customerId: string, leaseMs: number): Promise<SubmitClaim> {
    const token = randomUUID();
    const [kind, value] = await guarded(() =>
      this.submits.checkoutClaim(this.key(customerId), this.submitKey(customerId), token, leaseMs),
    );
    if (kind === 'submitted') return { kind, answer: JSON.parse(value) as CheckoutSubmitted };
    if (kind !== 'claimed') return { kind: kind === 'busy' ? 'busy' : 'none' };
    const checkout = parseStoredCheckout(customerId, value);
    if (checkout) return { kind, checkout, json: value, token };
    // A stored literal null is no checkout.
    await this.releaseSubmit(customerId, token);
    return { kind: 'none' };
  }

  async completeSubmit(
    customerId: string,
    claim: Extract<SubmitClaim, { kind: 'claimed' }>,
    answer: CheckoutSubmitted,
  ): Promise<void> {
    await guarded(() =>
      this.submits.checkoutComplete(
        this.key(customerId),
        this.submitKey(customerId),
        claim.json,
        JSON.stringify(answer),
        this.ttlSeconds,
      ),
    );
  }

  async releaseSubmit(customerId: string, token: string): Promise<void> {
    await guarded(() => this.submits.checkoutRelease(this.submitKey(customerId), token));
  }

  private key(customerId: string): string {
    return `${this.namespace}:${customerId}`;
  }

  private submitKey(customerId: string): string {
    return `${this.namespace}-submit:${customerId}`;
  }
}

async function guarded<T>(command: () => Promise<T>): Promise<T> {
  try {
    return await command();
  } catch (error) {
    throw new CheckoutStoreUnavailableError(error);
  }
}
