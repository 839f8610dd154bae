import type { Checkout } from '@retail/contracts';
import { CheckoutRepository } from '../src/checkout/persistence/checkout.repository';
import { priceCheckout } from '../src/checkout/pricing/pricing';
import { aCheckoutRequest, aStartedCheckout } from './builders';

const aCheckout = (request = aCheckoutRequest()): Checkout =>
  priceCheckout(request, { shippingNamePrefix: '' });

/**
 * What every CheckoutRepository does, run against each store: in memory (unit) and on the real
 * Redis (int). `repository` is called inside the tests, after the store's own beforeAll.
 */
export function describeCheckoutRepository(store: string, repository: () => CheckoutRepository) {
  describe(`CheckoutRepository (${store})`, () => {
    const repo = () => repository();

    it('finds nothing for an unknown customer', async () => {
      await expect(repo().find('nobody')).resolves.toBeUndefined();
    });

    it('gives back what was saved, unknown fields, nulls and key order included', async () => {
      const request = { ...aStartedCheckout(), extra: { nested: [null, 1] } };
      const checkout = { ...aCheckout(request), addedByHand: true };
      await repo().save('c-roundtrip', checkout);
      const found = await repo().find('c-roundtrip');
      expect(found).toEqual(checkout);
      expect(JSON.stringify(found)).toBe(JSON.stringify(checkout));
    });

    it('replaces the whole checkout on save', async () => {
      await repo().save('c-replace', aCheckout(aCheckoutRequest({ subtotal: 1 })));
      const second = aCheckout(aStartedCheckout({ subtotal: 2 }));
      await repo().save('c-replace', second);
      await expect(repo().find('c-replace')).resolves.toEqual(second);
    });

    it('keeps customers apart, whatever their ids look like', async () => {
      const ids = ['a/b c', 'checkout:x', 'ünï-çødé', '*', 'A', 'a'];
      for (const [i, id] of ids.entries()) {
        await repo().save(id, aCheckout(aCheckoutRequest({ subtotal: i })));
      }
      for (const [i, id] of ids.entries()) {
        expect((await repo().find(id))?.request.subtotal).toBe(i);
      }
    });

    it('deletes, and deleting an unknown customer is no error', async () => {
      await repo().save('c-delete', aCheckout());
      await repo().delete('c-delete');
      await expect(repo().find('c-delete')).resolves.toBeUndefined();
      await expect(repo().delete('c-delete')).resolves.toBeUndefined();
    });

    it('hands out copies: changing a found checkout changes nothing stored', async () => {
      await repo().save('c-copy', aCheckout(aCheckoutRequest({ subtotal: 10 })));
      const found = await repo().find('c-copy');
      found!.request.subtotal = 99;
      expect((await repo().find('c-copy'))?.request.subtotal).toBe(10);
    });
  });
}
