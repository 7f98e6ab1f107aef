// Writes one small JSON summary per package run into <repo>/.test-results/, so the root
// `npm test` can print a single closing line "N passed, N failed" over the whole monorepo, and a
// table of the slowest test files (each file's wall time, from jest's own start and end stamps).
const fs = require('node:fs');
const path = require('node:path');

class ResultFileReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const repoRoot = path.resolve(__dirname, '..', '..');
    const dir = path.join(repoRoot, '.test-results');
    fs.mkdirSync(dir, { recursive: true });
    const name = path.relative(repoRoot, this.rootDir).replace(/[\\/]/g, '__') || 'root';
    const summary = {
      package: path.relative(repoRoot, this.rootDir),
      passed: results.numPassedTests,
      failed: results.numFailedTests,
      skipped: results.numPendingTests + results.numTodoTests,
      failedSuites: results.numFailedTestSuites,
      runtimeErrorSuites: results.numRuntimeErrorTestSuites,
      // results.success is only settled after reporters run, so derive the verdict here.
      success:
        results.numFailedTests === 0 &&
        results.numFailedTestSuites === 0 &&
        results.numRuntimeErrorTestSuites === 0,
      // The whole jest run of this package, and each file's wall time (repo-relative path, ms).
      startTime: results.startTime,
      durationMs: Date.now() - results.startTime,
      files: results.testResults.map((file) => ({
        path: path.relative(repoRoot, file.testFilePath),
        durationMs:
          file.perfStats && file.perfStats.end && file.perfStats.start
            ? file.perfStats.end - file.perfStats.start
            : null,
        tests: file.numPassingTests + file.numFailingTests + file.numPendingTests,
      })),
    };
    fs.writeFileSync(path.join(dir, `${name}.json`), JSON.stringify(summary) + '\n');
  }
}

module.exports = ResultFileReporter;
