#!/usr/bin/env node
// `npm test`: every project's jest suites in one run, then the one summary line CI reads,
// counted from jest's JSON report. Extra arguments go to jest (`npm test -- services/catalog`).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

// Suites that start services as processes build them first; building every service once here
// means those builds find dist up to date instead of racing each other.
for (const name of readdirSync('services')) {
  if (!existsSync(path.join('services', name, 'src/main.ts'))) continue;
  const build = spawnSync(process.execPath, ['tools/build.mjs', name], { stdio: 'inherit' });
  if (build.status !== 0) {
    console.log('tests: 0 passed, 1 failed');
    process.exit(1);
  }
}

const report = path.resolve('tmp/jest-report.json');
mkdirSync(path.dirname(report), { recursive: true });
rmSync(report, { force: true });

const jest = spawnSync(
  process.execPath,
  [
    'node_modules/jest/bin/jest.js',
    '--json',
    `--outputFile=${report}`,
    '--testLocationInResults=false',
    ...process.argv.slice(2),
  ],
  { stdio: 'inherit', env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=4096' } },
);

let passed = 0;
let failed = 0;
try {
  const results = JSON.parse(readFileSync(report, 'utf8'));
  passed = results.numPassedTests;
  // A suite that failed to load has no test results of its own; count it as one failure.
  failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
} catch {
  failed = 1;
}
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(jest.status === 0 && failed === 0 ? 0 : 1);
