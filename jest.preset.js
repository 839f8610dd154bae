// Shared by every project's jest.config.js: SWC compiles TypeScript with the decorator metadata
// NestJS needs, and the path aliases of tsconfig.base.json resolve to the libraries' sources.
const path = require('node:path');

const root = __dirname;
const ESM_ONLY = ['content-disposition'];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.(ts|js|mjs)$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      },
    ],
  },
  // Packages that ship only ES modules, which jest on Node 20 cannot require: compiled like ours.
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  moduleNameMapper: {
    '^@retail/(service-kit|contracts|clients|testing)$': path.join(root, 'libs/$1/src/index.ts'),
    '^@retail/testing/backends$': path.join(root, 'libs/testing/src/backends.ts'),
  },
  globalSetup: path.join(root, 'libs/testing/src/global-setup.js'),
  testTimeout: 30000,
};
