#!/usr/bin/env node
// Builds one service into dist/services/<name>/: main.js (the service and the shared libraries,
// bundled by esbuild; SWC compiles each TypeScript file first because esbuild cannot emit the
// decorator metadata NestJS's injector reads), a package.json naming the npm packages it loads at
// run time with the workspace's versions, the service's public/ folder when it has one, and its
// OpenAPI document (openapi.json) when it has one.
//
// @nestjs/swagger's decorators only feed that document, so main.js gets no-ops in their place
// and the service never loads the package (with lodash and js-yaml: 4–5 MB of memory and ~50 ms
// of start-up). The document comes from a second bundle with the real package, run once here
// with WRITE_OPENAPI_DOCUMENT set (the service kit's listen() then writes it instead of listening).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { transform } from '@swc/core';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const name = process.argv[2];
if (!name || !existsSync(path.join(root, 'services', name, 'src/main.ts'))) {
  console.error(`usage: node tools/build.mjs <service>   (no services/${name ?? '?'}/src/main.ts)`);
  process.exit(2);
}
const serviceDir = path.join(root, 'services', name);
const outDir = path.join(root, 'dist/services', name);

const swcTypeScript = {
  name: 'swc-typescript',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const { code } = await transform(source, {
        filename: args.path,
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
          keepClassNames: true,
        },
        // CommonJS, not ES modules: with decorator metadata SWC keeps imports of types used in
        // constructor parameters (it cannot see they are interfaces), and esbuild would reject
        // an ES import of a name that has no runtime export. As CommonJS it reads as undefined
        // and the metadata falls back to Object, which is what tsc emits.
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      });
      return { contents: code, loader: 'js' };
    });
  },
};

// Every Api* export of @nestjs/swagger, as a decorator factory whose decorators do nothing.
const OPENAPI_DECORATORS = Object.keys(createRequire(import.meta.url)('@nestjs/swagger')).filter(
  (key) => key.startsWith('Api'),
);
const noOpenApiDecorators = {
  name: 'no-openapi-decorators',
  setup(b) {
    b.onResolve({ filter: /^@nestjs\/swagger$/ }, (args) => ({
      path: args.path,
      namespace: 'no-openapi-decorators',
    }));
    b.onLoad({ filter: /.*/, namespace: 'no-openapi-decorators' }, () => ({
      contents: `const none = () => () => undefined;\nmodule.exports = { ${OPENAPI_DECORATORS.map((d) => `${d}: none`).join(', ')} };\n`,
      loader: 'js',
    }));
  },
};

const bundle = (plugins, sourcemap) =>
  build({
    entryPoints: [path.join(serviceDir, 'src/main.ts')],
    outfile: path.join(outDir, 'main.js'),
    write: false,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    sourcemap,
    keepNames: true,
    metafile: true,
    tsconfig: path.join(serviceDir, 'tsconfig.json'),
    absWorkingDir: root, // metafile paths relative to the repository
    plugins: [swcTypeScript, ...plugins],
    logLevel: 'warning',
  });
const result = await bundle([noOpenApiDecorators], 'linked');
// A service that describes its API with the decorators has a document to write.
const hasOpenApi = Object.entries(result.metafile.inputs).some(
  ([file, input]) =>
    file.startsWith('services/') &&
    input.imports.some((i) => i.path.startsWith('no-openapi-decorators:')),
);

// The bare package names the bundle requires, plus those loaded by name at run time (database
// drivers, which TypeORM requires itself) listed in project.json: the image installs exactly these.
const workspace = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));
const project = JSON.parse(await readFile(path.join(serviceDir, 'project.json'), 'utf8'));
const used = new Set(project.metadata?.runtimeDependencies ?? []);
for (const input of Object.values(result.metafile.inputs)) {
  for (const imp of input.imports) {
    if (!imp.external || imp.path.startsWith('node:')) continue;
    const parts = imp.path.split('/');
    const pkg = imp.path.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
    if (workspace.dependencies?.[pkg]) used.add(pkg);
  }
}
// Every bundle has the kit's Swagger UI route; only a service with a document serves it.
if (!hasOpenApi) used.delete('swagger-ui-dist');
const dependencies = Object.fromEntries(
  [...used].sort().map((p) => [p, workspace.dependencies[p]]),
);
const files = new Map(result.outputFiles.map((f) => [path.basename(f.path), f.contents]));
files.set(
  'package.json',
  `${JSON.stringify({ name: `@retail/${name}`, private: true, main: 'main.js', dependencies }, null, 2)}\n`,
);
const publicDir = path.join(serviceDir, 'public');

// Tests build the services they start, several at once: an unchanged build leaves dist alone
// (so a running service never loses its files), and a changed one replaces it in one rename.
const fingerprint = createHash('sha256');
for (const [file, contents] of files) fingerprint.update(file).update(contents);
if (existsSync(publicDir)) {
  for (const entry of (await readdir(publicDir, { recursive: true, withFileTypes: true })).sort(
    (a, b) => path.join(a.parentPath, a.name).localeCompare(path.join(b.parentPath, b.name)),
  )) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    fingerprint.update(path.relative(publicDir, file)).update(await readFile(file));
  }
}
const digest = fingerprint.digest('hex');
const stamp = path.join(outDir, '.fingerprint');
if (existsSync(stamp) && (await readFile(stamp, 'utf8')) === digest) {
  console.log(`dist/services/${name} is up to date`);
  process.exit(0);
}

const staging = `${outDir}.${process.pid}.tmp`;
await rm(staging, { recursive: true, force: true });
await mkdir(staging, { recursive: true });
if (hasOpenApi) files.set('openapi.json', await writeDocument(staging));
for (const [file, contents] of files) await writeFile(path.join(staging, file), contents);
if (existsSync(publicDir)) await cp(publicDir, path.join(staging, 'public'), { recursive: true });
await writeFile(path.join(staging, '.fingerprint'), digest);
await rm(outDir, { recursive: true, force: true });
await rename(staging, outDir);
console.log(`built dist/services/${name} (${used.size} runtime packages)`);

/**
 * Bundles the service with the real @nestjs/swagger and runs it with WRITE_OPENAPI_DOCUMENT, in
 * a bare environment (so with its in-memory defaults: nothing to connect to); returns the
 * document. The bundle sits in the staging folder, where node_modules resolves as for dist.
 */
async function writeDocument(folder) {
  const generator = path.join(folder, 'openapi-writer.js');
  const document = path.join(folder, 'openapi.json');
  const { outputFiles } = await bundle([], false);
  await writeFile(generator, outputFiles[0].contents);
  const run = spawnSync(process.execPath, [generator], {
    env: { PATH: process.env.PATH, NODE_ENV: 'production', WRITE_OPENAPI_DOCUMENT: document },
    encoding: 'utf8',
    timeout: 60_000,
  });
  await rm(generator);
  if (run.status !== 0 || !existsSync(document)) {
    console.error(`${name}: writing the OpenAPI document failed\n${run.stdout}${run.stderr}`);
    await rm(folder, { recursive: true, force: true });
    process.exit(1);
  }
  return readFile(document);
}
