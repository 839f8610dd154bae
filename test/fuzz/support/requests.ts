import fc, { type Arbitrary } from 'fast-check';

/** A request as light-my-request (Fastify's inject) takes it. */
export interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
}

/** Strings that have broken servers before: injections, traversal, encodings, limits. */
const NASTY = [
  "' OR '1'='1",
  "'; DROP TABLE product; --",
  '" OR ""="',
  '1; SELECT pg_sleep(10)',
  '{"$gt":""}',
  '$where',
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '%2e%2e%2f%2e%2e%2f',
  '....//....//',
  '\u0000',
  '%00',
  '\r\nSet-Cookie: evil=1',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '{{7*7}}',
  '${7*7}',
  '__proto__',
  'constructor',
  'prototype',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  '9007199254740993',
  '0x1F',
  ' 1',
  '',
  ' ',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '\uFEFF',
  '\uD800',
  'é',
  'Ω≈ç√∫',
  '🙂👨‍👩‍👧',
  'ＡＢＣ',
  '\u202Eevil',
  'a'.repeat(300),
  'x'.repeat(70_000),
];

/** encodeURIComponent, after a UTF-8 round trip turns lone surrogates (which it rejects) into U+FFFD. */
export const percentEncoded = (s: string): string =>
  encodeURIComponent(Buffer.from(s, 'utf8').toString('utf8'));

export const nastyString: Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
);

/** Any JSON value, biased to the wrong types and edge numbers a handler might trip on. */
export const junk: Arbitrary<unknown> = fc.oneof(
  nastyString,
  fc.constantFrom(null, true, false, 0, -1, 1.5, -0.0001, 2 ** 31, 2 ** 53, -(2 ** 63), 1e308),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }),
  fc.dictionary(nastyString, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
  fc.jsonValue({ maxDepth: 3 }),
);

/**
 * A valid body with each field kept, dropped or replaced by junk, and sometimes extra fields
 * (prototype keys included): close enough to valid to reach the handler's deeper checks.
 */
export function mutated(valid: Record<string, unknown>): Arbitrary<unknown> {
  const fields = Object.entries(valid).map(([key, value]) =>
    fc
      .oneof(
        { weight: 8, arbitrary: fc.constant<['keep']>(['keep']) },
        { weight: 1, arbitrary: fc.constant<['drop']>(['drop']) },
        { weight: 2, arbitrary: junk.map((j) => ['junk', j] as const) },
      )
      .map((choice) => [key, value, choice] as const),
  );
  const changed = fc
    .tuple(
      fc.tuple(...fields),
      fc.dictionary(fc.oneof(nastyString, fc.constantFrom('__proto__', 'constructor')), junk, {
        maxKeys: 2,
      }),
    )
    .map(([choices, extra]) => {
      const body: Record<string, unknown> = {};
      for (const [key, value, choice] of choices) {
        if (choice[0] === 'keep') body[key] = value;
        else if (choice[0] === 'junk') body[key] = choice[1];
      }
      // defineProperty, so `__proto__` becomes an own key that JSON.stringify writes out.
      for (const [key, value] of Object.entries(extra)) {
        Object.defineProperty(body, key, { value, enumerable: true, writable: true });
      }
      return body;
    });
  return fc.oneof({ weight: 1, arbitrary: fc.constant(valid) }, { weight: 3, arbitrary: changed });
}

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'application/json;charset=latin1',
  'APPLICATION/JSON',
  'application/vnd.api+json',
  'text/plain',
  'text/html',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/octet-stream',
  'application/xml',
  'json',
  ';;;',
];

