import path from 'node:path';
import { startTestMongo, spawnService, type TestMongo } from '@groovy/common/testing';

// The built service as it runs in production: a real process, configured only by its environment.
const ENTRY = path.join(__dirname, '..', '..', 'dist', 'index.js');

describe('auth as a process', () => {
  let mongo: TestMongo;
  beforeAll(async () => {
    mongo = await startTestMongo();
  });
  afterAll(() => mongo?.stop());

  it('starts from its environment, serves, and exits 0 on SIGTERM after logging its shutdown', async () => {
    const service = await spawnService({
      name: 'auth',
      entry: ENTRY,
      env: { MONGO_URL: mongo.url },
    });
    const health = await fetch(`${service.baseUrl}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok', service: 'auth' });
    const jwks = (await (await fetch(`${service.baseUrl}/.well-known/jwks.json`)).json()) as {
      keys: unknown[];
    };
    expect(jwks.keys).toHaveLength(1);
    expect(await service.stop()).toBe(0);
    const lines = service
      .output()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { msg: string });
    expect(lines.map((l) => l.msg)).toEqual(
      expect.arrayContaining(['shutdown signal received', 'stopped']),
    );
  });

  it('refuses to start with a bad variable, naming it in one line', async () => {
    const failed = await spawnService({
      name: 'auth',
      entry: ENTRY,
      env: { MONGO_URL: mongo.url, PORT: 'abc', LOGIN_MAX_FAILURES_PER_ACCOUNT: '-1' },
    }).catch((error: Error) => error);
    expect(failed).toBeInstanceOf(Error);
    const message = (failed as Error).message;
    expect(message).toMatch(/exited \(code 78\)/);
    const lines = message.split('\n').filter((line) => line.startsWith('{'));
    expect(lines).toHaveLength(1);
    const fatal = JSON.parse(lines[0]!) as { level: string; msg: string };
    expect(fatal.level).toBe('fatal');
    expect(fatal.msg).toMatch(/PORT: .*got "abc"/);
    expect(fatal.msg).toMatch(/LOGIN_MAX_FAILURES_PER_ACCOUNT: .*got "-1"/);
  });
});
