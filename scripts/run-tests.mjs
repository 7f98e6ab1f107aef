#!/usr/bin/env node
// `npm test`: runs every package's test task through turbo, then prints one closing line
// over the whole monorepo ("Tests: N passed, N failed, N skipped") and exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = path.join(root, '.test-results');
fs.rmSync(resultsDir, { recursive: true, force: true });

const env = {
  ...process.env,
  TURBO_TELEMETRY_DISABLED: '1',
  DO_NOT_TRACK: '1',
  TURBO_NO_UPDATE_NOTIFIER: '1',
};
const extra = process.argv.slice(2);
const run = spawnSync(
  'npx',
  ['turbo', 'run', 'test', '--concurrency=1', '--continue', '--output-logs=full', ...extra],
  { cwd: root, stdio: 'inherit', env },
);

let passed = 0;
let failed = 0;
let skipped = 0;
let brokenSuites = 0;
if (fs.existsSync(resultsDir)) {
  for (const file of fs.readdirSync(resultsDir)) {
    const r = JSON.parse(fs.readFileSync(path.join(resultsDir, file), 'utf8'));
    passed += r.passed;
    failed += r.failed;
    skipped += r.skipped;
    brokenSuites += r.failedSuites;
    const mark = r.success ? 'ok ' : 'FAIL';
    console.log(
      `${mark} ${r.package}: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped`,
    );
  }
}
const status = run.status ?? 1;
if (status !== 0 && failed === 0) failed = Math.max(1, brokenSuites);
console.log(`\nTests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(status !== 0 || failed > 0 ? 1 : 0);
