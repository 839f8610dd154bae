import { randomFillSync } from 'node:crypto';
import type { Checkout, CheckoutRequest, ShippingOption } from '@retail/contracts';

/** The two rates every checkout offers, in this order; only their names vary (the prefix). */
export const SHIPPING_OPTIONS: readonly ShippingOption[] = [
  { name: 'Priority Mail', amount: 5, token: 'priority-mail', estimatedDays: 10 },
  { name: 'Priority Mail Express', amount: 15, token: 'priority-mail-express', estimatedDays: 5 },
];

const TAX_RATE = 0.05;
/** A part of the price that cannot be computed yet (no address, no delivery option). */
export const NOT_YET_KNOWN = -1;

export interface PricingOptions {
  shippingNamePrefix: string;
  /** A random `[A-Za-z0-9]` string of `length`; replaceable so tests can pin the ids. */
  randomId?: (length: number) => string;
}

/**
 * The checkout for `request` (spec/checkout.md "Pricing and state rules"), with fresh shipment and
 * payment ids. Our fix: the total includes shipping, a part that is not yet known counting as 0.
 */
export function priceCheckout(request: CheckoutRequest, options: PricingOptions): Checkout {
  const randomId = options.randomId ?? randomAlphanumeric;
  const rates = SHIPPING_OPTIONS.map((o) => ({ ...o, name: options.shippingNamePrefix + o.name }));
  const address = request.shippingAddress;
  const tax =
    address !== undefined && address !== null
      ? Math.floor(request.subtotal * TAX_RATE)
      : NOT_YET_KNOWN;
  const shipping =
    rates.find((r) => r.token === request.deliveryOptionToken)?.amount ?? NOT_YET_KNOWN;
  return {
    shippingRates: { shipmentId: randomId(32), rates },
    request,
    paymentId: randomId(16),
    paymentToken: randomId(32),
    shipping,
    tax,
    total: request.subtotal + known(tax) + known(shipping),
  };
}

const known = (part: number): number => (part === NOT_YET_KNOWN ? 0 : part);

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
// Bytes at or above this would favour the first letters; they are skipped.
const UNBIASED_LIMIT = 256 - (256 % ALPHABET.length);
// Random bytes are drawn a pool at a time: one draw per call cost more than the rest of pricing.
const pool = Buffer.alloc(4096);
let next = pool.length;

export function randomAlphanumeric(length: number): string {
  let id = '';
  while (id.length < length) {
    if (next === pool.length) {
      randomFillSync(pool);
      next = 0;
    }
    const byte = pool[next++];
    if (byte < UNBIASED_LIMIT) id += ALPHABET[byte % ALPHABET.length];
  }
  return id;
}
