import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fc from 'fast-check';
import { startService } from './support/apps';
import { fuzz } from './support/fuzz';
import {
  anyMethod,
  queryString,
  segment,
  wireBody,
  junk,
  withExtraHeaders,
} from './support/requests';

const PICTURES = [
  'chrono_classic.jpg',
  'gentleman.jpg',
  'pocket_watch.jpg',
  'smart_1.jpg',
  'smart_2.jpg',
  'wood_watch.jpg',
];

describe('assets under 10,000 malformed and random requests', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await startService('assets');
  });
  afterAll(() => app.close());

  const name = fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...PICTURES) },
    { weight: 1, arbitrary: fc.constantFrom(...PICTURES).map((p) => p.toUpperCase()) },
    { weight: 1, arbitrary: fc.constantFrom(...PICTURES).map((p) => `${p}%00.png`) },
    { weight: 4, arbitrary: segment },
  );
  const requests = fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .tuple(fc.constantFrom('GET', 'HEAD'), name, queryString(['v', 'w']))
        .map(([m, n, q]) => ({ method: m, url: `/assets/${n}${q}`, headers: {} })),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          fc.array(segment, { minLength: 1, maxLength: 6 }),
          fc.constantFrom('/', '/assets/', '/assets/../', '//'),
        )
        .map(([s, prefix]) => ({ method: 'GET', url: `${prefix}${s.join('/')}`, headers: {} })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(anyMethod, name, wireBody(junk))
        .map(([m, n, b]) => ({ method: m, url: `/assets/${n}`, ...b })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          name,
          fc.constantFrom(
            'bytes=0-10',
            'bytes=-5',
            'bytes=999999999-',
            'bytes=5-1',
            'bytes=a-b',
            'bytes=0-1,2-3',
          ),
        )
        .map(([n, range]) => ({ method: 'GET', url: `/assets/${n}`, headers: { range } })),
    },
  );

  it('never answers 5xx, and every 4xx is its short text body', async () => {
    const counts = await fuzz({
      app,
      seed: 1005,
      numRuns: 10_000,
      requests: withExtraHeaders(requests),
      // `404 Not Found`: the status and its reason phrase, as text. A range past the end is
      // HTTP's own shape (RFC 9110 §15.5.17, README): 416, the size in Content-Range, no body.
      errorShapeProblem: (answer) => {
        if (answer.status === 416) {
          return /^bytes \*\/\d+$/.test(String(answer.headers['content-range'])) &&
            answer.body === ''
            ? undefined
            : `416 without Content-Range: bytes */<size>`;
        }
        return answer.contentType.startsWith('text/plain') &&
          new RegExp(`^${answer.status} [A-Z][A-Za-z ]+$`).test(answer.body)
          ? undefined
          : `body ${answer.contentType} ${answer.body.slice(0, 100)}`;
      },
    });
    expect(counts['GET 200']).toBeGreaterThan(500);
    expect(counts['GET 404']).toBeGreaterThan(1000);
  });
});
