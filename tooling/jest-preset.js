// Shared jest preset: every package's jest.config.js says `preset: '@groovy/tooling'`.
// TypeScript is compiled by SWC with legacy decorators + decorator metadata (type-graphql needs both).
const path = require('node:path');

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      {
        jsc: {
          target: 'es2022',
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
        },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      },
    ],
  },
  // type-graphql's decorators need the metadata polyfill loaded first; a service loads it through
  // @groovy/common/subgraph or /graphql, a test that imports one entity file directly does not.
  setupFiles: [require.resolve('reflect-metadata')],
  testMatch: ['**/__tests__/**/*.test.ts', '**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  reporters: ['default', path.join(__dirname, 'jest/result-file-reporter.js')],
  testTimeout: 30000,
};
