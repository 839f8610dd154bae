import type { CheckoutItem, CheckoutRequest, ShippingAddress } from '@retail/contracts';

// Test data with defaults and one override per test: aCheckoutRequest({ subtotal: 0 }).

export const anItem = (overrides: Partial<CheckoutItem> = {}): CheckoutItem => ({
  id: '510a0d7e-8e83-4193-b483-e27e09ddc34d',
  name: 'Gentleman',
  quantity: 1,
  unitCost: 795,
  totalCost: 795,
  imageUrl: '/assets/img/products/gentleman.jpg',
  ...overrides,
});

export const anAddress = (overrides: Partial<ShippingAddress> = {}): ShippingAddress => ({
  firstName: 'Jane',
  lastName: 'Roe',
  address1: '100 Main St',
  address2: 'Apt 4',
  city: 'Anytown',
  state: 'WA',
  zip: '98101',
  ...overrides,
});

/** A complete request, ready to submit: email, one item, an address and a delivery option. */
export const aCheckoutRequest = (overrides: Partial<CheckoutRequest> = {}): CheckoutRequest => ({
  customerEmail: 'jane@example.com',
  items: [anItem()],
  shippingAddress: anAddress(),
  subtotal: 795,
  deliveryOptionToken: 'priority-mail-express',
  ...overrides,
});

/** What the reference UI sends to start a checkout: items and subtotal, the rest explicit nulls. */
export const aStartedCheckout = (overrides: Partial<CheckoutRequest> = {}): CheckoutRequest => ({
  customerEmail: null,
  items: [anItem()],
  shippingAddress: null,
  subtotal: 795,
  deliveryOptionToken: null,
  ...overrides,
});
