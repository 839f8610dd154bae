import { PageError } from '../web/page-error';

export class MissingProductIdError extends PageError {
  readonly code = 'UI.PRODUCT_ID_REQUIRED';
  readonly status = 400;
  readonly title = 'No product given';

  constructor() {
    super('The form did not say which product to use (field productId).');
  }
}
