import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { startApp } from '@retail/testing';

const root = path.resolve(__dirname, '../../..');
const main = path.join(root, 'dist/services/assets/main.js');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

/** The built service as `npm start` and the image run it: `node main.js`, nothing but PORT. */
describe('the assets process', () => {
  beforeAll(() => {
    execFileSync(process.execPath, [path.join(root, 'tools/build.mjs'), 'assets'], {
      cwd: root,
      stdio: 'ignore',
    });
  });

  it('finds the pictures copied beside main.js, serves them, logs JSON to stdout, stops on SIGTERM', async () => {
    const port = await freePort();
    const app = await startApp(main, {}, port, '/health.html');
    try {
      const res = await fetch(`http://127.0.0.1:${port}/assets/chrono_classic.jpg`);
      expect(res.status).toBe(200);
      const served = Buffer.from(await res.arrayBuffer());
      const source = readFileSync(path.join(__dirname, '..', 'public/assets/chrono_classic.jpg'));
      expect(Buffer.compare(served, source)).toBe(0);
    } finally {
      expect(await app.stop('SIGTERM')).toBe(0);
    }
    const lines = app
      .output()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'assets loaded' }));
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'listening', port }));
    expect(lines).toContainEqual(
      expect.objectContaining({ msg: 'request', path: '/assets/chrono_classic.jpg', status: 200 }),
    );
    // Health probes are not access-logged.
    expect(lines.filter((l) => l.path === '/health.html')).toEqual([]);
  });

  it.each([
    [
      'ASSETS_DIR',
      { ASSETS_DIR: '/no/such/folder' },
      /^assets: Invalid configuration: ASSETS_DIR /,
    ],
    ['PORT', { PORT: 'x' }, /^assets: Invalid configuration: PORT /],
  ])('refuses to start on a bad %s with one line naming it', async (_name, env, line) => {
    const child = spawn(process.execPath, [main], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(line)]);
  });
});
