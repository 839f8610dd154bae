import { PageError } from '../web/page-error';

export class CheckoutNotStartedError extends PageError {
  readonly code = 'UI.CHECKOUT_NOT_STARTED';
  readonly status = 409;
  readonly title = 'No checkout in progress';

  constructor() {
    super(
      'There is no checkout in progress for your session (it may have been completed already). Start again from your cart.',
    );
  }
}

export class EmptyCartError extends PageError {
  readonly code = 'UI.CART_EMPTY';
  readonly status = 409;
  readonly title = 'Your cart is empty';

  constructor() {
    super('Add something to your cart before checking out.');
  }
}

export class CheckoutIncompleteError extends PageError {
  readonly code = 'UI.CHECKOUT_INCOMPLETE';
  readonly status = 409;
  readonly title = 'Checkout incomplete';

  constructor() {
    super(
      'The checkout service refused the order because the shipping address or the items are missing. Please go through the checkout again.',
    );
  }
}
