import { aCheckoutRequest } from '../../../test/builders';
import { priceCheckout } from './pricing';

// Spec worked example: S=200, no address, no token.
describe('pricing a checkout with neither address nor delivery option', () => {
  const checkout = priceCheckout(
    aCheckoutRequest({ subtotal: 200, shippingAddress: null, deliveryOptionToken: null }),
    { shippingNamePrefix: '' },
  );

  it('leaves tax and shipping unknown (-1)', () => {
    expect(checkout.tax).toBe(-1);
    expect(checkout.shipping).toBe(-1);
  });

  it('totals the subtotal alone', () => {
    expect(checkout.total).toBe(200);
  });
});
