import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '../..');
const API_DIR = path.join(REPO_ROOT, 'docs/api');

/** tools/openapi-docs.mjs: builds each service, runs it in memory and compares what it serves. */
const openapiDocs = (args: string[]) =>
  spawnSync(process.execPath, [path.join(REPO_ROOT, 'tools/openapi-docs.mjs'), ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: 180_000,
  });

describe('docs/api: the OpenAPI documents the services serve', () => {
  const committed = readdirSync(API_DIR).sort();

  it('has one per service with an API document', () => {
    expect(committed).toEqual([
      'cart.openapi.json',
      'catalog.openapi.json',
      'checkout.openapi.json',
      'orders.openapi.json',
    ]);
  });

  it('are what the services built from this source serve', () => {
    const run = openapiDocs(['--check']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  }, 180_000);

  it('a copy that differs from what its service serves is named as stale', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'openapi-docs-'));
    cpSync(API_DIR, dir, { recursive: true });
    const file = path.join(dir, 'catalog.openapi.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"/catalogue"', '"/catalog"'));
    const run = openapiDocs(['--check', '--out', dir, 'catalog']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('stale: ');
    expect(run.stderr).toContain('catalog.openapi.json');
  }, 180_000);

  it.each(committed)("%s is linked from its service's README", (file) => {
    const service = file.replace('.openapi.json', '');
    const readme = readFileSync(path.join(REPO_ROOT, 'services', service, 'README.md'), 'utf8');
    expect(readme).toContain(`(../../docs/api/${file})`);
  });
});
