// Which services need `node tools/build.mjs <name>` before `npm start` can run them: those whose
// build output is missing or older than any file it is made from (the service, the shared
// libraries, the build script, the lockfile).
import { readdirSync, statSync, utimesSync } from 'node:fs';
import path from 'node:path';

function newestMtime(target) {
  let stat;
  try {
    stat = statSync(target);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) {
    if (entry === 'node_modules' || entry === 'test') continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

const SHARED_INPUTS = ['libs', 'tools/build.mjs', 'package-lock.json', 'tsconfig.base.json'];

/** The build output is as old as its main.js. */
export function isStale(root, name) {
  const built = newestMtime(path.join(root, 'dist/services', name, 'main.js'));
  if (built === 0) return true;
  const inputs = [
    ...SHARED_INPUTS,
    `services/${name}/src`,
    `services/${name}/public`,
    `services/${name}/project.json`,
  ];
  return inputs.some((input) => newestMtime(path.join(root, input)) > built);
}

/**
 * tools/build.mjs leaves an output whose bytes would not change untouched (a comment edited, a
 * checkout); dating it now keeps the next start from building it again.
 */
export function markBuilt(root, name) {
  const now = new Date();
  utimesSync(path.join(root, 'dist/services', name, 'main.js'), now, now);
}