/** A body as bytes on the wire: JSON of `value`, or broken, huge, binary or another encoding. */
export function wireBody(
  value: Arbitrary<unknown>,
): Arbitrary<Pick<FuzzRequest, 'headers' | 'payload'>> {
  const payload: Arbitrary<string | Buffer | undefined> = fc.oneof(
    { weight: 24, arbitrary: value.map((v) => JSON.stringify(v) ?? 'null') },
    { weight: 2, arbitrary: value.map((v) => (JSON.stringify(v) ?? 'null').slice(0, -1)) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('', '{', '{"a":', '[1,2', '{"a":1}}', 'nul', '\u0000'),
    },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b)) },
    {
      weight: 1,
      arbitrary: value.map((v) => Buffer.from(JSON.stringify(v) ?? 'null', 'utf16le')),
    },
    { weight: 1, arbitrary: fc.constant(`{"pad":"${'x'.repeat(2 * 1024 * 1024)}"}`) },
    { weight: 1, arbitrary: fc.constant(`[${'['.repeat(5000)}${']'.repeat(5000)}]`) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
  const contentType = fc.oneof(
    { weight: 16, arbitrary: fc.constant('application/json') },
    { weight: 3, arbitrary: fc.constantFrom(...CONTENT_TYPES) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
  const encoding = fc.oneof(
    { weight: 24, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constantFrom('gzip', 'br', 'identity', 'x-unknown') },
  );
  return fc.tuple(payload, contentType, encoding).map(([body, type, enc]) => {
    const headers: Record<string, string> = {};
    if (type !== undefined) headers['content-type'] = type;
    if (enc !== undefined) headers['content-encoding'] = enc;
    return { headers, payload: body };
  });
}

/** A path segment: a plain id, or a nasty string percent-encoded, raw or half-encoded. */
export const segment: Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.stringMatching(/^[A-Za-z0-9._-]{1,40}$/) },
  { weight: 3, arbitrary: nastyString.map((s) => percentEncoded(s.slice(0, 400))) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '..',
      '.',
      '%2e%2e',
      '..%2f..%2fetc%2fpasswd',
      '%2F',
      '%00',
      '%',
      '%zz',
      '%ff%fe',
      '%c0%ae%c0%ae',
      ';jsessionid=1',
      '~',
      '*',
      'a%0d%0aX-Injected:%201',
    ),
  },
);

/** A query string with the given keys (and some others), values junk or absent, keys repeated. */
export function queryString(keys: string[]): Arbitrary<string> {
  const value = fc.oneof(
    fc.stringMatching(/^-?\d{1,25}$/),
    fc.constantFrom('', '1', '0', '-1', '1.5', '1e3', 'abc', '%', '%zz', 'true', '[]'),
    nastyString.map((s) => percentEncoded(s.slice(0, 200))),
  );
  const pair = fc.tuple(
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...keys) },
      {
        weight: 1,
        arbitrary: fc.constantFrom(...keys.map((k) => `${k}[]`), '__proto__[x]', 'a.b'),
      },
      { weight: 1, arbitrary: nastyString.map((s) => percentEncoded(s.slice(0, 50))) },
    ),
    fc.option(value, { nil: undefined }),
  );
  return fc
    .array(pair, { maxLength: 5 })
    .map((pairs) =>
      pairs.length === 0
        ? ''
        : `?${pairs.map(([k, v]) => (v === undefined ? k : `${k}=${v}`)).join('&')}`,
    );
}

/** Methods a route may get, the odd ones included. */
export const anyMethod: Arbitrary<string> = fc.constantFrom(
  'GET',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'HEAD',
  'OPTIONS',
);

/** Headers a client might add: odd accept, request ids and cookies. */
export const extraHeaders: Arbitrary<Record<string, string>> = fc.record(
  {
    accept: fc.constantFrom('*/*', 'application/json', 'text/html', 'image/*', '', 'x/y;q=abc'),
    'x-request-id': fc.oneof(
      fc.uuid(),
      nastyString.map((s) => percentEncoded(s.slice(0, 300))),
    ),
  },
  { requiredKeys: [] },
);

/** Each request with some of `extraHeaders` added; the request's own headers win. */
export const withExtraHeaders = (
  requests: Arbitrary<Omit<FuzzRequest, 'headers'> & { headers?: Record<string, string> }>,
): Arbitrary<FuzzRequest> =>
  fc.tuple(requests, extraHeaders).map(([r, h]) => ({ ...r, headers: { ...h, ...r.headers } }));
