import { describeCheckoutRepository } from '../../../test/checkout-repository.suite';
import { priceCheckout } from '../pricing/pricing';
import { aCheckoutRequest } from '../../../test/builders';
import { InMemoryCheckoutRepository } from './in-memory-checkout.repository';

const shared = new InMemoryCheckoutRepository(86_400);
describeCheckoutRepository('in memory', () => shared);

describe(InMemoryCheckoutRepository.name, () => {
  const checkout = priceCheckout(aCheckoutRequest(), { shippingNamePrefix: '' });

  it('forgets a checkout once its TTL has passed', async () => {
    let now = 1_000_000;
    const repo = new InMemoryCheckoutRepository(60, () => now);
    await repo.save('c1', checkout);
    now += 59_999;
    await expect(repo.find('c1')).resolves.toEqual(checkout);
    now += 1;
    await expect(repo.find('c1')).resolves.toBeUndefined();
  });

  it('keeps checkouts until deleted with a TTL of 0', async () => {
    let now = 0;
    const repo = new InMemoryCheckoutRepository(0, () => now);
    await repo.save('c1', checkout);
    now += 10 * 365 * 86_400_000;
    await expect(repo.find('c1')).resolves.toEqual(checkout);
  });

  it('drops expired checkouts nobody reads, on a later save', async () => {
    let now = 0;
    const repo = new InMemoryCheckoutRepository(1, () => now);
    for (let i = 0; i < 100; i++) await repo.save(`abandoned-${i}`, checkout);
    now += 120_000;
    await repo.save('fresh', checkout);
    // Private state on purpose: the point is the memory held, which no find() can show.
    expect((repo as unknown as { entries: Map<string, unknown> }).entries.size).toBe(1);
  });
});
