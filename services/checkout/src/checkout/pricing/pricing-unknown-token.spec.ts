import { aCheckoutRequest } from '../../../test/builders';
import { priceCheckout } from './pricing';

// Spec worked example: S=100, token "nope". Token matching is exact and case-sensitive.
describe('pricing a checkout with an unknown delivery option', () => {
  const price = (deliveryOptionToken: string) =>
    priceCheckout(aCheckoutRequest({ subtotal: 100, shippingAddress: null, deliveryOptionToken }), {
      shippingNamePrefix: '',
    });

  it.each(['nope', 'Priority-Mail', ' priority-mail', 'priority-mail ', ''])(
    'treats %p as no choice: shipping -1, total 100',
    (token) => {
      expect(price(token)).toMatchObject({ shipping: -1, tax: -1, total: 100 });
    },
  );
});
