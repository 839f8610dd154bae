import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildError, root } from './support/processes';
import { SERVICES } from './support/tools';

// The built service runs exactly the code the tests run: the real @nestjs/swagger is bundled as
// a package the image installs (with @fastify/static, which Nest loads to serve Swagger UI), and
// no document is written at build time. (Each service's own tests check that the built service
// serves the document its source builds.)
const dist = (name: string, file: string) => path.join(root, 'dist/services', name, file);
/** The packages the image installs for the service. */
const dependenciesOf = (name: string) =>
  (
    JSON.parse(readFileSync(dist(name, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    }
  ).dependencies;

describe.each(SERVICES.map((s) => s.name))('the built %s', (name) => {
  it('loads and installs the real @nestjs/swagger, and what Swagger UI needs', () => {
    expect(buildError(name)).toBeUndefined();
    expect(readFileSync(dist(name, 'main.js'), 'utf8')).toContain('require("@nestjs/swagger")');
    expect(dependenciesOf(name)).toHaveProperty(['@nestjs/swagger']);
    expect(dependenciesOf(name)).toHaveProperty(['@fastify/static']);
  });

  it('has no document written at build time', () => {
    expect(existsSync(dist(name, 'openapi.json'))).toBe(false);
  });
});
