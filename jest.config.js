// `npm test` runs every project's suite in one jest process, so one JSON report counts them all.
/** @type {import('jest').Config} */
module.exports = {
  projects: [
    '<rootDir>/libs/*/jest.config.js',
    '<rootDir>/services/*/jest.config.js',
    '<rootDir>/deploy/*/jest.config.js',
    '<rootDir>/test/*/jest.config.js',
  ],
};
