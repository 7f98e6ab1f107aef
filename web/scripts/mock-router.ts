/**
 * A stand-in for the router's `auth` slice (API.md), for looking at signed-in pages before the real
 * supergraph runs. In memory, one process, NOT the backend: it only answers the operations this web
 * app sends, by operation name. Access tokens live `MOCK_ACCESS_TTL_S` seconds (default 900);
 * refresh tokens rotate and an old one is rejected, like the real auth subgraph should.
 *
 * With `{ songs: {} }` (and from the command line) it also serves the `songs` slice, a fake storage
 * origin on 127.0.0.1:4998 and an ffmpeg "worker": see scripts/mock-songs.ts.
 *
 *   npx tsx scripts/mock-router.ts            # listens on 127.0.0.1:4999 (storage on 4998)
 *   GRAPHQL_URL=http://127.0.0.1:4999/graphql npm run dev
 */
import http from 'node:http';
import { randomBytes, randomUUID } from 'node:crypto';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { createSongsSlice, type SongsSlice, type SongsSliceOptions } from './mock-songs';

type GqlError = { message: string; extensions: Record<string, unknown> };
class Fail extends Error {
  constructor(readonly error: GqlError) {
    super(error.message);
  }
}
const fail = (code: string, message: string, extra: Record<string, unknown> = {}): never => {
  throw new Fail({ message, extensions: { code, ...extra } });
};

