#!/usr/bin/env node
// Bundles the GraphiQL explorer (graphiql + react from npm) into dist/explorer-assets/explorer.{js,css}.
// Runs as part of `build` and before `dev`; skips work when the bundle is newer than its sources.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const entry = path.join(packageDir, 'src/explorer/explorer-app.mts');
const outDir = path.join(packageDir, 'dist/explorer-assets');
const outFile = path.join(outDir, 'explorer.js');

function isFresh() {
  if (process.argv.includes('--force') || !fs.existsSync(outFile)) return false;
  const built = fs.statSync(outFile).mtimeMs;
  const inputs = [
    entry,
    path.join(packageDir, 'package.json'),
    path.join(packageDir, '../package-lock.json'),
  ];
  return inputs.every((input) => !fs.existsSync(input) || fs.statSync(input).mtimeMs < built);
}

if (isFresh()) {
  console.log('explorer: bundle up to date');
} else {
  const started = Date.now();
  await build({
    entryPoints: { explorer: entry },
    outdir: outDir,
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: ['es2020'],
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    loader: { '.woff': 'dataurl', '.woff2': 'dataurl', '.ttf': 'dataurl', '.svg': 'dataurl' },
    logLevel: 'warning',
    legalComments: 'linked',
  });
  console.log(
    `explorer: bundled into ${path.relative(packageDir, outDir)} in ${Date.now() - started} ms`,
  );
}
