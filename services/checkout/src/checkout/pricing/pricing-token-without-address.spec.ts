import { aCheckoutRequest } from '../../../test/builders';
import { priceCheckout } from './pricing';

// Spec worked example: S=100, no address, token priority-mail. The reference totalled 100; our
// total includes shipping.
describe('pricing a checkout with a delivery option but no address', () => {
  const checkout = priceCheckout(
    aCheckoutRequest({
      subtotal: 100,
      shippingAddress: undefined,
      deliveryOptionToken: 'priority-mail',
    }),
    { shippingNamePrefix: '' },
  );

  it('prices shipping even without an address', () => {
    expect(checkout.shipping).toBe(5);
  });

  it('leaves tax unknown (-1) until there is an address', () => {
    expect(checkout.tax).toBe(-1);
  });

  it('totals subtotal + shipping, the unknown tax counting as 0', () => {
    expect(checkout.total).toBe(105);
  });
});
