import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Lockfile, pruneLockfile } from './support/tools';

const entry = (version: string, more: Record<string, unknown> = {}) => ({
  version,
  resolved: `https://registry.example/${version}.tgz`,
  integrity: `sha512-${version}`,
  ...more,
});

// A workspace where `app` needs `a`; `a` needs `b` (hoisted) and its own nested `c@2`; `c@1`
// is hoisted for the dev tool `tool`; `a` has an optional peer `p` and an optional dependency.
const lock: Lockfile = {
  name: 'workspace',
  lockfileVersion: 3,
  packages: {
    '': { dependencies: { a: '1.0.0' }, devDependencies: { tool: '1.0.0' } },
    'node_modules/a': entry('1.0.0', {
      dependencies: { b: '^1', c: '^2' },
      optionalDependencies: { fsevents: '^2' },
      peerDependencies: { p: '*' },
      peerDependenciesMeta: { p: { optional: true } },
    }),
    'node_modules/a/node_modules/c': entry('2.0.0'),
    'node_modules/b': entry('1.1.0', { dev: true, peerDependencies: { q: '*' } }),
    'node_modules/q': entry('3.0.0', { peer: true }),
    'node_modules/c': entry('1.0.0', { dev: true }),
    'node_modules/p': entry('1.0.0', { dev: true }),
    'node_modules/tool': entry('1.0.0', { dev: true, dependencies: { c: '^1' } }),
  },
};

describe(pruneLockfile.name, () => {
  const pruned = pruneLockfile(lock, '@retail/app', { a: '1.0.0' });

  it('keeps the dependencies, nested ones where Node would find them, and required peers', () => {
    expect(Object.keys(pruned.packages).sort()).toEqual([
      '',
      'node_modules/a',
      'node_modules/a/node_modules/c',
      'node_modules/b',
      'node_modules/q',
    ]);
  });

  it('leaves out dev tools, optional peers and optional dependencies that are not installed', () => {
    expect(pruned.packages).not.toHaveProperty(['node_modules/tool']);
    expect(pruned.packages).not.toHaveProperty(['node_modules/c']);
    expect(pruned.packages).not.toHaveProperty(['node_modules/p']);
  });

  it("keeps versions and hashes but drops the workspace's dev and peer flags", () => {
    expect(pruned.packages['node_modules/b']).toEqual({
      version: '1.1.0',
      resolved: 'https://registry.example/1.1.0.tgz',
      integrity: 'sha512-1.1.0',
      peerDependencies: { q: '*' },
    });
    expect(pruned.packages['node_modules/q']).not.toHaveProperty('peer');
  });

  it("names the service's own package.json dependencies at the root", () => {
    expect(pruned).toMatchObject({
      name: '@retail/app',
      lockfileVersion: 3,
      packages: { '': { name: '@retail/app', dependencies: { a: '1.0.0' } } },
    });
  });

  it('refuses a version the lockfile does not have, and a package it lacks', () => {
    expect(() => pruneLockfile(lock, 'x', { a: '2.0.0' })).toThrow(
      'a: package.json asks for 2.0.0, the lockfile has 1.0.0',
    );
    expect(() => pruneLockfile(lock, 'x', { zzz: '1.0.0' })).toThrow(
      "zzz is not in the workspace's lockfile",
    );
  });

  it("cuts the workspace's real lockfile for the catalog's runtime packages without dev tools", () => {
    const workspace = JSON.parse(
      readFileSync(path.resolve(__dirname, '../../package-lock.json'), 'utf8'),
    ) as Lockfile;
    const real = pruneLockfile(workspace, '@retail/catalog', {
      '@nestjs/core': '11.2.10',
      typeorm: '0.3.31',
      mysql2: '3.24.6',
    });
    const names = Object.keys(real.packages);
    expect(names).toEqual(expect.arrayContaining(['node_modules/typeorm', 'node_modules/mysql2']));
    for (const tool of ['jest', 'typescript', 'esbuild', 'nx', '@swc/core', 'pg', 'ioredis']) {
      expect(names).not.toContain(`node_modules/${tool}`);
    }
  });
});
