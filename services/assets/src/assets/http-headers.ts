// The few request headers a static file server interprets, as pure functions (RFC 9110).

/** If-None-Match (§13.1.2): weak comparison, so `W/"x"` matches `"x"`; `*` matches any file. */
export function etagMatches(ifNoneMatch: string, etag: string): boolean {
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim();
    return (t.startsWith('W/') ? t.slice(2) : t) === etag;
  });
}

/** If-Modified-Since (§13.1.3): an unparseable date is ignored, as the RFC asks. */
export function notModifiedSince(ifModifiedSince: string, modifiedMs: number): boolean {
  const since = Date.parse(ifModifiedSince);
  return !Number.isNaN(since) && modifiedMs <= since;
}

/**
 * Whether Accept-Encoding (§12.5.3) allows `coding`: listed with q > 0, or covered by `*` with
 * q > 0 and not listed on its own.
 */
export function acceptsEncoding(acceptEncoding: string, coding: string): boolean {
  let wildcard = false;
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.split(';');
    const token = name.trim().toLowerCase();
    const q = params.map((p) => p.trim()).find((p) => p.toLowerCase().startsWith('q='));
    const allowed = q === undefined || Number(q.slice(2)) > 0;
    if (token === coding) return allowed;
    if (token === '*') wildcard = allowed;
  }
  return wildcard;
}

export interface ByteRange {
  start: number;
  /** Inclusive, as in Content-Range. */
  end: number;
}

/**
 * One `bytes=` range (§14.1.2) over a body of `size` bytes: the range, `'unsatisfiable'` (416), or
 * undefined when the header is to be ignored and the whole file sent (bad syntax, other units,
 * several ranges: all allowed by §14.2).
 */
export function parseRange(header: string, size: number): ByteRange | 'unsatisfiable' | undefined {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return undefined;
  const [, first, last] = match;
  if (first === '') {
    if (last === '') return undefined;
    const suffix = Number(last);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (last !== '' && Number(last) < start) return undefined;
  if (start >= size) return 'unsatisfiable';
  return { start, end };
}
