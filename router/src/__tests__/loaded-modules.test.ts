// The router is the public edge: it must not load the subgraphs' storage, event transports,
// database driver or the embedded Mongo engine (they cost memory and start-up time, and widen
// what a bug in the edge can reach). @groovy/common's subpaths make that possible; this proves it.
// One exception, by configuration only: RATE_LIMIT_STORE=mongo (rate limits shared by router
// replicas) loads the `mongodb` driver when the router starts (rate-limit/create-rate-limit-store.ts
// imports it lazily). With the default in-memory store, as here, no database code is loaded.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

describe('the modules the router loads', () => {
  it('include none of GCS, Pub/Sub, mongoose, mongodb or the embedded engine (in-memory rate limits)', () => {
    const run = spawnSync(
      process.execPath,
      [require.resolve('tsx/cli'), path.join(__dirname, 'fixtures', 'print-loaded-modules.ts')],
      { env: { PATH: process.env.PATH }, encoding: 'utf8', timeout: 80_000 },
    );
    expect(run.stderr).toBe('');
    const loaded = JSON.parse(run.stdout) as string[];
    // The gateway and Apollo Server are loaded, so the listing is real.
    expect(
      loaded.some((file) => file.includes(`${path.sep}@apollo${path.sep}gateway${path.sep}`)),
    ).toBe(true);
    const forbidden = [
      '@google-cloud/storage',
      '@google-cloud/pubsub',
      'mongoose',
      'mongodb',
      'embedded-mongo',
    ];
    const offending = loaded.filter((file) =>
      forbidden.some((name) => file.split(path.sep).join('/').includes(`/${name}/`)),
    );
    expect(offending).toEqual([]);
  }, 90_000);
});
