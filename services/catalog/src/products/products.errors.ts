import { DomainError } from '@retail/service-kit';

export class ProductNotFoundError extends DomainError {
  readonly code = 'CATALOG.PRODUCT_NOT_FOUND';
  constructor(readonly id: string) {
    super('not found');
  }
}

/** The database did not answer; the reference's 404 for this is one of our deliberate fixes (503). */
export class CatalogUnavailableError extends DomainError {
  readonly code = 'CATALOG.DATABASE_UNAVAILABLE';
  constructor(cause: unknown) {
    super('database connection error', { cause });
  }
}

export const CATALOG_ERROR_STATUS: Record<string, number> = {
  'CATALOG.PRODUCT_NOT_FOUND': 404,
  'CATALOG.DATABASE_UNAVAILABLE': 503,
};