interface MockUser {
  id: string;
  email: string;
  password: string;
  displayName: string;
  createdAt: string;
}
interface MockKey {
  id: string;
  userId: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface MockRouter {
  url: string;
  stats: { refreshes: number; rejectedRefreshes: number; logouts: number; logins: number };
  setAccessTtlSeconds(seconds: number): void;
  /** Simulates the server revoking every session (e.g. "sign out everywhere"). */
  revokeAllRefreshTokens(): void;
  /** The songs slice and fake storage, when started with `songs`. */
  songs: SongsSlice | undefined;
  close(): Promise<void>;
}

export async function startMockRouter(
  port = 4999,
  accessTtlSeconds = 900,
  options: { songs?: SongsSliceOptions } = {},
): Promise<MockRouter> {
  const users = new Map<string, MockUser>();
  const accessTokens = new Map<string, { userId: string; expiresAt: number }>();
  const refreshTokens = new Map<string, string>(); // token → userId (deleted when rotated/revoked)
  const keys: MockKey[] = [];
  const loginFailures = new Map<string, number>();
  const stats = { refreshes: 0, rejectedRefreshes: 0, logouts: 0, logins: 0 };
  let ttl = accessTtlSeconds;

  const publicUser = (u: MockUser) => ({
    id: u.id,
    displayName: u.displayName,
    avatarUrl: null,
    createdAt: u.createdAt,
  });
  const issue = (u: MockUser) => {
    const accessToken = `at_${randomBytes(12).toString('hex')}`;
    const refreshToken = `rt_${randomBytes(12).toString('hex')}`;
    const expiresAt = Date.now() + ttl * 1000;
    accessTokens.set(accessToken, { userId: u.id, expiresAt });
    refreshTokens.set(refreshToken, u.id);
    return {
      accessToken,
      refreshToken,
      accessTokenExpiresAt: new Date(expiresAt).toISOString(),
      user: publicUser(u),
    };
  };
  const viewer = (authorization: string | undefined): MockUser | undefined => {
    const token = authorization?.replace(/^Bearer /, '');
    const entry = token ? accessTokens.get(token) : undefined;
    if (!entry) return undefined;
    if (entry.expiresAt < Date.now()) fail('UNAUTHENTICATED', 'Access token expired');
    return [...users.values()].find((u) => u.id === entry.userId);
  };
  const requireViewer = (authorization: string | undefined) =>
    viewer(authorization) ?? fail('UNAUTHENTICATED', 'Sign in first');
  const songs = options.songs
    ? await createSongsSlice(fail, requireViewer, options.songs)
    : undefined;
  const validatePassword = (password: string, field: string) => {
    if ([...password].length < 12)
      fail('BAD_USER_INPUT', 'Password must be at least 12 characters', { field });
  };

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- GraphQL variables; each operation knows its shape
  const resolvers: Record<string, (vars: Record<string, any>, authorization?: string) => unknown> =
    {
      Register: ({ input }) => {
        const email = String(input.email).toLowerCase();
        if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
          fail('BAD_USER_INPUT', 'Enter a valid email address', { field: 'input.email' });
        validatePassword(input.password, 'input.password');
        const displayName = String(input.displayName).trim();
        if (!displayName || displayName.length > 50)
          fail('BAD_USER_INPUT', 'Display name must be 1 to 50 characters', {
            field: 'input.displayName',
          });
        if ([...users.values()].some((u) => u.email === email))
          fail('CONFLICT', 'An account with this email already exists');
        const user: MockUser = {
          id: randomUUID(),
          email,
          password: input.password,
          displayName,
          createdAt: new Date().toISOString(),
        };
        users.set(user.id, user);
        return { register: issue(user) };
      },
      Login: ({ email, password }) => {
        const key = String(email).toLowerCase();
        const failures = loginFailures.get(key) ?? 0;
        if (failures >= 5)
          fail('RATE_LIMITED', 'Too many login attempts', { retryAfterSeconds: 42 });
        const user = [...users.values()].find((u) => u.email === key && u.password === password);
        if (!user) {
          loginFailures.set(key, failures + 1);
          fail('UNAUTHENTICATED', 'Invalid email or password');
        }
        loginFailures.delete(key);
        stats.logins += 1;
        return { login: issue(user!) };
      },
      RefreshSession: ({ refreshToken }) => {
        const userId = refreshTokens.get(refreshToken);
        if (!userId) {
          stats.rejectedRefreshes += 1;
          fail('UNAUTHENTICATED', 'Refresh token is invalid or was already used');
        }
        refreshTokens.delete(refreshToken);
        stats.refreshes += 1;
        return { refreshSession: issue(users.get(userId!)!) };
      },
      Logout: ({ refreshToken }) => {
        stats.logouts += 1;
        return { logout: refreshTokens.delete(refreshToken) };
      },
      SignInWithGoogle: () =>
        fail('UNAUTHENTICATED', 'Google sign-in is not available in the mock'),
      Account: (_v, authorization) => {
        const user = viewer(authorization);
        if (!user) return { me: null };
        return {
          me: {
            email: user.email,
            user: publicUser(user),
            apiKeys: keys.filter((k) => k.userId === user.id).map(({ userId: _u, ...k }) => k),
          },
        };
      },
      UpdateProfile: ({ input }, authorization) => {
        const user = requireViewer(authorization);
        const name = String(input.displayName).trim();
        if (!name || name.length > 50)
          fail('BAD_USER_INPUT', 'Display name must be 1 to 50 characters', {
            field: 'input.displayName',
          });
        user.displayName = name;
        return { updateProfile: { id: user.id, displayName: name } };
      },
      CreateApiKey: ({ name }, authorization) => {
        const user = requireViewer(authorization);
        if (!String(name).trim()) fail('BAD_USER_INPUT', 'Name is required', { field: 'name' });
        const secret = `gsk_${randomBytes(24).toString('hex')}`;
        const key: MockKey = {
          id: randomUUID(),
          userId: user.id,
          name: String(name).trim(),
          prefix: secret.slice(0, 10),
          createdAt: new Date().toISOString(),
          lastUsedAt: null,
        };
        keys.push(key);
        const { userId: _u, ...apiKey } = key;
        return { createApiKey: { secret, apiKey } };
      },
      RevokeApiKey: ({ id }, authorization) => {
        const user = requireViewer(authorization);
        const index = keys.findIndex((k) => k.id === id && k.userId === user.id);
        if (index < 0) fail('NOT_FOUND', 'No such key');
        keys.splice(index, 1);
        return { revokeApiKey: true };
      },
      ChangePassword: ({ currentPassword, newPassword }, authorization) => {
        const user = requireViewer(authorization);
        if (user.password !== currentPassword)
          fail('BAD_USER_INPUT', 'Current password is wrong', { field: 'currentPassword' });
        validatePassword(newPassword, 'newPassword');
        user.password = newPassword;
        return { changePassword: true };
      },
      ...songs?.resolvers,
    };

  const server = http.createServer((req, res) => {
    const cors = {
      'access-control-allow-origin': req.headers.origin ?? '*',
      'access-control-allow-headers':
        'content-type, authorization, apollographql-client-name, x-api-key',
      'access-control-allow-methods': 'POST, OPTIONS',
      vary: 'origin',
    };
    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors).end();
      return;
    }
    if (req.method === 'GET' && req.url === '/stats') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(stats));
      return;
    }
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      const send = (status: number, body: unknown) =>
        res
          .writeHead(status, { ...cors, 'content-type': 'application/json' })
          .end(JSON.stringify(body));
      try {
        const { query, variables } = JSON.parse(raw) as {
          query: string;
          variables?: Record<string, unknown>;
        };
        const op = parse(query).definitions.find(
          (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
        );
        const resolver = op?.name ? resolvers[op.name.value] : undefined;
        if (!resolver) {
          send(400, {
            errors: [
              { message: 'Unknown operation', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
            ],
          });
          return;
        }
        send(200, { data: resolver(variables ?? {}, req.headers.authorization) });
      } catch (error) {
        if (error instanceof Fail) send(200, { data: null, errors: [error.error] });
        else
          send(500, {
            errors: [{ message: 'Internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
          });
      }
    });
  });

  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      resolve({
        url: `http://127.0.0.1:${port}/graphql`,
        stats,
        setAccessTtlSeconds: (seconds) => {
          ttl = seconds;
        },
        revokeAllRefreshTokens: () => refreshTokens.clear(),
        songs,
        close: async () => {
          await new Promise<void>((done) => server.close(() => done()));
          await songs?.close();
        },
      });
    });
  });
}

if (require.main === module) {
  const port = Number(process.argv[2] ?? 4999);
  const ttl = Number(process.env.MOCK_ACCESS_TTL_S ?? 900);
  void startMockRouter(port, ttl, { songs: {} }).then((mock) => {
    console.log(`mock router (auth + songs) at ${mock.url}, access TTL ${ttl}s`);
    console.log(`fake storage at ${mock.songs?.storageUrl}`);
    console.log(
      `seed artist /artists/${mock.songs?.ids.artistId}, album /albums/${mock.songs?.ids.albumId}`,
    );
  });
}
