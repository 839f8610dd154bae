import { aCheckoutRequest } from '../../../test/builders';
import { priceCheckout, randomAlphanumeric } from './pricing';

describe('the rates and ids of a priced checkout', () => {
  it('offers the two rates in order, names prefixed verbatim', () => {
    const checkout = priceCheckout(aCheckoutRequest(), { shippingNamePrefix: 'ACME ' });
    expect(checkout.shippingRates.rates).toEqual([
      { name: 'ACME Priority Mail', amount: 5, token: 'priority-mail', estimatedDays: 10 },
      {
        name: 'ACME Priority Mail Express',
        amount: 15,
        token: 'priority-mail-express',
        estimatedDays: 5,
      },
    ]);
  });

  it('keeps the request as given, in the reference key order', () => {
    const request = { ...aCheckoutRequest(), unknownField: { kept: null } };
    const checkout = priceCheckout(request, { shippingNamePrefix: '' });
    expect(checkout.request).toBe(request);
    expect(Object.keys(checkout)).toEqual([
      'shippingRates',
      'request',
      'paymentId',
      'paymentToken',
      'shipping',
      'tax',
      'total',
    ]);
  });

  it('draws shipmentId (32), paymentId (16) and paymentToken (32) afresh each time', () => {
    const ids = () => {
      const c = priceCheckout(aCheckoutRequest(), { shippingNamePrefix: '' });
      return [c.shippingRates.shipmentId, c.paymentId, c.paymentToken];
    };
    const [first, second] = [ids(), ids()];
    expect(first.map((id) => id.length)).toEqual([32, 16, 32]);
    for (const id of [...first, ...second]) expect(id).toMatch(/^[A-Za-z0-9]+$/);
    first.forEach((id, i) => expect(id).not.toBe(second[i]));
  });

  it('uses every letter and digit, none favoured', () => {
    const counts = new Map<string, number>();
    for (const c of randomAlphanumeric(62_000)) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(62);
    // Each character expects 1000 draws; ±20% is beyond 6 standard deviations.
    for (const n of counts.values()) expect(Math.abs(n - 1000)).toBeLessThan(200);
  });
});
