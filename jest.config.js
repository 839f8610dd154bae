// `npm test` runs every project's suite in one jest process, so one JSON report counts them all.
// A project is any folder one level under these roots that has a jest.config.js.
const { existsSync, readdirSync } = require('node:fs');
const path = require('node:path');

const projects = ['libs', 'services', 'deploy', 'test'].flatMap((group) => {
  const dir = path.join(__dirname, group);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((name) => path.join(dir, name, 'jest.config.js'))
    .filter((config) => existsSync(config));
});

/** @type {import('jest').Config} */
module.exports = {
  projects,
  // A global option: in a multi-project run jest ignores the projects' own testTimeout.
  testTimeout: 30000,
};
