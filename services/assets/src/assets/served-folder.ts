import { mkdtemp, readdir, readFile, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { ConfigError } from '@retail/service-kit';

// Text formats; pictures other than SVG are compressed already.
const COMPRESSIBLE = new Set(['.svg', '.html', '.css', '.js', '.json', '.txt']);
// Below this a compressed body plus its header saves nothing worth the work.
const MIN_COMPRESS_BYTES = 256;
// Encoded once per start, so start-up time weighs more than the last bytes of brotli's top levels.
const BROTLI_QUALITY = 6;
const GZIP_LEVEL = 6;

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * The folder @fastify/static serves, made at start-up in the temporary directory (the only
 * writable place in the image): a link to each regular file directly in ASSETS_DIR (no
 * subfolders, dotfiles or symbolic links, so nothing outside it can be reached), and beside each
 * text file its `.br` and `.gz` encodings for `preCompressed`, dated like the file so every
 * encoding has the file's Last-Modified.
 */
export class ServedFolder {
  private constructor(
    readonly root: string,
    private readonly files: ReadonlySet<string>,
  ) {}

  static async prepare(sourceDir: string): Promise<ServedFolder> {
    const entries = await readdir(sourceDir, { withFileTypes: true });
    const names = entries.filter((e) => e.isFile() && !e.name.startsWith('.')).map((e) => e.name);
    if (names.length === 0)
      throw new ConfigError(`ASSETS_DIR ${sourceDir} holds no files to serve`);
    const root = await mkdtemp(path.join(tmpdir(), 'assets-'));
    try {
      await Promise.all(names.map((name) => link(sourceDir, root, name)));
    } catch (error) {
      await rm(root, { recursive: true, force: true });
      throw error;
    }
    return new ServedFolder(root, new Set(names));
  }

  /** Whether `name` is one of the files found at start-up; nothing else is ever looked up. */
  has(name: string): boolean {
    return this.files.has(name);
  }

  /** Names of the files served, for the start-up log. */
  names(): string[] {
    return [...this.files].sort();
  }

  remove(): Promise<void> {
    return rm(this.root, { recursive: true, force: true });
  }
}

async function link(sourceDir: string, root: string, name: string): Promise<void> {
  const file = path.join(sourceDir, name);
  await symlink(file, path.join(root, name));
  if (!COMPRESSIBLE.has(path.extname(name).toLowerCase())) return;
  const body = await readFile(file);
  if (body.length < MIN_COMPRESS_BYTES) return;
  const { mtime } = await stat(file);
  const [br, gz] = await Promise.all([
    brotli(body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    }),
    gzipAsync(body, { level: GZIP_LEVEL }),
  ]);
  for (const [encoded, extension] of [
    [br, '.br'],
    [gz, '.gz'],
  ] as const) {
    if (encoded.length >= body.length) continue;
    const target = path.join(root, name + extension);
    await writeFile(target, encoded);
    await utimes(target, mtime, mtime);
  }
}
