import { SignJWT, importJWK } from 'jose';
import {
  CREATE_API_KEY,
  LOGIN,
  ME,
  REFRESH,
  REVOKE_API_KEY,
  registerListener,
  Stack,
  type Session,
} from '../testkit';

describe('identity through the router (auth + router as real processes)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await Stack.start({
      routerEnv: { API_KEY_CACHE_TTL_MS: '500' },
      // No refresh grace window here: a reused token is theft at once (auth's tests cover the window).
      authEnv: { REFRESH_TOKEN_REUSE_GRACE_SECONDS: '0', LOGIN_MAX_FAILURES_PER_IP: '10' },
    });
  });
  afterAll(() => stack?.stop());

  it('register → login → me', async () => {
    const { email, password, session } = await registerListener(stack, 'Nina Simone');
    const login = await stack.execute<{ login: Session }>(LOGIN, {
      email: email.toUpperCase(),
      password,
    });
    expect(login.errors).toBeUndefined();
    const me = await stack.execute<{
      me: { email: string; user: { id: string; displayName: string } };
    }>(
      ME,
      {},
      {
        token: login.data!.login.accessToken,
      },
    );
    expect(me.status).toBe(200);
    expect(me.data!.me).toMatchObject({
      email,
      user: { id: session.user.id, displayName: 'Nina Simone' },
    });
    expect((await stack.execute(ME)).data).toEqual({ me: null });
  });

  it('rotates refresh tokens and revokes the family when a rotated one is reused', async () => {
    const { session } = await registerListener(stack);
    const next = await stack.execute<{ refreshSession: Session }>(REFRESH, {
      token: session.refreshToken,
    });
    expect(next.data!.refreshSession.refreshToken).not.toBe(session.refreshToken);
    const reuse = await stack.execute(REFRESH, { token: session.refreshToken });
    expect(reuse.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    const familyGone = await stack.execute(REFRESH, {
      token: next.data!.refreshSession.refreshToken,
    });
    expect(familyGone.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
  });

  describe('refuses bad access tokens with 401 UNAUTHENTICATED', () => {
    const sign = async (claims: { exp?: number; iss?: string; sub?: string }) => {
      const key = await importJWK(stack.signingKey, 'ES256');
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({})
        .setProtectedHeader({ alg: 'ES256', kid: stack.signingKey.kid! })
        .setSubject(claims.sub ?? '000000000000000000000001')
        .setIssuer(claims.iss ?? 'groovy-auth')
        .setAudience('groovy-api')
        .setIssuedAt(now - 3600)
        .setExpirationTime(claims.exp ?? now + 600)
        .sign(key);
    };

    it.each([
      ['expired', async () => sign({ exp: Math.floor(Date.now() / 1000) - 60 })],
      ['from another issuer', async () => sign({ iss: 'someone-else' })],
      [
        'forged (signature of another key)',
        async () => {
          const real = await sign({});
          const [header, payload] = real.split('.');
          return `${header}.${payload}.${Buffer.from('not the signature').toString('base64url')}`;
        },
      ],
      [
        'alg:none',
        async () => {
          const encode = (value: object) =>
            Buffer.from(JSON.stringify(value)).toString('base64url');
          const exp = Math.floor(Date.now() / 1000) + 600;
          return `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ sub: 'x', iss: 'groovy-auth', aud: 'groovy-api', exp })}.`;
        },
      ],
      ['garbage', async () => 'not-a-jwt'],
    ])('%s', async (_name, makeToken) => {
      const result = await stack.execute(ME, {}, { token: await makeToken() });
      expect(result.status).toBe(401);
      expect(result.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    });

    it('while a well-signed token of the same key is accepted (the checks above are not vacuous)', async () => {
      const { session } = await registerListener(stack);
      const token = await sign({ sub: session.user.id });
      const me = await stack.execute<{ me: { user: { id: string } } }>(ME, {}, { token });
      expect(me.data!.me.user.id).toBe(session.user.id);
    });
  });

  it('accepts an API key, and stops accepting it within the cache bound after revoke', async () => {
    const { session } = await registerListener(stack, 'App Developer');
    const created = await stack.execute<{
      createApiKey: { secret: string; apiKey: { id: string } };
    }>(CREATE_API_KEY, { name: 'integration app' }, { token: session.accessToken });
    const { secret, apiKey } = created.data!.createApiKey;
    const viaKey = await stack.execute<{ me: { user: { id: string } } }>(
      'query { me { user { id } } }',
      {},
      { apiKey: secret },
    );
    expect(viaKey.data!.me.user.id).toBe(session.user.id);

    const revoked = await stack.execute(
      REVOKE_API_KEY,
      { id: apiKey.id },
      { token: session.accessToken },
    );
    expect(revoked.data).toEqual({ revokeApiKey: true });
    // API_KEY_CACHE_TTL_MS is 500 here: within a bounded number of tries the router refuses the key.
    let status = 200;
    for (let attempt = 0; attempt < 40 && status !== 401; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = (await stack.execute('query { me { user { id } } }', {}, { apiKey: secret })).status;
    }
    expect(status).toBe(401);
    expect((await stack.execute(ME, {}, { apiKey: 'gsk_00000000_never-issued' })).status).toBe(401);
  });

  it('ignores an identity header a client forges', async () => {
    const forged = await stack.execute(
      ME,
      {},
      { headers: { 'x-groovy-identity': 'eyJhbGciOiJIUzI1NiJ9.e30.forged' } },
    );
    expect(forged.data).toEqual({ me: null });
  });

  it('throttles sign-in through the router, whatever the batching', async () => {
    const { email, password } = await registerListener(stack);
    const guesses = await Promise.all(
      Array.from({ length: 7 }, (_, n) =>
        stack.execute(LOGIN, { email, password: `wrong guess number ${n}` }),
      ),
    );
    const codes = guesses.map((g) => g.errors![0]!.extensions!.code);
    expect(codes.filter((c) => c === 'UNAUTHENTICATED')).toHaveLength(5);
    expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(2);
    const right = await stack.execute(LOGIN, { email, password });
    expect(right.errors![0]!.extensions!.code).toBe('RATE_LIMITED');
  });

  it('throttles sign-in per client address: one client’s failures do not lock out another', async () => {
    // The test client is on loopback, which the router trusts as a proxy (as it trusts the web app):
    // x-forwarded-for names the browser, and the router signs that address for auth.
    const { email, password } = await registerListener(stack);
    const from = (address: string) => ({ headers: { 'x-forwarded-for': address } });
    for (let n = 0; n < 10; n += 1) {
      const guess = await stack.execute(
        LOGIN,
        { email: `nobody-${n}@example.com`, password: 'wrong guess!!' },
        from('203.0.113.50'),
      );
      expect(guess.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    }
    const attacker = await stack.execute(LOGIN, { email, password }, from('203.0.113.50'));
    expect(attacker.errors![0]!.extensions!.code).toBe('RATE_LIMITED');
    const neighbour = await stack.execute<{ login: Session }>(
      LOGIN,
      { email, password },
      from('203.0.113.51'),
    );
    expect(neighbour.errors).toBeUndefined();
    expect(neighbour.data!.login.accessToken).toEqual(expect.any(String));
  });
});
