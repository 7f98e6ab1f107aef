// `src/index.ts` as `npm run dev` / `npm start` run it: configuration errors stop it at once.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

describe('the router entry point', () => {
  it('exits 78 with one JSON line naming every bad variable', () => {
    const run = spawnSync(
      process.execPath,
      [require.resolve('tsx/cli'), path.join(__dirname, '..', 'index.ts')],
      {
        env: {
          PATH: process.env.PATH,
          LIMIT_MAX_DEPTH: 'deep',
          AUTH_JWKS_URL: 'not-a-url',
          PORT: '99999',
        },
        encoding: 'utf8',
        timeout: 80_000,
      },
    );
    expect(run.status).toBe(78);
    const lines = run.stderr.split('\n').filter((line) => line.startsWith('{'));
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!) as { level: string; service: string; msg: string };
    expect(line).toMatchObject({ level: 'fatal', service: 'router' });
    for (const variable of ['LIMIT_MAX_DEPTH', 'AUTH_JWKS_URL', 'PORT'])
      expect(line.msg).toContain(variable);
  }, 90_000);

  it('exits 1 naming the supergraph file when it is missing', () => {
    const run = spawnSync(
      process.execPath,
      [require.resolve('tsx/cli'), path.join(__dirname, '..', 'index.ts')],
      {
        env: {
          PATH: process.env.PATH,
          PORT: '0',
          SUPERGRAPH_PATH: '/nonexistent/supergraph.graphql',
        },
        encoding: 'utf8',
        timeout: 80_000,
      },
    );
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('cannot load the supergraph from /nonexistent/supergraph.graphql');
  }, 90_000);
});
