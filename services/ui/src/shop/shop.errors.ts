import { PageError } from '../web/page-error';

export class ProductNotFoundError extends PageError {
  readonly code = 'UI.PRODUCT_NOT_FOUND';
  readonly status = 404;
  readonly title = 'Product not found';

  constructor(id: string) {
    super(`We couldn't find a product with id "${id}". It may have been removed from the catalog.`);
  }
}
