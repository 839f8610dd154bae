import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildError, root } from './support/processes';
import { SERVICES } from './support/tools';

// tools/build.mjs writes a service's OpenAPI document at build time and gives main.js no-op
// @nestjs/swagger decorators, so images neither load nor ship the package. (Each service's own
// tests check that the built service serves the document its source builds.)
const WITH_DOCUMENT = ['cart', 'catalog', 'checkout', 'orders'];
const dist = (name: string, file: string) => path.join(root, 'dist/services', name, file);
/** The packages the image installs for the service. */
const dependenciesOf = (name: string) =>
  (
    JSON.parse(readFileSync(dist(name, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    }
  ).dependencies;

describe.each(SERVICES.map((s) => s.name))('the built %s', (name) => {
  it('neither bundles nor installs @nestjs/swagger', () => {
    expect(buildError(name)).toBeUndefined();
    expect(readFileSync(dist(name, 'main.js'), 'utf8')).not.toContain('require("@nestjs/swagger")');
    expect(dependenciesOf(name)).not.toHaveProperty(['@nestjs/swagger']);
  });

  it('has an OpenAPI document beside main.js, and the Swagger UI installed, only if it describes an API', () => {
    const described = WITH_DOCUMENT.includes(name);
    expect(existsSync(dist(name, 'openapi.json'))).toBe(described);
    expect(Object.hasOwn(dependenciesOf(name), 'swagger-ui-dist')).toBe(described);
  });
});
