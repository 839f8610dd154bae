import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildService, freePort, runUntilExit, startApp } from '@retail/testing';

/** The built service as `npm start` and the image run it: `node main.js`, nothing but PORT. */
describe('the assets process', () => {
  let main: string;
  beforeAll(() => {
    main = buildService('assets');
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
    const { code, stderr } = await runUntilExit(main, env);
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(line)]);
  });
});
