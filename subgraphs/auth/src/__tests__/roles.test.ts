import { execFile } from 'node:child_process';
import path from 'node:path';
import { decodeJwt } from 'jose';
import { runRolesCommand } from '../roles/roles-command';
import { AuthTestServer, REFRESH } from './auth-test-server';

const PACKAGE_ROOT = path.join(__dirname, '..', '..');

/** Runs the operator command as a process, the way `npm run roles -w @groovy/subgraph-auth --` does. */
function roles(
  args: string[],
  env: Record<string, string | undefined>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--enable-source-maps', '-r', '@swc-node/register', 'src/roles/roles-cli.ts', ...args],
      {
        cwd: PACKAGE_ROOT,
        env: {
          ...process.env,
          MONGO_URL: undefined,
          MONGO_DATABASE: undefined,
          LOG_LEVEL: 'silent',
          ...env,
        },
        timeout: 60_000,
      },
      (error, stdout, stderr) =>
        resolve({
          code: error ? Number((error as { code?: number }).code ?? 1) : 0,
          stdout,
          stderr,
        }),
    );
  });
}

describe('roles: the operator command and the access token', () => {
  let server: AuthTestServer;
  let db: Record<string, string>;

  beforeAll(async () => {
    server = await AuthTestServer.start();
    db = { MONGO_URL: server.mongo.url, MONGO_DATABASE: server.subgraph.connection.name };
  });
  afterAll(() => server?.stop());

  const refresh = async (token: string) => {
    const result = await server.execute<{
      refreshSession: { accessToken: string; refreshToken: string };
    }>(REFRESH, { token });
    expect(result.errors).toBeUndefined();
    return result.data!.refreshSession;
  };

  it('grants MODERATOR for real; the next refreshed token carries it; revoke takes it away again', async () => {
    const session = await server.register('Mod@Example.com');
    expect(decodeJwt(session.accessToken).roles).toBeUndefined();

    const granted = await roles(
      ['grant', '--email', ' mod@example.COM ', '--role', 'moderator'],
      db,
    );
    expect(granted.stderr).toBe('');
    expect(granted.code).toBe(0);
    expect(JSON.parse(granted.stdout)).toEqual({
      action: 'grant',
      role: 'MODERATOR',
      changed: true,
      user: {
        id: session.user.id,
        email: 'Mod@Example.com',
        displayName: 'Listener',
        roles: ['MODERATOR'],
      },
    });
    // The token issued before the grant stays as it was; the next one has the role.
    expect(decodeJwt(session.accessToken).roles).toBeUndefined();
    const afterGrant = await refresh(session.refreshToken);
    expect(decodeJwt(afterGrant.accessToken).roles).toEqual(['MODERATOR']);

    const again = await roles(['grant', '--email', 'mod@example.com', '--role', 'MODERATOR'], db);
    expect(JSON.parse(again.stdout)).toMatchObject({
      changed: false,
      user: { roles: ['MODERATOR'] },
    });

    const listed = await roles(['list', '--role', 'MODERATOR'], db);
    expect(listed.code).toBe(0);
    expect(
      listed.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line)),
    ).toEqual([expect.objectContaining({ id: session.user.id, roles: ['MODERATOR'] })]);

    const revoked = await roles(
      ['revoke', '--email', 'mod@example.com', '--role', 'MODERATOR'],
      db,
    );
    expect(revoked.code).toBe(0);
    expect(JSON.parse(revoked.stdout)).toMatchObject({ changed: true, user: { roles: [] } });
    const afterRevoke = await refresh(afterGrant.refreshToken);
    expect(decodeJwt(afterRevoke.accessToken).roles).toBeUndefined();
    expect((await roles(['list'], db)).stdout).toBe('');
  }, 180_000);

  it('refuses bad input with a clear message and a non-zero exit, changing nothing', async () => {
    await server.register('someone@example.com');
    // As a process: an unknown user.
    const unknownUser = await roles(
      ['grant', '--email', 'nobody@example.com', '--role', 'MODERATOR'],
      db,
    );
    expect(unknownUser.code).toBe(1);
    expect(unknownUser.stderr).toMatch(/no user has the email nobody@example.com/);

    // The same command in-process for the rest (each process costs seconds on a busy machine).
    const run = async (
      args: string[],
      env: { MONGO_URL?: string; MONGO_DATABASE?: string } = db,
    ) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runRolesCommand(args, env, {
        out: (line) => out.push(line),
        err: (line) => err.push(line),
      });
      return { code, stdout: out.join('\n'), stderr: err.join('\n') };
    };
    const cases: Array<[string[], number, RegExp]> = [
      [
        ['grant', '--email', 'someone@example.com', '--role', 'ADMIN'],
        64,
        /unknown role "ADMIN": expected one of MODERATOR/,
      ],
      [['grant', '--email', 'someone@example.com'], 64, /--role is required/],
      [['grant', '--role', 'MODERATOR'], 64, /grant needs --email/],
      [
        ['grant', '--email', 'not-an-email', '--role', 'MODERATOR'],
        1,
        /--email must be an email address/,
      ],
      [['promote', '--email', 'someone@example.com'], 64, /unknown command "promote"/],
      [
        ['grant', 'revoke', '--email', 'someone@example.com', '--role', 'MODERATOR'],
        64,
        /exactly one command/,
      ],
      [
        ['grant', '--email', 'someone@example.com', '--role', 'MODERATOR', '--force'],
        64,
        /Unknown option '--force'/,
      ],
    ];
    for (const [args, code, message] of cases) {
      const result = await run(args);
      expect({ args, code: result.code }).toEqual({ args, code });
      expect(result.stderr).toMatch(message);
    }
    const noMongo = await run(['list'], {});
    expect(noMongo.code).toBe(64);
    expect(noMongo.stderr).toMatch(/MONGO_URL is unset/);

    expect((await run(['list'])).stdout).toBe('');
  }, 120_000);
});
