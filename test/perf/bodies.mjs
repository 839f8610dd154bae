// Request bodies the write-path benchmarks send (checkout.bench, orders.bench, cart.bench and
// profile.mjs): one copy, so every figure in RESULTS.md is for the same body.

/** `POST /checkout/{id}/update` as the reference UI's address step sends it. */
export const CHECKOUT_UPDATE = {
  customerEmail: 'jane@example.com',
  items: [
    {
      id: '510a0d7e-8e83-4193-b483-e27e09ddc34d',
      name: 'Gentleman',
      quantity: 1,
      unitCost: 795,
      totalCost: 795,
      imageUrl: '/assets/img/products/gentleman.jpg',
    },
    {
      id: '808a2de1-1aaa-4c25-a9b9-6612e8f29a38',
      name: 'Chronograf Classic',
      quantity: 2,
      unitCost: 5100,
      totalCost: 10200,
      imageUrl: '/assets/img/products/chrono_classic.jpg',
    },
  ],
  shippingAddress: {
    firstName: 'Jane',
    lastName: 'Roe',
    address1: '100 Main St',
    address2: null,
    city: 'Anytown',
    state: 'WA',
    zip: '98101',
  },
  subtotal: 10995,
  deliveryOptionToken: null,
};

/** `POST /orders`: a two-line order as checkout sends it. */
export const ORDER = {
  firstName: 'John',
  lastName: 'Doe',
  email: 'john@example.com',
  items: [
    {
      productId: '510a0d7e-8e83-4193-b483-e27e09ddc34d',
      name: 'Gentleman',
      quantity: 1,
      price: 795,
      totalCost: 795,
    },
    {
      productId: '6d62d909-f957-430e-8689-b5129c0bb75e',
      name: 'Pocket Watch',
      quantity: 2,
      price: 385,
      totalCost: 770,
    },
  ],
};

/** `POST /carts/{id}/items`. */
export const CART_ITEM = { itemId: 'a1a2a3', quantity: 1, unitPrice: 150 };
