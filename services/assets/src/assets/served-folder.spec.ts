import {
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  stat,
  symlink,
  utimes,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { ConfigError } from '@retail/service-kit';
import { ServedFolder } from './served-folder';

describe(ServedFolder.name, () => {
  let root: string;
  let dir: string;
  let folder: ServedFolder | undefined;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg">${'<circle r="1"/>'.repeat(40)}</svg>`;

  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'assets-folder-'));
    dir = path.join(root, 'assets');
    await mkdir(dir);
    folder = undefined;
  });
  afterEach(async () => {
    await folder?.remove();
    await rm(root, { recursive: true, force: true });
  });

  it('links the regular files only: no dotfiles, subfolders or symbolic links', async () => {
    await writeFile(path.join(dir, 'ok.jpg'), 'x');
    await writeFile(path.join(dir, '.hidden.jpg'), 'x');
    await mkdir(path.join(dir, 'sub'));
    await writeFile(path.join(dir, 'sub', 'inner.jpg'), 'x');
    await writeFile(path.join(root, 'secret.txt'), 'secret');
    await symlink(path.join(root, 'secret.txt'), path.join(dir, 'link.txt'));

    folder = await ServedFolder.prepare(dir);

    expect(folder.names()).toEqual(['ok.jpg']);
    expect(folder.has('ok.jpg')).toBe(true);
    for (const name of ['.hidden.jpg', 'sub', 'sub/inner.jpg', 'link.txt', '../secret.txt']) {
      expect(folder.has(name)).toBe(false);
    }
    expect(await readdir(folder.root)).toEqual(['ok.jpg']);
    expect(await readFile(path.join(folder.root, 'ok.jpg'), 'utf8')).toBe('x');
  });

  it('puts br and gzip encodings of a text file beside it, dated like the file', async () => {
    await writeFile(path.join(dir, 'pic.SVG'), svg);
    await utimes(path.join(dir, 'pic.SVG'), 1_700_000_000, 1_700_000_000);

    folder = await ServedFolder.prepare(dir);

    expect((await readdir(folder.root)).sort()).toEqual(['pic.SVG', 'pic.SVG.br', 'pic.SVG.gz']);
    const br = path.join(folder.root, 'pic.SVG.br');
    const gz = path.join(folder.root, 'pic.SVG.gz');
    expect(brotliDecompressSync(await readFile(br)).toString()).toBe(svg);
    expect(gunzipSync(await readFile(gz)).toString()).toBe(svg);
    for (const file of [br, gz]) {
      expect((await stat(file)).mtimeMs).toBe(1_700_000_000_000);
    }
  });

  it('compresses neither pictures nor text too small to gain from it', async () => {
    await writeFile(path.join(dir, 'pic.jpg'), svg);
    await writeFile(path.join(dir, 'tiny.txt'), 'OK');
    folder = await ServedFolder.prepare(dir);
    expect((await readdir(folder.root)).sort()).toEqual(['pic.jpg', 'tiny.txt']);
  });

  it('refuses a folder with nothing to serve, naming ASSETS_DIR', async () => {
    await expect(ServedFolder.prepare(dir)).rejects.toThrow(
      new ConfigError(`ASSETS_DIR ${dir} holds no files to serve`),
    );
  });

  it('removes what it made, and never the files it serves', async () => {
    await writeFile(path.join(dir, 'pic.svg'), svg);
    folder = await ServedFolder.prepare(dir);
    await folder.remove();
    await expect(lstat(folder.root)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await readFile(path.join(dir, 'pic.svg'), 'utf8')).toBe(svg);
  });
});
