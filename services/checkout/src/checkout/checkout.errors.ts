import { DomainError } from '@retail/service-kit';

export class CheckoutNotFoundError extends DomainError<CheckoutErrorCode> {
  readonly code = 'CHECKOUT.NOT_FOUND';
  constructor(readonly customerId: string) {
    super('Checkout not found');
  }
}

/** Submit of a checkout that cannot become an order; the reference placed it anyway. */
export class CheckoutIncompleteError extends DomainError<CheckoutErrorCode> {
  readonly code = 'CHECKOUT.INCOMPLETE';
  constructor(readonly missing: string[]) {
    super(`Checkout cannot be submitted: missing ${missing.join(' and ')}`);
  }
}

/**
 * The orders service did not take the order, or did not answer in time (then it may have); the
 * checkout is kept so the customer can retry, which never places a second order.
 */
export class OrderNotPlacedError extends DomainError<CheckoutErrorCode> {
  readonly code = 'CHECKOUT.ORDER_NOT_PLACED';
}

/** Redis did not answer in time or refused the command. */
export class CheckoutStoreUnavailableError extends DomainError<CheckoutErrorCode> {
  readonly code = 'CHECKOUT.STORE_UNAVAILABLE';
  constructor(cause: unknown) {
    super('Checkout storage is unavailable, try again shortly', { cause });
  }
}

/** A stored value that is not a checkout (written by hand): a server-side fault, as in the spec. */
export class StoredCheckoutInvalidError extends DomainError<CheckoutErrorCode> {
  readonly code = 'CHECKOUT.STORED_VALUE_INVALID';
  constructor(
    readonly customerId: string,
    cause: unknown,
  ) {
    super('Stored checkout is not valid JSON', { cause });
  }
}

export const CHECKOUT_ERROR_STATUS = {
  'CHECKOUT.NOT_FOUND': 404,
  'CHECKOUT.INCOMPLETE': 400,
  'CHECKOUT.ORDER_NOT_PLACED': 502,
  'CHECKOUT.STORE_UNAVAILABLE': 503,
  'CHECKOUT.STORED_VALUE_INVALID': 500,
} as const satisfies Record<string, number>;

/** The codes this service's errors may carry: a code missing from CHECKOUT_ERROR_STATUS does not compile. */
type CheckoutErrorCode = keyof typeof CHECKOUT_ERROR_STATUS;
