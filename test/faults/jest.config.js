/** @type {import('jest').Config} */
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'faults',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.spec.ts'],
  // Built services start as processes and run for a few seconds of load around each fault.
  testTimeout: 90_000,
};
