module.exports = { preset: '@groovy/tooling', rootDir: __dirname, testTimeout: 60000 };
