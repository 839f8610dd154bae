import type { IncomingHttpHeaders } from 'node:http';
import type { Asset, Representation } from './asset';
import { AssetNotFoundError } from './assets.errors';
import { acceptsEncoding, etagMatches, notModifiedSince, parseRange } from './http-headers';

/** A year, never revalidated: a changed picture gets a new ETag and, by convention, a new name. */
export const CACHE_CONTROL = 'public, max-age=31536000, immutable';

type Headers = Readonly<Record<string, string>>;

export interface AssetResponse {
  status: 200 | 206 | 304 | 416;
  headers: Headers;
  body?: Buffer;
}

/** A representation with the header sets of its 200 and 304 answers, built once at start-up. */
interface Variant {
  representation: Representation;
  ok: Headers;
  notModified: Headers;
}

interface PreparedAsset {
  asset: Asset;
  /** The file as it is first, then its compressed encodings, best first. */
  variants: Variant[];
}

/**
 * Answers a GET or HEAD of one file from memory. Everything that does not depend on the request
 * is computed in the constructor, so serving a picture is a map lookup and a few header checks.
 */
export class AssetsService {
  private readonly files: ReadonlyMap<string, PreparedAsset>;

  constructor(assets: ReadonlyMap<string, Asset>) {
    this.files = new Map([...assets].map(([name, asset]) => [name, prepare(asset)]));
  }

  /** Names of the files served, for the start-up log. */
  names(): string[] {
    return [...this.files.keys()].sort();
  }

  respond(name: string, headers: IncomingHttpHeaders): AssetResponse {
    const file = this.files.get(name);
    if (!file) throw new AssetNotFoundError();
    // Ranges are served from the file as it is, never from a compressed encoding.
    const range = headers.range !== undefined && rangeApplies(file, headers['if-range']);
    const variant = range ? file.variants[0] : negotiate(file, headers['accept-encoding']);
    if (isNotModified(file.asset, variant.representation, headers)) {
      return { status: 304, headers: variant.notModified };
    }
    if (range) return partial(variant, headers.range ?? '');
    return { status: 200, headers: variant.ok, body: variant.representation.body };
  }
}

function prepare(asset: Asset): PreparedAsset {
  const compressible = asset.compressed.length > 0;
  const variant = (representation: Representation): Variant => {
    const notModified: Record<string, string> = {
      etag: representation.etag,
      'last-modified': new Date(asset.modifiedMs).toUTCString(),
      'cache-control': CACHE_CONTROL,
    };
    if (compressible) notModified.vary = 'Accept-Encoding';
    const ok: Record<string, string> = {
      ...notModified,
      'content-type': asset.contentType,
      'content-length': String(representation.body.length),
      'accept-ranges': 'bytes',
      'x-content-type-options': 'nosniff',
    };
    if (representation.encoding) ok['content-encoding'] = representation.encoding;
    return { representation, ok, notModified };
  };
  return { asset, variants: [asset.identity, ...asset.compressed].map(variant) };
}

function negotiate(file: PreparedAsset, acceptEncoding: string | undefined): Variant {
  if (acceptEncoding === undefined || file.variants.length === 1) return file.variants[0];
  const encoded = file.variants.find(
    (v) => v.representation.encoding && acceptsEncoding(acceptEncoding, v.representation.encoding),
  );
  return encoded ?? file.variants[0];
}

/** RFC 9110 §13.2.2: If-None-Match decides when present; otherwise If-Modified-Since. */
function isNotModified(asset: Asset, rep: Representation, headers: IncomingHttpHeaders): boolean {
  const ifNoneMatch = headers['if-none-match'];
  if (ifNoneMatch !== undefined) return etagMatches(ifNoneMatch, rep.etag);
  const ifModifiedSince = headers['if-modified-since'];
  return ifModifiedSince !== undefined && notModifiedSince(ifModifiedSince, asset.modifiedMs);
}

/** If-Range (§13.1.5): the range is honoured only while the client's copy is still current. */
function rangeApplies(file: PreparedAsset, ifRange: string | string[] | undefined): boolean {
  if (ifRange === undefined) return true;
  if (typeof ifRange !== 'string') return false;
  const { asset } = file;
  return ifRange.startsWith('"')
    ? ifRange === asset.identity.etag
    : Date.parse(ifRange) === asset.modifiedMs;
}

function partial(identity: Variant, header: string): AssetResponse {
  const { body } = identity.representation;
  const range = parseRange(header, body.length);
  if (range === undefined) return { status: 200, headers: identity.ok, body };
  if (range === 'unsatisfiable') {
    return { status: 416, headers: { 'content-range': `bytes */${body.length}` } };
  }
  const slice = body.subarray(range.start, range.end + 1);
  return {
    status: 206,
    headers: {
      ...identity.ok,
      'content-length': String(slice.length),
      'content-range': `bytes ${range.start}-${range.end}/${body.length}`,
    },
    body: slice,
  };
}
