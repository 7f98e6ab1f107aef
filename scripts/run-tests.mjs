#!/usr/bin/env node
// `npm test`: builds once, then runs every package's test task through turbo in two streams side by
// side, then prints one closing line over the whole monorepo ("Tests: N passed, N failed, N skipped")
// and exits non-zero on any failure. Before it: the 15 slowest test files (each package's jest
// reporter records every file's wall time in .test-results/) and how long the build and each stream
// took, so a run that nears CI's limit says where its time went.
//
// Why two streams: a unit package's jest runs in one process (its embedded Mongo in-process too), so
// it keeps one core busy; the integration package mostly waits on the processes it started (the
// services, Chromium, ffmpeg). One after the other left a core idle for most of the run; side by side
// the two overlap instead of adding up. Inside each stream one package runs at a time, and each test
// file still gets its own free ports and fresh databases.
//
// `npm test -- <turbo args>` (a --filter, say) runs one stream with those arguments instead.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const INTEGRATION = '@groovy/integration-tests';
/** How many of the slowest test files the closing summary lists. */
const SLOWEST_SHOWN = 15;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = path.join(root, '.test-results');
fs.rmSync(resultsDir, { recursive: true, force: true });

const env = {
  ...process.env,
  TURBO_TELEMETRY_DISABLED: '1',
  DO_NOT_TRACK: '1',
  TURBO_NO_UPDATE_NOTIFIER: '1',
};

/** `npx turbo <args>` with the output on this terminal; resolves to its exit status. */
function turbo(args) {
  return new Promise((resolve) => {
    const child = spawn('npx', ['turbo', ...args], { cwd: root, stdio: 'inherit', env });
    child.on('error', (error) => {
      console.error(`run-tests: could not start turbo: ${error.message}`);
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const testArgs = ['run', 'test', '--concurrency=1', '--continue', '--output-logs=full'];
const extra = process.argv.slice(2);
const started = Date.now();
/** Whole seconds since `since`. */
const seconds = (since) => Math.round((Date.now() - since) / 1000);
/** "build 60 s", then each stream's wall time from the end of the build, in the order they ended. */
const streamTimes = [];
let status;
if (extra.length > 0) {
  status = await turbo([...testArgs, ...extra]);
} else {
  // Build everything first, once: the two test streams then run only their test tasks (--only), so
  // neither rebuilds (or restores from the cache) a package the other is testing against.
  status = await turbo(['run', 'build', '--output-logs=errors-only']);
  if (status === 0) {
    // The integration package starts first: it is the longest, and the other stream fits beside it.
    const buildSeconds = seconds(started);
    const timed = async (name, run) => {
      const code = await run;
      streamTimes.push(`${name} ${seconds(started) - buildSeconds} s`);
      return code;
    };
    const streams = await Promise.all([
      timed(
        'integration stream',
        turbo([...testArgs, '--only', `--filter=${INTEGRATION}`, '--log-order=stream']),
      ),
      timed(
        'unit stream',
        turbo([...testArgs, '--only', `--filter=!${INTEGRATION}`, '--log-order=grouped']),
      ),
    ]);
    streamTimes.unshift(`build ${buildSeconds} s`);
    status = streams.find((code) => code !== 0) ?? 0;
  }
}

let passed = 0;
let failed = 0;
let skipped = 0;
let brokenSuites = 0;
/** Every test file's wall time, for the table of the slowest. */
const fileTimes = [];
if (fs.existsSync(resultsDir)) {
  for (const file of fs.readdirSync(resultsDir).sort()) {
    const r = JSON.parse(fs.readFileSync(path.join(resultsDir, file), 'utf8'));
    passed += r.passed;
    failed += r.failed;
    skipped += r.skipped;
    brokenSuites += r.failedSuites;
    for (const file of r.files ?? []) if (file.durationMs !== null) fileTimes.push(file);
    const mark = r.success ? 'ok ' : 'FAIL';
    console.log(
      `${mark} ${r.package}: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped`,
    );
  }
}
if (status !== 0 && failed === 0) failed = Math.max(1, brokenSuites);
// Where the time went: the slowest files (each package's files run one after another, so these are
// what a stream waits on) and each stream's length (one idle long before the other is unbalanced).
if (fileTimes.length > 0) {
  fileTimes.sort((a, b) => b.durationMs - a.durationMs);
  console.log(`\nSlowest test files (wall time, of ${fileTimes.length}):`);
  for (const file of fileTimes.slice(0, SLOWEST_SHOWN)) {
    console.log(`${(file.durationMs / 1000).toFixed(1).padStart(7)} s  ${file.path}`);
  }
}
if (streamTimes.length > 0) console.log(`(${streamTimes.join('; ')})`);
console.log(`(build and tests took ${seconds(started)} s)`);
console.log(`\nTests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(status !== 0 || failed > 0 ? 1 : 0);
