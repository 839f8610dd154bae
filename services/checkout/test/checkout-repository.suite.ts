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

    describe('submit claims', () => {
      const LEASE_MS = 60_000;
      const claimed = async (id: string) => {
        const claim = await repo().claimSubmit(id, LEASE_MS);
        if (claim.kind !== 'claimed') throw new Error(`expected a claim, got ${claim.kind}`);
        return claim;
      };

      it('finds nothing to claim for an unknown customer', async () => {
        await expect(repo().claimSubmit('c-claim-none', LEASE_MS)).resolves.toEqual({
          kind: 'none',
        });
      });

      it('lets one submit claim a checkout at a time, and another once released', async () => {
        const checkout = aCheckout();
        await repo().save('c-claim', checkout);
        const first = await claimed('c-claim');
        expect(first.checkout).toEqual(checkout);
        expect(JSON.parse(first.json)).toEqual(checkout);
        await expect(repo().claimSubmit('c-claim', LEASE_MS)).resolves.toEqual({ kind: 'busy' });
        await repo().releaseSubmit('c-claim', 'not-the-token');
        await expect(repo().claimSubmit('c-claim', LEASE_MS)).resolves.toEqual({ kind: 'busy' });
        await repo().releaseSubmit('c-claim', first.token);
        expect((await claimed('c-claim')).token).not.toBe(first.token);
      });

      it('grants exactly one of many concurrent claims', async () => {
        await repo().save('c-claim-race', aCheckout());
        const claims = await Promise.all(
          Array.from({ length: 5 }, () => repo().claimSubmit('c-claim-race', LEASE_MS)),
        );
        expect(claims.map((c) => c.kind).sort()).toEqual([
          'busy',
          'busy',
          'busy',
          'busy',
          'claimed',
        ]);
      });

      it('frees a claim whose lease ran out (a submit that died)', async () => {
        await repo().save('c-claim-lease', aCheckout());
        await repo().claimSubmit('c-claim-lease', 50);
        await new Promise((r) => setTimeout(r, 120));
        await claimed('c-claim-lease');
      });

      it('on completion deletes the checkout and answers later claims with the answer', async () => {
        await repo().save('c-complete', aCheckout());
        const claim = await claimed('c-complete');
        await repo().completeSubmit('c-complete', claim, { orderId: 'o-1', customerEmail: null });
        await expect(repo().find('c-complete')).resolves.toBeUndefined();
        await expect(repo().claimSubmit('c-complete', LEASE_MS)).resolves.toEqual({
          kind: 'submitted',
          answer: { orderId: 'o-1', customerEmail: null },
        });
      });

      it('keeps an update saved while the submit was under way, to be submitted on its own', async () => {
        await repo().save('c-complete-updated', aCheckout());
        const claim = await claimed('c-complete-updated');
        const newer = aCheckout(aStartedCheckout({ subtotal: 7 }));
        await repo().save('c-complete-updated', newer);
        await repo().completeSubmit('c-complete-updated', claim, { orderId: 'o-2' });
        await expect(repo().find('c-complete-updated')).resolves.toEqual(newer);
        expect((await claimed('c-complete-updated')).checkout).toEqual(newer);
      });
    });

    it('hands out copies: changing a found checkout changes nothing stored', async () => {
      await repo().save('c-copy', aCheckout(aCheckoutRequest({ subtotal: 10 })));
      const found = await repo().find('c-copy');
      found!.request.subtotal = 99;
      expect((await repo().find('c-copy'))?.request.subtotal).toBe(10);
    });
  });
}
