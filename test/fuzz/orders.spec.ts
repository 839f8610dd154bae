import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fc from 'fast-check';
import { always, startService, watchWrites } from './support/apps';
import { fuzz, springErrorProblem } from './support/fuzz';
import { anyMethod, junk, mutated, segment, wireBody, withExtraHeaders } from './support/requests';

describe('orders under 10,000 malformed and random requests', () => {
  let app: NestFastifyApplication;
  let writes: { take: () => string[] };

  beforeAll(async () => {
    app = await startService('orders');
    writes = watchWrites(
      app,
      'orders',
      'orders/persistence/orders.repository',
      'OrdersRepository',
      { create: always },
    );
  });
  afterAll(() => app.close());

  const item = mutated({
    productId: 'p-1',
    name: 'Gentleman',
    quantity: 2,
    unitCost: 795,
    totalCost: 1590,
    price: 795,
  });
  const order = fc
    .tuple(
      mutated({ firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com', items: [] }),
      fc.oneof(
        { weight: 4, arbitrary: fc.array(item, { maxLength: 3 }) },
        { weight: 1, arbitrary: junk },
      ),
    )
    .map(([o, items]) =>
      typeof o === 'object' && o !== null && 'items' in o ? { ...o, items } : o,
    );
  const requests = fc.oneof(
    {
      weight: 8,
      arbitrary: wireBody(order).map((b) => ({ method: 'POST', url: '/orders', ...b })),
    },
    // Every order is listed on GET /orders, so the list grows with the run: asked rarely.
    { weight: 1, arbitrary: fc.constant({ method: 'GET', url: '/orders', headers: {} }) },
    {
      weight: 4,
      arbitrary: segment.map((id) => ({ method: 'GET', url: `/orders/${id}`, headers: {} })),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(anyMethod, fc.array(segment, { maxLength: 3 }), wireBody(order))
        .map(([m, s, b]) => ({ method: m, url: `/orders/${s.join('/')}`, ...b })),
    },
  );

  it('never answers 5xx; every 4xx is Spring-shaped and stores nothing', async () => {
    const counts = await fuzz({
      app,
      seed: 1003,
      numRuns: 10_000,
      writes: writes.take,
      requests: withExtraHeaders(requests),
      errorShapeProblem: springErrorProblem,
    });
    expect(counts['POST 200']).toBeGreaterThan(150);
    expect(counts['POST 400']).toBeGreaterThan(1000);
    // Exactly the accepted orders were stored.
    const res = await app.getHttpAdapter().getInstance().inject({ method: 'GET', url: '/orders' });
    expect(res.json<unknown[]>()).toHaveLength(counts['POST 200']);
  });
});
