import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fc from 'fast-check';
import { startService } from './support/apps';
import { fuzz, isString, jsonOf, shapeProblem } from './support/fuzz';
import {
  anyMethod,
  extraHeaders,
  queryString,
  segment,
  type FuzzRequest,
} from './support/requests';

describe('catalog under 10,000 malformed and random requests', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await startService('catalog');
  });
  afterAll(() => app.close());

  const requests = fc
    .tuple(
      fc.oneof(
        queryString(['tags', 'order', 'page', 'size']).map((q) => `/catalogue${q}`),
        queryString(['tags']).map((q) => `/catalogue/size${q}`),
        fc.constant('/catalogue/tags'),
        segment.map((id) => `/catalogue/product/${id}`),
        fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => `/${s.join('/')}`),
        segment.map((s) => `/catalogue/${s}`),
      ),
      fc.oneof({ weight: 6, arbitrary: fc.constant('GET') }, { weight: 1, arbitrary: anyMethod }),
      extraHeaders,
    )
    .map(([url, method, headers]): FuzzRequest => ({ method, url, headers }));

  it('never answers 5xx, and every 4xx is {code, message}', async () => {
    const counts = await fuzz({
      app,
      requests,
      seed: 1001,
      numRuns: 10_000,
      errorShapeProblem: (answer) =>
        shapeProblem(jsonOf(answer), {
          code: (v) => v === answer.status,
          message: isString,
        }),
    });
    // The generator reaches both sides: answers and refusals.
    expect(counts['GET 200']).toBeGreaterThan(1000);
    expect(counts['GET 400'] + counts['GET 404']).toBeGreaterThan(1000);
  });
});
