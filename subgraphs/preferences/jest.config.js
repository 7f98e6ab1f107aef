module.exports = { preset: '@groovy/tooling', rootDir: __dirname };
