import type { Checkout } from '@retail/contracts';
import { StoredCheckoutInvalidError } from '../checkout.errors';

/**
 * Reads a stored Checkout JSON with its keys as stored (extra keys written by hand survive). A
 * stored literal `null` counts as no checkout, as in the reference.
 */
export function parseStoredCheckout(customerId: string, json: string): Checkout | undefined {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new StoredCheckoutInvalidError(customerId, error);
  }
  if (value === null) return undefined;
  if (!isObject(value) || !isObject(value.request)) {
    throw new StoredCheckoutInvalidError(customerId, new Error('not a checkout object'));
  }
  return value as unknown as Checkout;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
