import { mkdir, mkdtemp, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { ConfigError } from '@retail/service-kit';
import { loadAssets } from './asset-loader';

describe(loadAssets.name, () => {
  let root: string;
  let dir: string;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg">${'<circle r="1"/>'.repeat(40)}</svg>`;

  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'assets-loader-'));
    dir = path.join(root, 'assets');
    await mkdir(dir);
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('loads each file with its content type, a strong ETag and its time to the second', async () => {
    await writeFile(path.join(dir, 'a.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xd9]));
    await writeFile(path.join(dir, 'b.SVG'), svg);
    await writeFile(path.join(dir, 'c.bin'), 'x');
    await utimes(path.join(dir, 'a.jpg'), 1_700_000_000.75, 1_700_000_000.75);

    const assets = await loadAssets(dir);

    expect([...assets.keys()].sort()).toEqual(['a.jpg', 'b.SVG', 'c.bin']);
    const jpg = assets.get('a.jpg');
    expect(jpg).toMatchObject({ contentType: 'image/jpeg', modifiedMs: 1_700_000_000_000 });
    expect(jpg?.identity.body).toEqual(Buffer.from([0xff, 0xd8, 0xff, 0xd9]));
    expect(jpg?.identity.etag).toMatch(/^"[\w-]{22}"$/);
    expect(assets.get('b.SVG')?.contentType).toBe('image/svg+xml');
    expect(assets.get('c.bin')?.contentType).toBe('application/octet-stream');
  });

  it('gives the same bytes the same ETag and different bytes another', async () => {
    await writeFile(path.join(dir, 'a.jpg'), 'same');
    await writeFile(path.join(dir, 'b.jpg'), 'same');
    await writeFile(path.join(dir, 'c.jpg'), 'other');
    const assets = await loadAssets(dir);
    expect(assets.get('a.jpg')?.identity.etag).toBe(assets.get('b.jpg')?.identity.etag);
    expect(assets.get('a.jpg')?.identity.etag).not.toBe(assets.get('c.jpg')?.identity.etag);
  });

  it('compresses text files with br and gzip, each with its own ETag, and never images', async () => {
    await writeFile(path.join(dir, 'pic.svg'), svg);
    await writeFile(path.join(dir, 'pic.jpg'), svg);
    const assets = await loadAssets(dir);

    const pic = assets.get('pic.svg');
    expect(pic?.compressed.map((r) => r.encoding)).toEqual(['br', 'gzip']);
    const [br, gz] = pic?.compressed ?? [];
    expect(brotliDecompressSync(br.body).toString()).toBe(svg);
    expect(gunzipSync(gz.body).toString()).toBe(svg);
    expect(br.etag).toBe(pic?.identity.etag.replace(/"$/, '-br"'));
    expect(gz.etag).toBe(pic?.identity.etag.replace(/"$/, '-gz"'));
    expect(assets.get('pic.jpg')?.compressed).toEqual([]);
  });

  it('does not compress text too small to gain from it', async () => {
    await writeFile(path.join(dir, 'tiny.txt'), 'OK');
    expect((await loadAssets(dir)).get('tiny.txt')?.compressed).toEqual([]);
  });

  it('skips dotfiles, subfolders and symbolic links, so nothing outside the folder is loaded', async () => {
    await writeFile(path.join(dir, 'ok.jpg'), 'x');
    await writeFile(path.join(dir, '.hidden.jpg'), 'x');
    await mkdir(path.join(dir, 'sub'));
    await writeFile(path.join(dir, 'sub', 'inner.jpg'), 'x');
    await writeFile(path.join(root, 'secret.txt'), 'secret');
    await symlink(path.join(root, 'secret.txt'), path.join(dir, 'link.txt'));

    expect([...(await loadAssets(dir)).keys()]).toEqual(['ok.jpg']);
  });

  it('refuses an empty folder and one larger than the limit, naming ASSETS_DIR', async () => {
    await expect(loadAssets(dir)).rejects.toThrow(
      new ConfigError(`ASSETS_DIR ${dir} holds no files to serve`),
    );
    await writeFile(path.join(dir, 'big.jpg'), Buffer.alloc(2048));
    await expect(loadAssets(dir, 1024)).rejects.toBeInstanceOf(ConfigError);
    await expect(loadAssets(dir, 1024)).rejects.toThrow(/^ASSETS_DIR .* holds 2048 bytes/);
  });
});
