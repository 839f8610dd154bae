import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fc from 'fast-check';
import { always, listenOnLoopback, startService, watchWrites } from './support/apps';
import { fuzz, isString, jsonOf, shapeProblem } from './support/fuzz';
import {
  anyMethod,
  junk,
  nastyString,
  percentEncoded,
  queryString,
  segment,
  type FuzzRequest,
} from './support/requests';

// The catalog seed's ids (spec/catalog.md §8).
const PRODUCTS = [
  '510a0d7e-8e83-4193-b483-e27e09ddc34d',
  '6d62d909-f957-430e-8689-b5129c0bb75e',
  '808a2de1-1aaa-4c25-a9b9-6612e8f29a38',
  'a0a4f044-b040-410d-8ead-4de0446aec7e',
];
const ADDRESS = {
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'ada@example.com',
  address1: '1 Main St',
  address2: '',
  city: 'Seattle',
  state: 'WA',
  zip: '98101',
};

// Set on the test itself: a run of every project (the root jest config) keeps only its global
// 30 s, which 10,000 requests through five services exceed on a busy machine.
const FUZZ_TIMEOUT_MS = 240_000;

const asFormValue = (v: unknown): string => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));

describe('ui forms and pages under 10,000 malformed and random requests', () => {
  const backends: NestFastifyApplication[] = [];
  let ui: NestFastifyApplication;
  const writes: Array<{ take: () => string[] }> = [];
  /** Three shoppers' SESSIONID values, issued (signed) by the ui in beforeAll. */
  const visitors: string[] = [];

  beforeAll(async () => {
    const run = async (folder: 'catalog' | 'cart' | 'orders' | 'assets' | 'checkout', env = {}) => {
      const app = await startService(folder, env);
      backends.push(app);
      return { app, url: await listenOnLoopback(app) };
    };
    const orders = await run('orders');
    const cart = await run('cart');
    const checkout = await run('checkout', { ENDPOINTS_ORDERS: orders.url });
    writes.push(
      watchWrites(
        orders.app,
        'orders',
        'orders/persistence/orders.repository',
        'OrdersRepository',
        { create: always },
      ),
      watchWrites(cart.app, 'cart', 'carts/persistence/carts.repository', 'CartsRepository', {
        add: always,
        update: (updated) => updated === true,
        remove: (removed) => removed !== undefined,
        clear: always,
      }),
      watchWrites(
        checkout.app,
        'checkout',
        'checkout/persistence/checkout.repository',
        'CheckoutRepository',
        { save: always, completeSubmit: always },
      ),
    );
    ui = await startService('ui', {
      ENDPOINTS_CATALOG: (await run('catalog')).url,
      ENDPOINTS_ASSETS: (await run('assets')).url,
      ENDPOINTS_CARTS: cart.url,
      ENDPOINTS_CHECKOUT: checkout.url,
      ENDPOINTS_ORDERS: orders.url,
    });
    for (let i = 0; i < 3; i += 1) {
      const res = await ui.inject({ method: 'GET', url: '/home' });
      visitors.push(/^SESSIONID=([^;]+)/.exec(String(res.headers['set-cookie']))?.[1] ?? '');
    }
  });
  afterAll(async () => {
    await ui.close();
    for (const app of backends) await app.close();
  });

  const field = fc.oneof(
    { weight: 3, arbitrary: fc.constant<unknown>(undefined) },
    { weight: 1, arbitrary: junk },
  );
  /** A form: each field as given, dropped or replaced, encoded as browsers do or not at all. */
  const form = (valid: Record<string, string>) =>
    fc
      .tuple(
        fc.tuple(...Object.keys(valid).map((k) => field.map((v) => [k, v] as const))),
        fc.constantFrom(
          'urlencoded',
          'urlencoded',
          'urlencoded',
          'repeated',
          'json',
          'multipart',
          'huge',
          'none',
        ),
      )
      .map(([fields, encoding]): Pick<FuzzRequest, 'headers' | 'payload'> => {
        const values = Object.fromEntries(
          fields.flatMap(([k, v]) =>
            v === undefined ? [[k, valid[k]]] : v === null ? [] : [[k, asFormValue(v)]],
          ),
        );
        const urlencoded = new URLSearchParams(values).toString();
        switch (encoding) {
          case 'urlencoded':
            return {
              payload: urlencoded,
              headers: { 'content-type': 'application/x-www-form-urlencoded' },
            };
          case 'repeated':
            return {
              payload: `${urlencoded}&${urlencoded}`,
              headers: { 'content-type': 'application/x-www-form-urlencoded' },
            };
          case 'json':
            return {
              payload: JSON.stringify(values),
              headers: { 'content-type': 'application/json' },
            };
          case 'multipart':
            return {
              payload: `--x\r\ncontent-disposition: form-data; name="a"\r\n\r\nb\r\n--x--`,
              headers: { 'content-type': 'multipart/form-data; boundary=x' },
            };
          case 'huge':
            return {
              payload: `${urlencoded}&pad=${'x'.repeat(100 * 1024)}`,
              headers: { 'content-type': 'application/x-www-form-urlencoded' },
            };
          case 'none':
            return { payload: undefined, headers: {} };
        }
      });

  const product = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...PRODUCTS) },
    { weight: 1, arbitrary: nastyString },
  );
  const posts = fc.oneof(
    product
      .chain((p) => form({ productId: p }))
      .map((b) => ({ method: 'POST', url: '/cart', ...b })),
    product
      .chain((p) => form({ productId: p }))
      .map((b) => ({ method: 'POST', url: '/cart/remove', ...b })),
    form(ADDRESS).map((b) => ({ method: 'POST', url: '/checkout', ...b })),
    fc
      .constantFrom('priority-mail', 'priority-mail-express')
      .chain((t) => form({ token: t }))
      .map((b) => ({ method: 'POST', url: '/checkout/delivery', ...b })),
    form({ ccName: 'Ada', ccNumber: '4111111111111111', ccExpiration: '12/30', ccCvv: '123' }).map(
      (b) => ({ method: 'POST', url: '/checkout/payment', ...b }),
    ),
    form({}).map((b) => ({ method: 'POST', url: '/checkout/confirm', ...b })),
  );
  const gets = fc.oneof(
    fc
      .constantFrom('/', '/home', '/cart', '/checkout', '/topology')
      .map((url) => ({ method: 'GET', url, headers: {} })),
    queryString(['tag', 'page', 'size']).map((q) => ({
      method: 'GET',
      url: `/catalog${q}`,
      headers: {},
    })),
    fc
      .oneof(fc.constantFrom(...PRODUCTS), segment)
      .map((id) => ({ method: 'GET', url: `/catalog/${id}`, headers: {} })),
    segment.map((name) => ({ method: 'GET', url: `/assets/${name}`, headers: {} })),
    fc
      .array(segment, { minLength: 1, maxLength: 4 })
      .map((s) => ({ method: 'GET', url: `/${s.join('/')}`, headers: {} })),
    fc
      .tuple(anyMethod, fc.constantFrom('/home', '/cart', '/checkout/confirm', '/catalog'))
      .map(([m, url]) => ({ method: m, url, headers: {} })),
  );
  const cookie = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(0, 1, 2).map((i) => `SESSIONID=${visitors[i]}`) },
    {
      weight: 1,
      arbitrary: nastyString.map((s) => `SESSIONID=${percentEncoded(s.slice(0, 300))}`),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom('', 'SESSIONID=', 'SESSIONID', '=;=;', 'SESSIONID=a; SESSIONID=b'),
    },
  );
  const accept = fc.oneof(
    { weight: 6, arbitrary: fc.constant('text/html,application/xhtml+xml') },
    { weight: 1, arbitrary: fc.constantFrom('*/*', 'application/json', '', 'image/webp') },
  );
  // Mostly no Origin (as a script sends); sometimes another site's or `null`: those writes get a
  // 403 page and store nothing.
  const origin = fc.oneof(
    { weight: 12, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constantFrom('https://attacker.example', 'null') },
  );
  const requests = fc
    .tuple(
      fc.oneof({ weight: 3, arbitrary: posts }, { weight: 2, arbitrary: gets }),
      cookie,
      accept,
      origin,
    )
    .map(([r, c, a, o]): FuzzRequest => ({
      ...r,
      headers: { ...r.headers, cookie: c, accept: a, ...(o ? { origin: o } : {}) },
    }));

  it(
    'never answers 5xx; every 4xx is an error page (or JSON for non-HTML clients) and stores nothing',
    async () => {
      const counts = await fuzz({
        app: ui,
        seed: 1006,
        numRuns: 10_000,
        writes: () => writes.flatMap((w) => w.take()),
        requests,
        errorShapeProblem: (answer, request) => {
          if (request.headers.accept.includes('text/html')) {
            return answer.contentType.startsWith('text/html') &&
              answer.body.includes('<title>Retail Store Sample App</title>')
              ? undefined
              : `not an error page: ${answer.contentType} ${answer.body.slice(0, 100)}`;
          }
          if (answer.contentType.startsWith('text/html')) return undefined;
          return shapeProblem(jsonOf(answer), {
            timestamp: isString,
            path: isString,
            status: (v) => v === answer.status,
            error: isString,
            message: isString,
            requestId: (v) => v === undefined || isString(v),
          });
        },
      });
      expect(counts['POST 303']).toBeGreaterThan(500);
      expect(counts['POST 200']).toBeGreaterThan(300);
      expect(counts['POST 400']).toBeGreaterThan(300);
      expect(counts['POST 403']).toBeGreaterThan(100);
    },
    FUZZ_TIMEOUT_MS,
  );
});
