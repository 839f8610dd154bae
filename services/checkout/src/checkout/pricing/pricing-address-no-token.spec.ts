import { aCheckoutRequest } from '../../../test/builders';
import { priceCheckout } from './pricing';

// Spec worked example: S=19, address, no token.
describe('pricing a checkout with an address but no delivery option', () => {
  const checkout = priceCheckout(
    aCheckoutRequest({ subtotal: 19, deliveryOptionToken: undefined }),
    {
      shippingNamePrefix: '',
    },
  );

  it('rounds the 5% tax down: floor(0.95) is 0, a known tax', () => {
    expect(checkout.tax).toBe(0);
  });

  it('leaves shipping unknown (-1)', () => {
    expect(checkout.shipping).toBe(-1);
  });

  it('totals subtotal + tax', () => {
    expect(checkout.total).toBe(19);
  });
});
