import { DomainError } from '@retail/service-kit';

export class OrderNotFoundError extends DomainError<OrdersErrorCode> {
  readonly code = 'ORDERS.ORDER_NOT_FOUND';
  constructor(readonly id: string) {
    super(`Order ${id} not found`);
  }
}

/** The database failed or did not answer in time. The reference answers 500; 503 says "retry". */
export class OrdersUnavailableError extends DomainError<OrdersErrorCode> {
  readonly code = 'ORDERS.DATABASE_UNAVAILABLE';
  constructor(cause: unknown) {
    super('The orders database is unavailable', { cause });
  }
}

/** An `idempotency-key` header that cannot be stored: empty, too long or with control characters. */
export class InvalidIdempotencyKeyError extends DomainError<OrdersErrorCode> {
  readonly code = 'ORDERS.INVALID_IDEMPOTENCY_KEY';
  constructor() {
    super('idempotency-key must be 1 to 255 characters without control characters');
  }
}

export const ORDERS_ERROR_STATUS = {
  'ORDERS.ORDER_NOT_FOUND': 404,
  'ORDERS.DATABASE_UNAVAILABLE': 503,
  'ORDERS.INVALID_IDEMPOTENCY_KEY': 400,
} as const satisfies Record<string, number>;

/** The codes this service's errors may carry: a code missing from ORDERS_ERROR_STATUS does not compile. */
type OrdersErrorCode = keyof typeof ORDERS_ERROR_STATUS;
