import { DomainError } from '@retail/service-kit';
import { MAX_INT32 } from './cart';

export class ItemNotFoundError extends DomainError<CartErrorCode> {
  readonly code = 'CART.ITEM_NOT_FOUND';
  constructor(customerId: string, itemId: string) {
    super(`item ${itemId} is not in the cart of ${customerId}`);
  }
}

/** Adding would take a line's quantity past what the reference's `int` (and clients) can hold. */
export class QuantityLimitError extends DomainError<CartErrorCode> {
  readonly code = 'CART.QUANTITY_LIMIT';
  constructor(itemId: string) {
    super(`quantity of item ${itemId} would exceed ${MAX_INT32}`);
  }
}

/** The store did not answer (in time); the request is answered 503 and nothing is assumed stored. */
export class CartsUnavailableError extends DomainError<CartErrorCode> {
  readonly code = 'CART.STORAGE_UNAVAILABLE';
  constructor(cause: unknown) {
    super('cart storage (DynamoDB) is unavailable; try again later', { cause });
  }
}

export const CART_ERROR_STATUS = {
  'CART.ITEM_NOT_FOUND': 404,
  'CART.QUANTITY_LIMIT': 400,
  'CART.STORAGE_UNAVAILABLE': 503,
} as const satisfies Record<string, number>;

/** The codes this service's errors may carry: a code missing from CART_ERROR_STATUS does not compile. */
type CartErrorCode = keyof typeof CART_ERROR_STATUS;
