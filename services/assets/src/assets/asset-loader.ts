import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { ConfigError } from '@retail/service-kit';
import type { Asset, Representation } from './asset';

/** The reference's mime.types entries (spec/assets.md §4); `js` gets today's standard type. */
const CONTENT_TYPES: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp',
  '.html': 'text/html',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.txt': 'text/plain',
};
const FALLBACK_TYPE = 'application/octet-stream';
const COMPRESSIBLE = /^(text\/|image\/svg\+xml$|application\/json$)/;
// Below this a compressed body plus its header saves nothing worth a Vary.
const MIN_COMPRESS_BYTES = 256;
// Everything is held in memory; a folder far beyond a shop's pictures is a wrong ASSETS_DIR.
const MAX_TOTAL_BYTES = 64 * 1024 * 1024;
// Start-up time matters more than the last bytes: br quality 6 makes the pictures' SVGs about
// 20 % larger than quality 11 (0.4 KB each on average) in a twentieth of the time.
const BROTLI_QUALITY = 6;
const GZIP_LEVEL = 6;

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * Reads every regular file directly in `dir` (no subfolders, no dotfiles, no symbolic links, so
 * nothing outside the folder can be reached) and prepares it for serving: type, ETag, and for text
 * files br and gzip encodings made once here instead of on every request.
 */
export async function loadAssets(
  dir: string,
  maxTotalBytes = MAX_TOTAL_BYTES,
): Promise<Map<string, Asset>> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files = entries.filter((e) => e.isFile() && !e.name.startsWith('.')).map((e) => e.name);
  if (files.length === 0) throw new ConfigError(`ASSETS_DIR ${dir} holds no files to serve`);
  const assets = await Promise.all(files.map((name) => loadAsset(dir, name)));
  const total = assets.reduce((sum, a) => sum + a.identity.body.length, 0);
  if (total > maxTotalBytes) {
    throw new ConfigError(`ASSETS_DIR ${dir} holds ${total} bytes; at most ${maxTotalBytes} fit`);
  }
  return new Map(assets.map((a) => [a.name, a]));
}

async function loadAsset(dir: string, name: string): Promise<Asset> {
  const file = path.join(dir, name);
  const [body, info] = await Promise.all([readFile(file), stat(file)]);
  const contentType = CONTENT_TYPES[path.extname(name).toLowerCase()] ?? FALLBACK_TYPE;
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, 22);
  return {
    name,
    contentType,
    modifiedMs: Math.floor(info.mtimeMs / 1000) * 1000,
    identity: { body, etag: `"${hash}"` },
    compressed: COMPRESSIBLE.test(contentType) ? await compress(body, hash) : [],
  };
}

async function compress(body: Buffer, hash: string): Promise<Representation[]> {
  if (body.length < MIN_COMPRESS_BYTES) return [];
  const [br, gz] = await Promise.all([
    brotli(body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    }),
    gzipAsync(body, { level: GZIP_LEVEL }),
  ]);
  const encodings: Representation[] = [
    { body: br, etag: `"${hash}-br"`, encoding: 'br' },
    { body: gz, etag: `"${hash}-gz"`, encoding: 'gzip' },
  ];
  return encodings.filter((r) => r.body.length < body.length);
}
