import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { nodeFlagsOf, RUNTIME_ENV, SERVICES, isPresent } from './support/tools';
import { buildError, freeOffset, get, root } from './support/processes';

// What the image's runtime stage holds (/app = the built service + its production packages from
// the cut lockfile), run the way its ENTRYPOINT runs it: `node <its node flags> main.js` in /app, with
// RUNTIME_ENV, NODE_ENV=production, PORT set, uid 1000 (when the tests run as root) in a folder it
// cannot write to.
const present = SERVICES.filter((s) => isPresent(root, s));
const DEV_TOOLS = ['jest', 'typescript', 'esbuild', '@swc/core', 'nx', 'eslint', 'playwright-core'];
const APP_UID = 1000;

function listTree(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

function setWritable(dir: string, writable: boolean): void {
  spawnSync('chmod', ['-R', writable ? 'u+w' : 'a-w', dir]);
}

describe.each(present.map((s) => [s.name, s] as const))('the %s image', (name, service) => {
  let work: string;
  let app: string;

  beforeAll(() => {
    const error = buildError(name);
    if (error) throw new Error(`tools/build.mjs ${name} failed:\n${error}`);
    work = mkdtempSync(path.join(tmpdir(), `retail-image-${name}-`));
    chmodSync(work, 0o755);
    app = path.join(work, 'app');
    cpSync(path.join(root, 'dist/services', name), app, { recursive: true });
  });

  afterAll(() => {
    if (!work) return;
    setWritable(work, true);
    rmSync(work, { recursive: true, force: true });
  });

  it('installs its production packages, and nothing else, from the lockfile cut for it', () => {
    const cut = spawnSync(process.execPath, ['tools/service-lockfile.mjs', name, app], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(cut.stderr).toBe('');
    const install = spawnSync(
      'npm',
      ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline'],
      { cwd: app, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } },
    );
    expect({ status: install.status, stderr: install.status === 0 ? '' : install.stderr }).toEqual({
      status: 0,
      stderr: '',
    });
    const installed = DEV_TOOLS.filter((t) => existsSync(path.join(app, 'node_modules', t)));
    expect(installed).toEqual([]);
  });

  it(`answers ${service.health} with 200 from a read-only folder, and stops cleanly on SIGTERM`, async () => {
    expect(existsSync(path.join(app, 'node_modules'))).toBe(true);
    const before = listTree(app);
    setWritable(app, false);
    const port = service.port + (await freeOffset([service.port]));
    const asRoot = process.getuid?.() === 0;
    const child = spawn(process.execPath, [...nodeFlagsOf(service), 'main.js'], {
      cwd: app,
      env: {
        ...RUNTIME_ENV,
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: '/',
        NODE_ENV: 'production',
        PORT: String(port),
      },
      ...(asRoot ? { uid: APP_UID, gid: APP_UID } : {}),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = once(child, 'exit') as Promise<[number | null, string | null]>;

    let status = 0;
    for (const deadline = Date.now() + 20_000; Date.now() < deadline && child.exitCode === null;) {
      status = await get(port, service.health).then(
        (r) => r.status,
        () => 0,
      );
      if (status === 200) break;
      await sleep(100);
    }
    child.kill('SIGTERM');
    const [code] = await exited;

    expect({ status, output: status === 200 ? '' : output }).toEqual({ status: 200, output: '' });
    expect({ code, output: code === 0 ? '' : output }).toEqual({ code: 0, output: '' });
    expect(listTree(app)).toEqual(before);
  });
});
