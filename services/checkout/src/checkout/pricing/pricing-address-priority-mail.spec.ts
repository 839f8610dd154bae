import { aCheckoutRequest } from '../../../test/builders';
import { priceCheckout } from './pricing';

// Spec worked example: S=250, address, token priority-mail (reference total 262).
describe('pricing a checkout with an address and Priority Mail', () => {
  const checkout = priceCheckout(
    aCheckoutRequest({ subtotal: 250, deliveryOptionToken: 'priority-mail' }),
    { shippingNamePrefix: '' },
  );

  it('taxes floor(250 × 0.05) = 12', () => {
    expect(checkout.tax).toBe(12);
  });

  it('charges the Priority Mail rate, 5', () => {
    expect(checkout.shipping).toBe(5);
  });

  it('totals 250 + 12 + 5 = 267', () => {
    expect(checkout.total).toBe(267);
  });
});
