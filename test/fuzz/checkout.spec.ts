import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fc from 'fast-check';
import { always, startService, watchWrites } from './support/apps';
import { fuzz, isString, jsonOf, shapeProblem } from './support/fuzz';
import { anyMethod, junk, mutated, segment, wireBody, withExtraHeaders } from './support/requests';

describe('checkout under 10,000 malformed and random requests', () => {
  let app: NestFastifyApplication;
  let writes: { take: () => string[] };

  beforeAll(async () => {
    app = await startService('checkout');
    writes = watchWrites(
      app,
      'checkout',
      'checkout/persistence/checkout.repository',
      'CheckoutRepository',
      { save: always, completeSubmit: always },
    );
  });
  afterAll(() => app.close());

  const customer = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom('c-1', 'c-2', 'c-3') },
    { weight: 1, arbitrary: segment },
  );
  const item = mutated({
    id: 'p-1',
    name: 'Gentleman',
    quantity: 1,
    unitCost: 795,
    totalCost: 795,
    imageUrl: '/assets/gentleman.jpg',
  });
  const address = mutated({
    firstName: 'Ada',
    lastName: 'Lovelace',
    address1: '1 Main St',
    address2: '',
    city: 'Seattle',
    state: 'WA',
    zip: '98101',
  });
  const checkoutRequest = fc
    .tuple(
      mutated({
        customerEmail: 'ada@example.com',
        subtotal: 795,
        deliveryOptionToken: 'priority-mail',
        items: [],
        shippingAddress: {},
      }),
      fc.oneof(
        { weight: 4, arbitrary: fc.array(item, { maxLength: 3 }) },
        { weight: 1, arbitrary: junk },
      ),
      fc.oneof({ weight: 4, arbitrary: address }, { weight: 1, arbitrary: junk }),
    )
    .map(([r, items, shippingAddress]) =>
      typeof r === 'object' && r !== null
        ? {
            ...r,
            ...('items' in r ? { items } : {}),
            ...('shippingAddress' in r ? { shippingAddress } : {}),
          }
        : r,
    );
  const requests = fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .tuple(customer, wireBody(checkoutRequest))
        .map(([c, b]) => ({ method: 'POST', url: `/checkout/${c}/update`, ...b })),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(customer, wireBody(junk))
        .map(([c, b]) => ({ method: 'POST', url: `/checkout/${c}/submit`, ...b })),
    },
    {
      weight: 2,
      arbitrary: customer.map((c) => ({ method: 'GET', url: `/checkout/${c}`, headers: {} })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(anyMethod, fc.array(segment, { maxLength: 4 }), wireBody(junk))
        .map(([m, s, b]) => ({ method: m, url: `/checkout/${s.join('/')}`, ...b })),
    },
  );

  it("never answers 5xx; every 4xx is Nest's {statusCode, message, error} and stores nothing", async () => {
    const counts = await fuzz({
      app,
      seed: 1004,
      numRuns: 10_000,
      writes: writes.take,
      requests: withExtraHeaders(requests),
      errorShapeProblem: (answer) =>
        shapeProblem(jsonOf(answer), {
          statusCode: (v) => v === answer.status,
          message: (v) => isString(v) || (Array.isArray(v) && v.every(isString)),
          // spec/checkout.md: the body-size error alone has no `error`.
          error: (v) => (answer.status === 413 ? v === undefined : isString(v)),
        }),
    });
    expect(counts['POST 201']).toBeGreaterThan(150);
    expect(counts['POST 400']).toBeGreaterThan(1000);
  });
});
