import { acceptsEncoding, etagMatches, notModifiedSince, parseRange } from './http-headers';

describe('etagMatches', () => {
  it('matches the same tag, a weak form of it, one of a list, and *', () => {
    expect(etagMatches('"abc"', '"abc"')).toBe(true);
    expect(etagMatches('W/"abc"', '"abc"')).toBe(true);
    expect(etagMatches('"x", W/"abc" ,"y"', '"abc"')).toBe(true);
    expect(etagMatches(' * ', '"abc"')).toBe(true);
  });

  it('does not match another tag, an unquoted tag or an empty header', () => {
    expect(etagMatches('"abd"', '"abc"')).toBe(false);
    expect(etagMatches('abc', '"abc"')).toBe(false);
    expect(etagMatches('', '"abc"')).toBe(false);
    expect(etagMatches('"abc-br"', '"abc"')).toBe(false);
  });
});

describe('notModifiedSince', () => {
  const modified = Date.UTC(2026, 0, 2, 3, 4, 5);

  it('is true from the modification second on', () => {
    expect(notModifiedSince('Fri, 02 Jan 2026 03:04:05 GMT', modified)).toBe(true);
    expect(notModifiedSince('Sat, 03 Jan 2026 00:00:00 GMT', modified)).toBe(true);
  });

  it('is false before it and for a date that does not parse', () => {
    expect(notModifiedSince('Fri, 02 Jan 2026 03:04:04 GMT', modified)).toBe(false);
    expect(notModifiedSince('yesterday', modified)).toBe(false);
  });
});

describe('acceptsEncoding', () => {
  it('accepts a listed coding, in any case, with or without a q above 0', () => {
    expect(acceptsEncoding('gzip, deflate, br', 'br')).toBe(true);
    expect(acceptsEncoding('GZIP', 'gzip')).toBe(true);
    expect(acceptsEncoding('br;q=0.5', 'br')).toBe(true);
  });

  it('refuses a coding with q=0, one not listed, and one excluded despite *', () => {
    expect(acceptsEncoding('br;q=0, gzip', 'br')).toBe(false);
    expect(acceptsEncoding('gzip', 'br')).toBe(false);
    expect(acceptsEncoding('identity', 'gzip')).toBe(false);
    expect(acceptsEncoding('*, br;q=0', 'br')).toBe(false);
  });

  it('lets * stand for any coding not listed', () => {
    expect(acceptsEncoding('*', 'br')).toBe(true);
    expect(acceptsEncoding('*;q=0', 'gzip')).toBe(false);
  });
});

describe('parseRange', () => {
  it('reads a closed, an open and a suffix range', () => {
    expect(parseRange('bytes=0-9', 100)).toEqual({ start: 0, end: 9 });
    expect(parseRange('bytes=90-', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
  });

  it('clamps an end or a suffix beyond the body', () => {
    expect(parseRange('bytes=50-500', 100)).toEqual({ start: 50, end: 99 });
    expect(parseRange('bytes=-500', 100)).toEqual({ start: 0, end: 99 });
  });

  it('calls a start past the end and an empty suffix unsatisfiable', () => {
    expect(parseRange('bytes=100-', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=-0', 100)).toBe('unsatisfiable');
  });

  it('ignores bad syntax, other units and several ranges', () => {
    for (const header of ['bytes=9-1', 'bytes=-', 'bytes=a-b', 'items=0-1', 'bytes=0-1,5-6', '']) {
      expect(parseRange(header, 100)).toBeUndefined();
    }
  });
});
