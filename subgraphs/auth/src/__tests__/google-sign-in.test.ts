import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { AuthTestServer, GOOGLE, ME, type AuthPayloadShape } from './auth-test-server';

const CLIENT_ID = 'groovy-test.apps.googleusercontent.com';

/** A stand-in for Google's JWKS endpoint, serving keys this test generated. */
async function startFakeGoogle() {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const server = http.createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    jwksUrl: `http://127.0.0.1:${port}/certs`,
    privateKey,
    close: () => new Promise((r) => server.close(r)),
  };
}

function idToken(
  key: KeyLike,
  claims: Record<string, unknown>,
  options: { audience?: string; issuer?: string; expiresIn?: string } = {},
) {
  return new SignJWT({ email_verified: true, ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
    .setIssuer(options.issuer ?? 'https://accounts.google.com')
    .setAudience(options.audience ?? CLIENT_ID)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '1h')
    .sign(key);
}

describe('auth: sign in with Google', () => {
  let google: Awaited<ReturnType<typeof startFakeGoogle>>;
  let server: AuthTestServer;
  beforeAll(async () => {
    google = await startFakeGoogle();
    server = await AuthTestServer.start({
      GOOGLE_CLIENT_ID: CLIENT_ID,
      GOOGLE_JWKS_URL: google.jwksUrl,
    });
  });
  afterAll(async () => {
    await server?.stop();
    await google?.close();
  });

  const signIn = (token: string) =>
    server.execute<{ signInWithGoogle: AuthPayloadShape }>(GOOGLE, { idToken: token });

  it('creates an account on first sign-in and finds the same one afterwards', async () => {
    const token = await idToken(google.privateKey, {
      sub: 'google-1',
      email: 'Lin@Gmail.com',
      name: 'Lin Chen',
    });
    const first = await signIn(token);
    expect(first.errors).toBeUndefined();
    expect(first.data!.signInWithGoogle.user.displayName).toBe('Lin Chen');
    const again = await signIn(
      await idToken(google.privateKey, { sub: 'google-1', email: 'lin@gmail.com' }),
    );
    expect(again.data!.signInWithGoogle.user.id).toBe(first.data!.signInWithGoogle.user.id);
  });

  it('links to an existing password account with the same verified email', async () => {
    const existing = await server.register('Sam@Example.com');
    const linked = await signIn(
      await idToken(google.privateKey, { sub: 'google-2', email: 'sam@example.com', name: 'Sam' }),
    );
    expect(linked.data!.signInWithGoogle.user.id).toBe(existing.user.id);
    const me = await server.execute<{ me: { email: string } }>(
      ME,
      {},
      { as: { kind: 'user', userId: existing.user.id } },
    );
    expect(me.data!.me.email).toBe('Sam@Example.com');
  });

  it.each([
    ['another audience', { audience: 'someone-else.apps.googleusercontent.com' }, {}],
    ['another issuer', { issuer: 'https://evil.example' }, {}],
    ['an expired token', { expiresIn: '-1m' }, {}],
    ['an unverified email', {}, { email_verified: false }],
  ])('refuses %s', async (_name, options, claims) => {
    const token = await idToken(
      google.privateKey,
      { sub: 'google-3', email: 'x@example.com', ...claims },
      options,
    );
    const result = await signIn(token);
    expect(result.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a token signed by a key Google does not publish', async () => {
    const { privateKey: stranger } = await generateKeyPair('RS256');
    const result = await signIn(
      await idToken(stranger, { sub: 'google-4', email: 'y@example.com' }),
    );
    expect(result.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('says clearly when Google sign-in is not configured', async () => {
    const unconfigured = await AuthTestServer.start();
    try {
      const token = await idToken(google.privateKey, { sub: 'google-5', email: 'z@example.com' });
      const result = await unconfigured.execute(GOOGLE, { idToken: token });
      expect(result.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'idToken' });
      expect(result.errors![0]!.message).toMatch(/not configured/);
    } finally {
      await unconfigured.stop();
    }
  });
});
