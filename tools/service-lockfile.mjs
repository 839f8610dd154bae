#!/usr/bin/env node
// Writes a package-lock.json for one built service (dist/services/<name>/, whose package.json
// tools/build.mjs generated), cut from the workspace's lockfile: exactly the packages its runtime
// dependencies need, at the versions and integrity hashes the workspace was tested with. The
// image then installs them with `npm ci --omit=dev`, so every build installs the same tree.
//
// Usage: node tools/service-lockfile.mjs <service> [folder]   (folder defaults to dist/services/<service>)
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Where Node would find `name` when required from the package installed at `from` ('' = root). */
function resolve(packages, from, name) {
  for (let base = from; ;) {
    const candidate = `${base ? `${base}/` : ''}node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (base === '') return undefined;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut === -1 ? '' : base.slice(0, cut);
  }
}

/**
 * The lockfile entries a set of dependencies needs: each one and, transitively, its
 * dependencies, optional dependencies when installed, and required peer dependencies.
 *
 * @param {{ packages: Record<string, any> }} lock the workspace's package-lock.json (version 3)
 * @param {string} name the service's package name
 * @param {Record<string, string>} dependencies its package.json dependencies (exact versions)
 * @returns {{ name: string, lockfileVersion: number, requires: boolean, packages: Record<string, Record<string, unknown>> }}
 */
export function pruneLockfile(lock, name, dependencies) {
  const packages = lock.packages;
  const kept = new Map();
  const visit = (location) => {
    if (kept.has(location)) return;
    const entry = packages[location];
    kept.set(location, entry);
    const optionalPeers = Object.entries(entry.peerDependenciesMeta ?? {})
      .filter(([, meta]) => meta.optional)
      .map(([peer]) => peer);
    const required = [
      ...Object.keys(entry.dependencies ?? {}),
      ...Object.keys(entry.peerDependencies ?? {}).filter((p) => !optionalPeers.includes(p)),
    ];
    for (const dep of required) {
      const found = resolve(packages, location, dep);
      if (!found) throw new Error(`${location} needs ${dep}, which the lockfile does not have`);
      visit(found);
    }
    for (const dep of Object.keys(entry.optionalDependencies ?? {})) {
      const found = resolve(packages, location, dep);
      if (found) visit(found);
    }
  };
  for (const [dep, version] of Object.entries(dependencies)) {
    const found = resolve(packages, '', dep);
    if (!found) throw new Error(`${dep} is not in the workspace's lockfile`);
    if (packages[found].version !== version) {
      throw new Error(
        `${dep}: package.json asks for ${version}, the lockfile has ${packages[found].version}`,
      );
    }
    visit(found);
  }

  /** @type {Record<string, Record<string, unknown>>} */
  const pruned = { '': { name, dependencies } };
  for (const location of [...kept.keys()].sort()) {
    // Everything kept is a production dependency of this service, whatever the workspace's
    // lockfile said about its use by dev tools.
    const entry = { ...kept.get(location) };
    delete entry.dev;
    delete entry.devOptional;
    delete entry.peer;
    pruned[location] = entry;
  }
  return { name, lockfileVersion: 3, requires: true, packages: pruned };
}

// Run as a script (not imported: the jest suites load this file as CommonJS, without import.meta).
if (path.basename(process.argv[1] ?? '') === 'service-lockfile.mjs') {
  const root = path.dirname(path.dirname(path.resolve(process.argv[1])));
  const service = process.argv[2];
  if (!service) {
    console.error('usage: node tools/service-lockfile.mjs <service> [folder]');
    process.exit(2);
  }
  const folder = path.resolve(process.argv[3] ?? path.join(root, 'dist/services', service));
  const manifest = JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8'));
  const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
  const pruned = pruneLockfile(lock, manifest.name, manifest.dependencies ?? {});
  writeFileSync(path.join(folder, 'package-lock.json'), `${JSON.stringify(pruned, null, 2)}\n`);
  console.log(
    `wrote ${path.relative(process.cwd(), folder) || '.'}/package-lock.json (${Object.keys(pruned.packages).length - 1} packages)`,
  );
}
