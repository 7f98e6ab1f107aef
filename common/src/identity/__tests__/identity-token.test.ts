import { SignJWT } from 'jose';
import {
  knownRoles,
  signIdentityToken,
  verifyIdentityToken,
  verifyRouterToken,
} from '../identity-token';

const SECRET = 'a-test-secret-that-is-long-enough-for-hs256';

describe('identity tokens (router → subgraph)', () => {
  it('round-trips a user and an API-key identity', async () => {
    const user = await signIdentityToken({ kind: 'user', userId: 'u1' }, SECRET);
    expect(await verifyIdentityToken(user, SECRET)).toEqual({
      kind: 'user',
      userId: 'u1',
      roles: [],
    });
    const key = await signIdentityToken({ kind: 'apiKey', userId: 'u2', apiKeyId: 'k9' }, SECRET);
    expect(await verifyIdentityToken(key, SECRET)).toEqual({
      kind: 'apiKey',
      userId: 'u2',
      apiKeyId: 'k9',
      roles: [],
    });
  });

  it("carries a user's roles, drops unknown ones, and never gives an API key any", async () => {
    const moderator = await signIdentityToken(
      { kind: 'user', userId: 'u1', roles: ['MODERATOR'] },
      SECRET,
    );
    expect(await verifyIdentityToken(moderator, SECRET)).toEqual({
      kind: 'user',
      userId: 'u1',
      roles: ['MODERATOR'],
    });
    const key = await signIdentityToken(
      { kind: 'apiKey', userId: 'u2', apiKeyId: 'k9', roles: ['MODERATOR'] },
      SECRET,
    );
    expect((await verifyIdentityToken(key, SECRET))?.roles).toEqual([]);
    // A token (signed with the right secret) naming roles the code does not know: only known ones count.
    const odd = await new SignJWT({ kind: 'user', roles: ['ADMIN', 'MODERATOR', 42, 'MODERATOR'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('groovy-router')
      .setAudience('groovy-subgraphs')
      .setSubject('u3')
      .setExpirationTime('1m')
      .sign(new TextEncoder().encode(SECRET));
    expect(await verifyIdentityToken(odd, SECRET)).toEqual({
      kind: 'user',
      userId: 'u3',
      roles: ['MODERATOR'],
    });
    expect(knownRoles(['SUPERUSER', 'moderator'])).toEqual([]);
    expect(knownRoles('MODERATOR')).toEqual([]);
  });

  it('ignores a missing, forged, tampered, expired or alg:none token', async () => {
    expect(await verifyIdentityToken(undefined, SECRET)).toBeNull();
    expect(await verifyIdentityToken('not-a-jwt', SECRET)).toBeNull();

    const forged = await signIdentityToken(
      { kind: 'user', userId: 'u1' },
      'another-secret-that-is-long-enough-too!!',
    );
    expect(await verifyIdentityToken(forged, SECRET)).toBeNull();

    const good = await signIdentityToken({ kind: 'user', userId: 'u1' }, SECRET);
    const [header, payload, signature] = good.split('.');
    const otherUser = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(payload!, 'base64url').toString()),
        sub: 'admin',
      }),
    ).toString('base64url');
    expect(await verifyIdentityToken(`${header}.${otherUser}.${signature}`, SECRET)).toBeNull();

    const expired = await signIdentityToken({ kind: 'user', userId: 'u1' }, SECRET, -10);
    expect(await verifyIdentityToken(expired, SECRET)).toBeNull();

    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
    expect(await verifyIdentityToken(none, SECRET)).toBeNull();
  });

  it('rejects a token for another audience even with the right secret', async () => {
    const wrongAudience = await new SignJWT({ kind: 'user' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u1')
      .setIssuer('groovy-router')
      .setAudience('somebody-else')
      .setExpirationTime('1m')
      .sign(new TextEncoder().encode(SECRET));
    expect(await verifyIdentityToken(wrongAudience, SECRET)).toBeNull();
  });

  it('refuses a secret too short to be safe', async () => {
    await expect(signIdentityToken({ kind: 'user', userId: 'u1' }, 'short')).rejects.toThrow(
      /at least 32/,
    );
  });
});

describe('router claims: caller and client address', () => {
  it('carries the client address for users, API keys and anonymous callers', async () => {
    const anonymous = await signIdentityToken(null, SECRET, 60, '203.0.113.7');
    expect(await verifyRouterToken(anonymous, SECRET)).toEqual({
      identity: null,
      clientAddress: '203.0.113.7',
    });
    expect(await verifyIdentityToken(anonymous, SECRET)).toBeNull();

    const user = await signIdentityToken({ kind: 'user', userId: 'u1' }, SECRET, 60, '2001:db8::1');
    expect(await verifyRouterToken(user, SECRET)).toEqual({
      identity: { kind: 'user', userId: 'u1', roles: [] },
      clientAddress: '2001:db8::1',
    });
    const key = await signIdentityToken({ kind: 'apiKey', userId: 'u2', apiKeyId: 'k9' }, SECRET);
    expect(await verifyRouterToken(key, SECRET)).toEqual({
      identity: { kind: 'apiKey', userId: 'u2', apiKeyId: 'k9', roles: [] },
      clientAddress: null,
    });
  });

  it('ignores a client address not signed by the router', async () => {
    const forged = await signIdentityToken(
      null,
      'another-secret-that-is-long-enough-too!!',
      60,
      '198.51.100.1',
    );
    expect(await verifyRouterToken(forged, SECRET)).toBeNull();
    expect(await verifyRouterToken(undefined, SECRET)).toBeNull();
  });
});
