import type { CreateOrderRequest } from '@retail/contracts';

type Item = CreateOrderRequest['items'][number];

/** An item as checkout sends it: the unit cost under `price`. */
export const anItem = (overrides: Partial<Item> = {}): Item => ({
  productId: 'a1258cd2-176c-4507-ade6-746dab5ad625',
  name: 'Pocket Watch',
  quantity: 2,
  price: 385,
  totalCost: 770,
  ...overrides,
});

export const anOrderRequest = (
  overrides: Partial<CreateOrderRequest> = {},
): CreateOrderRequest => ({
  firstName: 'John',
  lastName: 'Doe',
  email: 'john@example.com',
  items: [anItem()],
  ...overrides,
});

export const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
