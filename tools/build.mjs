#!/usr/bin/env node
// Builds one service into dist/services/<name>/: main.js (the service and the shared libraries,
// bundled by esbuild; SWC compiles each TypeScript file first because esbuild cannot emit the
// decorator metadata NestJS's injector reads), a package.json naming the npm packages it loads at
// run time with the workspace's versions, and the service's public/ folder when it has one. The
// bundle runs exactly the code the tests run: every package it imports is the real one.
import { createHash } from 'node:crypto';
import { cp, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
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

const result = await build({
  entryPoints: [path.join(serviceDir, 'src/main.ts')],
  outfile: path.join(outDir, 'main.js'),
  write: false,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  sourcemap: 'linked',
  keepNames: true,
  metafile: true,
  tsconfig: path.join(serviceDir, 'tsconfig.json'),
  absWorkingDir: root, // metafile paths relative to the repository
  plugins: [swcTypeScript],
  logLevel: 'warning',
});

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
// Nest's Fastify adapter requires @fastify/static by name when SwaggerModule serves its UI.
if (used.has('@nestjs/swagger')) used.add('@fastify/static');
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
for (const [file, contents] of files) await writeFile(path.join(staging, file), contents);
if (existsSync(publicDir)) await cp(publicDir, path.join(staging, 'public'), { recursive: true });
await writeFile(path.join(staging, '.fingerprint'), digest);
await rm(outDir, { recursive: true, force: true });
await rename(staging, outDir);
console.log(`built dist/services/${name} (${used.size} runtime packages)`);
