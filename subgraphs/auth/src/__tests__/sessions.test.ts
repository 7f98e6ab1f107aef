import { createHash } from 'node:crypto';
import { AuthTestServer, LOGIN, LOGOUT, REFRESH, type AuthPayloadShape } from './auth-test-server';

describe('auth: sessions', () => {
  let server: AuthTestServer;
  beforeAll(async () => {
    server = await AuthTestServer.start({
      LOGIN_MAX_FAILURES_PER_ACCOUNT: '3',
      LOGIN_LOCKOUT_SECONDS: '30',
    });
  });
  afterAll(() => server?.stop());

  const refresh = (token: string) =>
    server.execute<{ refreshSession: AuthPayloadShape }>(REFRESH, { token });

  /** Moves a token's rotation back past the reuse grace window (30 s by default). */
  const rotatedLongAgo = async (token: string) => {
    const tokenHash = createHash('sha256').update(token).digest('hex');
    const moved = await server.subgraph.connection
      .collection('refresh_tokens')
      .updateOne({ tokenHash }, { $set: { rotatedAt: new Date(Date.now() - 31_000) } });
    expect(moved.modifiedCount).toBe(1);
  };

  it('rotates the refresh token on every use and keeps it only as a hash', async () => {
    const first = await server.register('rotate@example.com');
    const second = await refresh(first.refreshToken);
    expect(second.errors).toBeUndefined();
    expect(second.data!.refreshSession.refreshToken).not.toBe(first.refreshToken);
    expect(second.data!.refreshSession.user.id).toBe(first.user.id);
    const stored = await server.subgraph.connection.collection('refresh_tokens').find({}).toArray();
    expect(JSON.stringify(stored)).not.toContain(first.refreshToken);
    expect(JSON.stringify(stored)).not.toContain(second.data!.refreshSession.refreshToken);
  });

  it('treats a rotated token presented again as theft and revokes the whole family', async () => {
    const first = await server.register('reuse@example.com');
    const second = (await refresh(first.refreshToken)).data!.refreshSession;
    await rotatedLongAgo(first.refreshToken);
    const reused = await refresh(first.refreshToken);
    expect(reused.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    // The thief's (or the victim's) newer token is dead too.
    const afterTheft = await refresh(second.refreshToken);
    expect(afterTheft.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    // Another sign-in of the same user (another family) is unaffected.
    const other = await server.execute<{ login: AuthPayloadShape }>(LOGIN, {
      email: 'reuse@example.com',
      password: 'a long enough passphrase',
    });
    expect((await refresh(other.data!.login.refreshToken)).errors).toBeUndefined();
  });

  it('gives concurrent uses of one token (two tabs, a retry) the same successor, and both sessions work', async () => {
    const first = await server.register('race@example.com');
    const results = await Promise.all([refresh(first.refreshToken), refresh(first.refreshToken)]);
    for (const result of results) expect(result.errors).toBeUndefined();
    const [a, b] = results.map((result) => result.data!.refreshSession);
    expect(a!.refreshToken).toBe(b!.refreshToken);
    expect(a!.refreshToken).not.toBe(first.refreshToken);
    expect(a!.accessToken).toEqual(expect.any(String));
    expect(b!.accessToken).toEqual(expect.any(String));
    // A late retry within the window gets that successor too, and the family lives on.
    const retry = await refresh(first.refreshToken);
    expect(retry.data!.refreshSession.refreshToken).toBe(a!.refreshToken);
    const next = await refresh(a!.refreshToken);
    expect(next.errors).toBeUndefined();
    expect((await refresh(next.data!.refreshSession.refreshToken)).errors).toBeUndefined();
    // Neither token is stored in plaintext.
    const stored = JSON.stringify(
      await server.subgraph.connection.collection('refresh_tokens').find({}).toArray(),
    );
    expect(stored).not.toContain(first.refreshToken);
    expect(stored).not.toContain(a!.refreshToken);
  });

  it('detects reuse right after rotation once the successor has been used: T0 after T0→T1→T2 revokes the family', async () => {
    const t0 = await server.register('grace-theft@example.com');
    const t1 = (await refresh(t0.refreshToken)).data!.refreshSession;
    const t2 = (await refresh(t1.refreshToken)).data!.refreshSession;
    // Well within the grace window of T0's rotation, but T1 is no longer the newest token.
    const stolen = await refresh(t0.refreshToken);
    expect(stolen.data?.refreshSession).toBeFalsy();
    expect(stolen.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    expect((await refresh(t2.refreshToken)).errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    expect((await refresh(t1.refreshToken)).errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('gives a just-rotated T1 no copy of T2 once T2 has been used (T1 after T1→T2→T3 revokes the family)', async () => {
    const t0 = await server.register('grace-theft-2@example.com');
    const t1 = (await refresh(t0.refreshToken)).data!.refreshSession;
    const t2 = (await refresh(t1.refreshToken)).data!.refreshSession;
    const t3 = (await refresh(t2.refreshToken)).data!.refreshSession;
    const stolen = await refresh(t1.refreshToken);
    expect(stolen.data?.refreshSession).toBeFalsy();
    expect(stolen.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    expect((await refresh(t3.refreshToken)).errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('revokes the family when a rotated token comes back after the grace window', async () => {
    const first = await server.register('late-reuse@example.com');
    const second = (await refresh(first.refreshToken)).data!.refreshSession;
    await rotatedLongAgo(first.refreshToken);
    expect((await refresh(first.refreshToken)).errors![0]!.extensions!.code).toBe(
      'UNAUTHENTICATED',
    );
    expect((await refresh(second.refreshToken)).errors![0]!.extensions!.code).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('logout revokes the session; unknown tokens are fine; garbage refresh tokens are refused', async () => {
    const session = await server.register('logout@example.com');
    expect((await server.execute(LOGOUT, { token: session.refreshToken })).data).toEqual({
      logout: true,
    });
    expect((await refresh(session.refreshToken)).errors![0]!.extensions!.code).toBe(
      'UNAUTHENTICATED',
    );
    expect((await server.execute(LOGOUT, { token: 'grt_unknown' })).data).toEqual({ logout: true });
    expect((await refresh('not-a-token')).errors![0]!.message).toBe(
      'Your session has expired; sign in again',
    );
  });

  it('throttles sign-in per account after repeated failures, even against the right password', async () => {
    await server.register('throttle@example.com', 'the right passphrase');
    // Six guesses at once: the count is taken before each password check, so only three get checked.
    const guesses = await Promise.all(
      [1, 2, 3, 4, 5, 6].map((n) =>
        server.execute(LOGIN, { email: 'throttle@example.com', password: `wrong guess ${n}!!` }),
      ),
    );
    const codes = guesses.map((g) => g.errors![0]!.extensions!.code).sort();
    expect(codes).toEqual([
      'RATE_LIMITED',
      'RATE_LIMITED',
      'RATE_LIMITED',
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
    ]);

    // Aliases don't buy extra guesses either: each alias is one counted attempt.
    const aliases = [1, 2].map(
      (n) =>
        `a${n}: login(email: "throttle@example.com", password: "alias ${n}!!!!!!") { accessToken }`,
    );
    const aliased = await server.execute(`mutation { ${aliases.join(' ')} }`);
    expect(aliased.errors![0]!.extensions!.code).toBe('RATE_LIMITED');

    const right = await server.execute(LOGIN, {
      email: 'throttle@example.com',
      password: 'the right passphrase',
    });
    const error = right.errors![0]!;
    expect(error.extensions!.code).toBe('RATE_LIMITED');
    expect(error.extensions!.retryAfterSeconds).toBeGreaterThan(0);
    // Three concurrent attempts went over the limit: the lockout doubled twice from 30 s.
    expect(error.extensions!.retryAfterSeconds).toBeLessThanOrEqual(120);
    expect(error.message).toMatch(/try again in \d+ s/);
  });

  it('resets the count after a successful sign-in', async () => {
    await server.register('reset@example.com', 'the right passphrase');
    const fail = () =>
      server.execute(LOGIN, { email: 'reset@example.com', password: 'wrong passphrase!' });
    await fail();
    await fail();
    const ok = await server.execute(LOGIN, {
      email: 'reset@example.com',
      password: 'the right passphrase',
    });
    expect(ok.errors).toBeUndefined();
    await fail();
    await fail();
    const stillOk = await server.execute(LOGIN, {
      email: 'reset@example.com',
      password: 'the right passphrase',
    });
    expect(stillOk.errors).toBeUndefined();
  });

  it('changes the password: checks the current one, applies the policy, and ends other sessions', async () => {
    const session = await server.register('change@example.com', 'the old passphrase');
    const as = { kind: 'user' as const, userId: session.user.id };
    const CHANGE =
      'mutation C($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }';
    const wrongCurrent = await server.execute(
      CHANGE,
      { c: 'not the old one', n: 'a brand new passphrase' },
      { as },
    );
    expect(wrongCurrent.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    const weak = await server.execute(CHANGE, { c: 'the old passphrase', n: 'short' }, { as });
    expect(weak.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'newPassword' });
    const viaApiKey = await server.execute(
      CHANGE,
      { c: 'the old passphrase', n: 'a brand new passphrase' },
      {
        as: { kind: 'apiKey', userId: session.user.id, apiKeyId: 'k1' },
      },
    );
    expect(viaApiKey.errors![0]!.extensions!.code).toBe('FORBIDDEN');

    const changed = await server.execute(
      CHANGE,
      { c: 'the old passphrase', n: 'a brand new passphrase' },
      { as },
    );
    expect(changed.data).toEqual({ changePassword: true });
    expect((await refresh(session.refreshToken)).errors![0]!.extensions!.code).toBe(
      'UNAUTHENTICATED',
    );
    const oldLogin = await server.execute(LOGIN, {
      email: 'change@example.com',
      password: 'the old passphrase',
    });
    expect(oldLogin.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    const newLogin = await server.execute(LOGIN, {
      email: 'change@example.com',
      password: 'a brand new passphrase',
    });
    expect(newLogin.errors).toBeUndefined();
  });

  it('puts the session id in the access token (sid) and tells the router which sessions are live', async () => {
    const live = (sessionIds: string[], internalSecret = server.env.IDENTITY_TOKEN_SECRET) =>
      fetch(`${server.subgraph.baseUrl}/internal/sessions/live`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-internal-secret': internalSecret },
        body: JSON.stringify({ sessionIds }),
      });
    const sidOf = (accessToken: string) =>
      (
        JSON.parse(Buffer.from(accessToken.split('.')[1]!, 'base64url').toString()) as {
          sid: string;
        }
      ).sid;
    const first = await server.register('sid@example.com');
    const sid = sidOf(first.accessToken);
    expect(sid).toEqual(expect.any(String));
    const refreshed = (await refresh(first.refreshToken)).data!.refreshSession;
    expect(sidOf(refreshed.accessToken)).toBe(sid);
    expect(await (await live([sid, 'no-such-session'])).json()).toEqual({ live: [sid] });
    await server.execute(LOGOUT, { token: refreshed.refreshToken });
    expect(await (await live([sid])).json()).toEqual({ live: [] });
    expect((await live([sid], 'wrong-secret')).status).toBe(401);
    const bad = await fetch(`${server.subgraph.baseUrl}/internal/sessions/live`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-internal-secret': server.env.IDENTITY_TOKEN_SECRET,
      },
      body: JSON.stringify({ sessionIds: 'nope' }),
    });
    expect(bad.status).toBe(400);
  });
});
