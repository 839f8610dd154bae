import { DomainError } from '@retail/service-kit';

export class ProductNotFoundError extends DomainError<CatalogErrorCode> {
  readonly code = 'CATALOG.PRODUCT_NOT_FOUND';
  constructor(readonly id: string) {
    super('not found');
  }
}

/** The database did not answer; the reference's 404 for this is one of our deliberate fixes (503). */
export class CatalogUnavailableError extends DomainError<CatalogErrorCode> {
  readonly code = 'CATALOG.DATABASE_UNAVAILABLE';
  constructor(cause: unknown) {
    super('database connection error', { cause });
  }
}

export const CATALOG_ERROR_STATUS = {
  'CATALOG.PRODUCT_NOT_FOUND': 404,
  'CATALOG.DATABASE_UNAVAILABLE': 503,
} as const satisfies Record<string, number>;

/** The codes this service's errors may carry: a code missing from CATALOG_ERROR_STATUS does not compile. */
type CatalogErrorCode = keyof typeof CATALOG_ERROR_STATUS;
