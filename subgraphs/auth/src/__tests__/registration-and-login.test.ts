import { createRemoteJWKSet, jwtVerify } from 'jose';
import mongoose from 'mongoose';
import { AuthTestServer, LOGIN, ME, type AuthPayloadShape } from './auth-test-server';

describe('auth: registration, sign-in and the viewer', () => {
  let server: AuthTestServer;
  beforeAll(async () => {
    server = await AuthTestServer.start();
  });
  afterAll(() => server?.stop());

  it('registers, signs in with any case of the email, and answers me for the signed-in caller only', async () => {
    const registered = await server.register(
      'Ada.Lovelace@Example.com',
      'analytical engine notes',
      '  Ada   Lovelace ',
    );
    expect(registered.user.displayName).toBe('Ada Lovelace');

    const login = await server.execute<{ login: AuthPayloadShape }>(LOGIN, {
      email: '  ada.lovelace@EXAMPLE.com',
      password: 'analytical engine notes',
    });
    expect(login.errors).toBeUndefined();
    expect(login.data!.login.user.id).toBe(registered.user.id);

    const me = await server.execute<{ me: { email: string; user: { id: string } } }>(
      ME,
      {},
      {
        as: { kind: 'user', userId: registered.user.id },
      },
    );
    expect(me.data!.me).toMatchObject({
      email: 'Ada.Lovelace@Example.com',
      user: { id: registered.user.id },
    });
    expect((await server.execute(ME)).data).toEqual({ me: null });
  });

  it('refuses a second account for the same email in another case, with CONFLICT on the email field', async () => {
    await server.register('grace@example.com');
    const again = await server.execute(
      'mutation { register(input: { email: "GRACE@example.com", password: "another long passphrase", displayName: "G" }) { accessToken } }',
    );
    expect(again.errors![0]!.extensions).toEqual({ code: 'CONFLICT', field: 'email' });
  });

  it.each([
    [
      'email',
      { email: 'not-an-email', password: 'a long enough passphrase', displayName: 'X' },
      /valid email/,
    ],
    [
      'password',
      { email: 'short@example.com', password: 'short', displayName: 'X' },
      /at least 12 characters/,
    ],
    [
      'password',
      { email: 'common@example.com', password: 'password1234', displayName: 'X' },
      /too easy to guess/,
    ],
    [
      'password',
      { email: 'samename@example.com', password: 'samename-is-my-password', displayName: 'X' },
      /email/,
    ],
    [
      'displayName',
      { email: 'blank@example.com', password: 'a long enough passphrase', displayName: '   ' },
      /empty/,
    ],
    [
      'displayName',
      {
        email: 'long@example.com',
        password: 'a long enough passphrase',
        displayName: 'x'.repeat(51),
      },
      /at most 50/,
    ],
  ])('rejects a bad %s with BAD_USER_INPUT naming it', async (field, input, message) => {
    const result = await server.execute(
      'mutation R($input: RegisterInput!) { register(input: $input) { accessToken } }',
      { input },
    );
    expect(result.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', field });
    expect(result.errors![0]!.message).toMatch(message);
  });

  it('answers "no such user" and "wrong password" with the same error', async () => {
    await server.register('same-error@example.com');
    const unknown = await server.execute(LOGIN, {
      email: 'nobody-here@example.com',
      password: 'whatever whatever',
    });
    const wrong = await server.execute(LOGIN, {
      email: 'same-error@example.com',
      password: 'whatever whatever',
    });
    expect(unknown.errors![0]).toEqual(wrong.errors![0]);
    expect(wrong.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('issues ES256 access tokens for 15 minutes that verify against the published JWKS', async () => {
    const { accessToken, accessTokenExpiresAt, user } = await server.register('jwks@example.com');
    const jwks = createRemoteJWKSet(new URL(`${server.subgraph.baseUrl}/.well-known/jwks.json`));
    const { payload, protectedHeader } = await jwtVerify(accessToken, jwks, {
      issuer: 'groovy-auth',
      audience: 'groovy-api',
      algorithms: ['ES256'],
    });
    expect(protectedHeader.alg).toBe('ES256');
    expect(payload.sub).toBe(user.id);
    expect(payload.exp! - payload.iat!).toBe(15 * 60);
    expect(new Date(accessTokenExpiresAt).getTime()).toBe(payload.exp! * 1000);
  });

  it('stores passwords only as argon2id hashes with at least OWASP parameters', async () => {
    await server.register('hash@example.com', 'a password nobody stores');
    const stored = await server.subgraph.connection
      .collection('users')
      .findOne({ emailNormalised: 'hash@example.com' });
    expect(stored!.passwordHash).toMatch(/^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=1\$/);
    const [, memory, time] = /m=(\d+),t=(\d+)/.exec(stored!.passwordHash as string)!;
    expect(Number(memory)).toBeGreaterThanOrEqual(19_456);
    expect(Number(time)).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(stored)).not.toContain('a password nobody stores');
  });

  it('updates the profile with validation, and resolves User references in one batch', async () => {
    const { user } = await server.register('profile@example.com');
    const as = { kind: 'user' as const, userId: user.id };
    const updated = await server.execute(
      'mutation { updateProfile(input: { displayName: "New Name", avatarUrl: "https://img.example/a.png" }) { displayName avatarUrl } }',
      {},
      { as },
    );
    expect(updated.data).toEqual({
      updateProfile: { displayName: 'New Name', avatarUrl: 'https://img.example/a.png' },
    });
    const badUrl = await server.execute(
      'mutation { updateProfile(input: { avatarUrl: "javascript:alert(1)" }) { id } }',
      {},
      { as },
    );
    expect(badUrl.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'avatarUrl' });
    const anonymous = await server.execute(
      'mutation { updateProfile(input: { displayName: "x" }) { id } }',
    );
    expect(anonymous.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');

    const other = await server.register('profile-2@example.com', undefined, 'Second');
    const queries: string[] = [];
    mongoose.set('debug', (collection: string, method: string) =>
      queries.push(`${collection}.${method}`),
    );
    const entities = await server.execute(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id displayName } } }',
      {
        r: [
          { __typename: 'User', id: user.id },
          { __typename: 'User', id: other.user.id },
          { __typename: 'User', id: '000000000000000000000000' },
        ],
      },
    );
    mongoose.set('debug', false);
    expect(queries.filter((q) => q.startsWith('users.'))).toEqual(['users.find']);
    expect(entities.data!._entities).toEqual([
      { id: user.id, displayName: 'New Name' },
      { id: other.user.id, displayName: 'Second' },
      null,
    ]);
  });
});
