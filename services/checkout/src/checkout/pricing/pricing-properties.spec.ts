import fc from 'fast-check';
import { aCheckoutRequest, anAddress } from '../../../test/builders';
import { priceCheckout } from './pricing';

const AMOUNTS = new Map<unknown, number>([
  ['priority-mail', 5],
  ['priority-mail-express', 15],
]);

describe('pricing, for any subtotal, address and token', () => {
  const tokens = fc.constantFrom(
    'priority-mail',
    'priority-mail-express',
    'other',
    null,
    undefined,
  );
  const addresses = fc.constantFrom(anAddress(), null, undefined);

  it('totals subtotal + tax + shipping, a -1 counting as 0, and taxes floor(S / 20)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        addresses,
        tokens,
        (subtotal, shippingAddress, deliveryOptionToken) => {
          const c = priceCheckout(
            aCheckoutRequest({ subtotal, shippingAddress, deliveryOptionToken }),
            { shippingNamePrefix: '' },
          );
          const shipping = AMOUNTS.get(deliveryOptionToken) ?? -1;
          const tax = shippingAddress ? Math.trunc(subtotal / 20) : -1;
          expect(c).toMatchObject({ tax, shipping });
          expect(c.total).toBe(subtotal + Math.max(tax, 0) + Math.max(shipping, 0));
        },
      ),
    );
  });
});
