import { aCheckoutRequest } from '../../../test/builders';
import { priceCheckout } from './pricing';

// Spec worked examples with an address and priority-mail-express: S=219 (reference total 229) and
// S=795 (reference total 834, "not 849"). Our total includes shipping.
describe('pricing a checkout with an address and Priority Mail Express', () => {
  const price = (subtotal: number) =>
    priceCheckout(aCheckoutRequest({ subtotal, deliveryOptionToken: 'priority-mail-express' }), {
      shippingNamePrefix: '',
    });

  it('S=219: tax 10, shipping 15, total 244', () => {
    expect(price(219)).toMatchObject({ tax: 10, shipping: 15, total: 244 });
  });

  it('S=795: tax 39, shipping 15, total 849', () => {
    expect(price(795)).toMatchObject({ tax: 39, shipping: 15, total: 849 });
  });
});
