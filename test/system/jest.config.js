/** @type {import('jest').Config} */
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'system',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.spec.ts'],
  // Six built services start as processes on the real backends; start-up alone takes seconds
  // on a busy 2-core machine.
  testTimeout: 90_000,
};
