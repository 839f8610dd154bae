import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTestApp } from '@retail/testing';
import { AppModule } from '../src/app.module';
import { loadConfig } from '../src/config/assets.config';

const SECRET = 'TOP-SECRET-CONTENT';

/**
 * Sends `target` byte for byte as the request target (no client normalises `..` or decodes
 * anything on the way) and resolves with the status and the whole response.
 */
function rawGet(port: number, target: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), text });
    });
    // write, not end: Node drops the answers still pending when a client half-closes, and a
    // file's answer is sent after its asynchronous open.
    socket.write(
      `GET ${target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`,
      'latin1',
    );
  });
}

describe('paths that try to leave the picture folder', () => {
  let app: NestFastifyApplication;
  let port: number;
  let root: string;

  beforeAll(async () => {
    // root/secret.txt and root/public/secret.txt sit outside root/public/assets, the served folder.
    root = await mkdtemp(path.join(tmpdir(), 'assets-traversal-'));
    const assets = path.join(root, 'public', 'assets');
    await mkdir(assets, { recursive: true });
    await writeFile(path.join(root, 'secret.txt'), SECRET);
    await writeFile(path.join(root, 'public', 'secret.txt'), SECRET);
    await writeFile(path.join(assets, 'a.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    await writeFile(path.join(assets, '.secret.txt'), SECRET);
    await symlink(path.join(root, 'secret.txt'), path.join(assets, 'link.txt'));
    app = await createTestApp(
      AppModule.forRoot(loadConfig({ LOG_LEVEL: 'silent', ASSETS_DIR: assets }, root)),
    );
    await app.listen(0, '127.0.0.1');
    port = (app.getHttpServer().address() as { port: number }).port;
  });
  afterAll(async () => {
    await app.close();
    await rm(root, { recursive: true, force: true });
  });

  it('serves the file that is in the folder (the setup works)', async () => {
    const res = await rawGet(port, '/assets/a.svg');
    expect(res.status).toBe(200);
  });

  const secretPath = () => path.join(root, 'secret.txt');
  const attacks: [string, () => string][] = [
    ['dot-dot', () => '/assets/..'],
    ['dot-dot to a sibling', () => '/assets/../secret.txt'],
    ['dot-dot twice', () => '/assets/../../secret.txt'],
    ['encoded dots', () => '/assets/%2e%2e/secret.txt'],
    ['encoded dots and slash', () => '/assets/%2e%2e%2fsecret.txt'],
    ['encoded slash', () => '/assets/..%2fsecret.txt'],
    ['upper-case encoding', () => '/assets/..%2F..%2Fsecret.txt'],
    ['encoded backslash', () => '/assets/..%5csecret.txt'],
    ['backslash', () => '/assets/..\\secret.txt'],
    ['double encoding', () => '/assets/%252e%252e%252fsecret.txt'],
    ['double-encoded slash', () => '/assets/..%252f..%252fsecret.txt'],
    ['absolute path, encoded', () => `/assets/${encodeURIComponent(secretPath())}`],
    ['absolute path', () => `/assets/${secretPath()}`],
    ['dot-dot after a real file', () => '/assets/a.svg/../../secret.txt'],
    ['absolute-form target', () => `http://localhost/assets/../secret.txt`],
    ['encoded NUL', () => '/assets/a.svg%00'],
    ['encoded NUL before an extension', () => '/assets/..%2fsecret.txt%00.svg'],
    ['dotfile in the folder', () => '/assets/.secret.txt'],
    ['symbolic link in the folder', () => '/assets/link.txt'],
    ['a name of 5000 characters', () => `/assets/${'../'.repeat(1666)}x`],
  ];

  it.each(attacks)('%s: 404 and nothing from outside', async (_label, target) => {
    const res = await rawGet(port, target());
    expect(res.status).toBe(404);
    expect(res.text).not.toContain(SECRET);
  });

  it('an invalid percent-encoding (overlong UTF-8 dots): 400 before any routing', async () => {
    const res = await rawGet(port, '/assets/%c0%ae%c0%ae%c0%afsecret.txt');
    expect(res.status).toBe(400);
    expect(res.text).not.toContain(SECRET);
  });

  it('a name over 100 characters: 414 from the router, without a lookup', async () => {
    const res = await rawGet(port, `/assets/${'a'.repeat(97)}.svg`);
    expect(res.status).toBe(414);
    expect(res.text).not.toContain(SECRET);
  });

  it('a raw NUL byte in the path: 400 from the HTTP parser', async () => {
    const res = await rawGet(port, '/assets/a.svg\0');
    expect(res.status).toBe(400);
    expect(res.text).not.toContain(SECRET);
  });

  it('a path longer than the header limit: 431 before any routing', async () => {
    const res = await rawGet(port, `/assets/${'%2e%2e%2f'.repeat(3000)}secret.txt`);
    expect(res.status).toBe(431);
    expect(res.text).not.toContain(SECRET);
  });
});
