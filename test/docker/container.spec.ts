import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

const dryRun = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ['tools/container.mjs', '--dry-run', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });

describe('tools/container.mjs', () => {
  it('builds for linux/amd64 from the repository root, tagged retail-store-sample-<name>:latest', () => {
    const run = dryRun(['catalog', 'cart'], { CONTAINER_ENGINE: 'docker', TAG: '' });
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split('\n')).toEqual([
      'docker build --platform linux/amd64 -f services/catalog/Dockerfile -t retail-store-sample-catalog:latest .',
      'docker build --platform linux/amd64 -f services/cart/Dockerfile -t retail-store-sample-cart:latest .',
    ]);
  });

  it('takes a tag, a platform and build arguments, and keeps HEALTHCHECK under podman', () => {
    const run = dryRun(
      ['ui', '--tag', '1.4.0', '--platform', 'linux/arm64', '--', '--pull=never'],
      {
        CONTAINER_ENGINE: 'podman',
      },
    );
    expect(run.stdout.trim()).toBe(
      'podman build --platform linux/arm64 -f services/ui/Dockerfile -t retail-store-sample-ui:1.4.0 --format docker --pull=never .',
    );
  });

  it('refuses an unknown service or a bad tag', () => {
    expect(dryRun(['carts']).status).toBe(2);
    expect(dryRun(['carts']).stderr).toContain('unknown service carts');
    expect(dryRun(['ui', '--tag', 'no spaces']).status).toBe(2);
  });
});
