import { aCheckoutRequest, anAddress, anItem } from '../../../test/builders';
import { CheckoutIncompleteError } from '../checkout.errors';
import { toOrderSubmission } from './order-submission';

describe(toOrderSubmission.name, () => {
  it('takes the names from the shipping address and items with unitCost and price', () => {
    const order = toOrderSubmission(
      aCheckoutRequest({
        items: [
          anItem(),
          anItem({ id: 'p-2', name: 'Wood Watch', quantity: 2, unitCost: 50, totalCost: 100 }),
        ],
      }),
    );
    expect(order).toEqual({
      firstName: 'Jane',
      lastName: 'Roe',
      email: 'jane@example.com',
      items: [
        {
          productId: '510a0d7e-8e83-4193-b483-e27e09ddc34d',
          name: 'Gentleman',
          quantity: 1,
          unitCost: 795,
          price: 795,
          totalCost: 795,
        },
        {
          productId: 'p-2',
          name: 'Wood Watch',
          quantity: 2,
          unitCost: 50,
          price: 50,
          totalCost: 100,
        },
      ],
    });
  });

  it('leaves email out when the checkout has none, and sends null when it is null', () => {
    const withoutEmail = aCheckoutRequest({ customerEmail: undefined });
    expect(toOrderSubmission(withoutEmail)).not.toHaveProperty('email');
    expect(toOrderSubmission(aCheckoutRequest({ customerEmail: null })).email).toBeNull();
  });

  it('treats a single item object (accepted by validation) as one item', () => {
    const item = anItem({ id: 'solo' });
    const order = toOrderSubmission(aCheckoutRequest({ items: item as unknown as [] }));
    expect(order.items.map((i) => i.productId)).toEqual(['solo']);
  });

  it.each([
    [{ shippingAddress: null }, 'missing shippingAddress'],
    [{ shippingAddress: undefined }, 'missing shippingAddress'],
    [{ items: [] }, 'missing items'],
    [{ items: undefined }, 'missing items'],
    [{ items: [], shippingAddress: null }, 'missing shippingAddress and items'],
    [{ shippingAddress: anAddress({ firstName: ' ' }) }, 'missing shippingAddress.firstName'],
    [{ items: [anItem(), anItem({ name: '' })] }, 'missing items.1.name'],
  ])('refuses %p, naming what is missing', (overrides, message) => {
    const submit = () => toOrderSubmission(aCheckoutRequest(overrides));
    expect(submit).toThrow(CheckoutIncompleteError);
    expect(submit).toThrow(`Checkout cannot be submitted: ${message}`);
  });
});
