import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildError, root } from './support/processes';
import { SERVICES } from './support/tools';

// tools/build.mjs writes a service's OpenAPI document at build time and gives main.js no-op
// @nestjs/swagger decorators, so images neither load nor ship the package. (Each service's own
// tests check that the built service serves the document its source builds.)
const WITH_DOCUMENT = ['cart', 'catalog', 'checkout', 'orders'];
const dist = (name: string, file: string) => path.join(root, 'dist/services', name, file);

describe.each(SERVICES.map((s) => s.name))('the built %s', (name) => {
  it('neither bundles nor installs @nestjs/swagger', () => {
    expect(buildError(name)).toBeUndefined();
    expect(readFileSync(dist(name, 'main.js'), 'utf8')).not.toContain('require("@nestjs/swagger")');
    const manifest = JSON.parse(readFileSync(dist(name, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(manifest.dependencies).not.toHaveProperty(['@nestjs/swagger']);
  });

  it(`has an OpenAPI document beside main.js only if it describes an API`, () => {
    expect(existsSync(dist(name, 'openapi.json'))).toBe(WITH_DOCUMENT.includes(name));
  });
});
