import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './free-port';
import { startApp } from './running-app';

// Preloaded into the service: on exit it writes every module file loaded through require. The
// bundle requires its external packages (the store drivers included, all CommonJS) that way.
const RECORDER = `
const { writeFileSync } = require('node:fs');
process.on('exit', () => {
  writeFileSync(process.env.LOADED_FILES_REPORT, JSON.stringify(Object.keys(require.cache)));
});
`;

/**
 * Which npm packages a built service loads while it starts and answers `readyPath`: its process
 * runs with a preloaded recorder, then stops on SIGTERM. Names as in node_modules (`@aws-sdk/…`).
 */
export async function packagesLoadedByBuiltService(
  main: string,
  env: Record<string, string>,
  readyPath: string,
): Promise<Set<string>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'loaded-'));
  const recorder = path.join(dir, 'recorder.cjs');
  const report = path.join(dir, 'loaded.json');
  writeFileSync(recorder, RECORDER);
  const app = await startApp(
    main,
    { ...env, NODE_OPTIONS: `--require=${recorder}`, LOADED_FILES_REPORT: report },
    await freePort(),
    readyPath,
  );
  await app.stop('SIGTERM');
  const files = JSON.parse(readFileSync(report, 'utf8')) as string[];
  rmSync(dir, { recursive: true, force: true });
  const packages = new Set<string>();
  for (const file of files) {
    const match = /.*node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file);
    if (match) packages.add(match[1]);
  }
  return packages;
}
