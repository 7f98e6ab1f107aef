// Unit tests for pure logic (no backend, no browser): error mapping, validation, token refresh, env parsing.
module.exports = {
  preset: '@groovy/tooling',
  rootDir: __dirname,
  roots: ['<rootDir>/src'],
  moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1' },
  testPathIgnorePatterns: ['/node_modules/', '/.next/'],
};
