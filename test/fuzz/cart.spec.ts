import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fc from 'fast-check';
import { always, startService, watchWrites } from './support/apps';
import { fuzz, springErrorProblem } from './support/fuzz';
import {
  anyMethod,
  mutated,
  queryString,
  segment,
  wireBody,
  withExtraHeaders,
} from './support/requests';

describe('cart under 10,000 malformed and random requests', () => {
  let app: NestFastifyApplication;
  let writes: { take: () => string[] };

  beforeAll(async () => {
    app = await startService('cart');
    writes = watchWrites(app, 'cart', 'carts/persistence/carts.repository', 'CartsRepository', {
      add: always,
      // An update or removal of a line that is not there stores nothing.
      update: (updated) => updated === true,
      remove: (removed) => removed !== undefined,
      clear: always,
    });
  });
  afterAll(() => app.close());

  // A few customers get most requests, so carts fill up and later requests meet real lines.
  const customer = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom('c-1', 'c-2', 'c-3') },
    { weight: 1, arbitrary: segment },
  );
  const item = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom('p-1', 'p-2', 'p.3') },
    { weight: 1, arbitrary: segment },
  );
  const line = mutated({ itemId: 'p-1', quantity: 2, unitPrice: 150 });
  const body = wireBody(line);
  const requests = fc.oneof(
    fc
      .tuple(customer, fc.constantFrom('GET', 'DELETE'))
      .map(([c, m]) => ({ method: m, url: `/carts/${c}` })),
    fc
      .tuple(customer, queryString(['sessionId']))
      .map(([c, q]) => ({ method: 'GET', url: `/carts/${c}/merge${q}` })),
    customer.map((c) => ({ method: 'GET', url: `/carts/${c}/items` })),
    fc
      .tuple(customer, fc.constantFrom('POST', 'PATCH'), body)
      .map(([c, m, b]) => ({ method: m, url: `/carts/${c}/items`, ...b })),
    fc
      .tuple(customer, item, fc.constantFrom('GET', 'DELETE'))
      .map(([c, i, m]) => ({ method: m, url: `/carts/${c}/items/${i}` })),
    fc
      .tuple(anyMethod, fc.array(segment, { minLength: 1, maxLength: 5 }), body)
      .map(([m, s, b]) => ({ method: m, url: `/carts/${s.join('/')}`, ...b })),
  );

  it('never answers 5xx; every 4xx is Spring-shaped and stores nothing', async () => {
    const counts = await fuzz({
      app,
      seed: 1002,
      numRuns: 10_000,
      writes: writes.take,
      requests: withExtraHeaders(requests),
      errorShapeProblem: springErrorProblem,
    });
    expect(counts['POST 201']).toBeGreaterThan(150);
    expect(counts['POST 400']).toBeGreaterThan(300);
  });
});
