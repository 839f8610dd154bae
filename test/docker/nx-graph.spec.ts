import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { root } from './support/processes';
import { SERVICES } from './support/tools';

// `nx run-many -t build` caches each service's dist by its inputs, which include the shared
// libraries only through the project graph: without these edges a change to a library would
// restore a stale build from the cache.
describe('the Nx project graph', () => {
  let dependsOn: (project: string) => string[];

  beforeAll(() => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nx-graph-'));
    try {
      const file = path.join(dir, 'graph.json');
      const run = spawnSync(
        process.execPath,
        [require.resolve('nx/bin/nx'), 'graph', `--file=${file}`],
        {
          cwd: root,
          env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
          encoding: 'utf8',
        },
      );
      if (run.status !== 0) throw new Error(`nx graph failed: ${run.stderr}`);
      const { graph } = JSON.parse(readFileSync(file, 'utf8')) as {
        graph: { dependencies: Record<string, { target: string }[]> };
      };
      dependsOn = (project) => graph.dependencies[project].map((d) => d.target);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it.each(SERVICES.map((s) => s.name))('knows %s is built from the service kit', (name) => {
    expect(dependsOn(name)).toContain('service-kit');
  });

  it('knows the ui and checkout are built from the HTTP clients, and those from the contracts', () => {
    expect(dependsOn('ui')).toContain('clients');
    expect(dependsOn('checkout')).toContain('clients');
    expect(dependsOn('clients')).toContain('contracts');
  });
});
