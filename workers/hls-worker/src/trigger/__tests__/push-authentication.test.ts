import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { Request } from 'express';
import { OAuth2Client } from 'google-auth-library';
import { oidcPushAuthenticator, sharedTokenPushAuthenticator } from '../push-authentication';

const AUDIENCE = 'https://worker.groovy.test/pubsub/object-finalized';
const ACCOUNT = 'storage-push@groovy-test.iam.gserviceaccount.com';

/** A key pair standing for Google's token signing key (its public half is served by the stubbed certs fetch). */
function signingKey(kid: string) {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    kid,
    privateKey,
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** An RS256 JWT as Pub/Sub's authenticated push sends it, with `overrides` applied to its claims. */
function idToken(
  key: { kid: string; privateKey: KeyObject },
  overrides: Record<string, unknown> = {},
): string {
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    iss: 'https://accounts.google.com',
    aud: AUDIENCE,
    azp: '1234567890',
    sub: '1234567890',
    email: ACCOUNT,
    email_verified: true,
    iat: now - 10,
    exp: now + 3600,
    ...overrides,
  };
  const signed = `${base64url({ alg: 'RS256', typ: 'JWT', kid: key.kid })}.${base64url(claims)}`;
  return `${signed}.${sign('RSA-SHA256', Buffer.from(signed), key.privateKey).toString('base64url')}`;
}

function request(
  headers: Record<string, string> = {},
  query: Record<string, unknown> = {},
): Request {
  const lower = Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]),
  );
  return { header: (name: string) => lower[name.toLowerCase()], query } as unknown as Request;
}

describe('OIDC push authentication (a locally generated key, certificates fetch stubbed, no network)', () => {
  const google = signingKey('google-key-1');
  const stranger = signingKey('google-key-1'); // same kid, another key: a forged signature
  const client = new OAuth2Client();
  const authenticator = oidcPushAuthenticator({
    audience: AUDIENCE,
    serviceAccountEmail: ACCOUNT,
    client,
  });
  const spies: jest.SpyInstance[] = [];

  beforeEach(() => {
    spies.push(
      jest.spyOn(client, 'getFederatedSignonCertsAsync').mockResolvedValue({
        certs: { [google.kid]: google.publicPem },
        // google-auth-library's CertificateFormat.PEM (the enum is not exported from the package root)
        format: 'PEM' as never,
      }),
      jest.spyOn(https, 'request'),
      jest.spyOn(http, 'request'),
      jest.spyOn(globalThis, 'fetch'),
    );
  });
  afterEach(() => {
    for (const spy of spies.slice(1)) expect(spy).not.toHaveBeenCalled();
    for (const spy of spies.splice(0)) spy.mockRestore();
  });

  const authenticate = (token: string) =>
    authenticator.authenticate(request({ authorization: `Bearer ${token}` }));

  it('accepts a token of the push subscription: Google-signed, for the audience, from the configured service account', async () => {
    expect(await authenticate(idToken(google))).toEqual({ ok: true });
    expect(await authenticate(idToken(google, { iss: 'accounts.google.com' }))).toEqual({
      ok: true,
    });
  });

  it.each<[string, () => string, RegExp]>([
    ['signed by another key', () => idToken(stranger), /signature/],
    [
      'for another audience',
      () => idToken(google, { aud: 'https://elsewhere.test/push' }),
      /audience/,
    ],
    ['from another issuer', () => idToken(google, { iss: 'https://evil.example' }), /issuer/],
    [
      'from a Google issuer other than accounts.google.com',
      () => idToken(google, { iss: 'googleapis.com' }),
      /issuer/,
    ],
    [
      'of another service account',
      () => idToken(google, { email: 'someone@evil.example' }),
      /another account/,
    ],
    [
      'with an unverified email',
      () => idToken(google, { email_verified: false }),
      /another account/,
    ],
    ['expired', () => idToken(google, { iat: 1_000_000, exp: 1_000_600 }), /too late/],
    ['not a JWT', () => 'not-a-token', /segments/],
  ])('refuses a token %s', async (_label, token, reason) => {
    const result = await authenticate(token());
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
    expect(JSON.stringify(result)).not.toMatch(/eyJ/); // the token is never quoted (reasons are logged)
  });

  it('refuses a push without a bearer token', async () => {
    expect(await authenticator.authenticate(request())).toEqual({
      ok: false,
      reason: 'no bearer token',
    });
    expect(
      (await authenticator.authenticate(request({ authorization: `Basic ${idToken(google)}` }))).ok,
    ).toBe(false);
  });
});

describe('shared-token push authentication (the embedded and dev path)', () => {
  const token = 'a-shared-push-token-of-at-least-32-characters';
  const authenticator = sharedTokenPushAuthenticator(token);

  it('accepts the token from the URL (?token=) or the x-groovy-push-token header', async () => {
    expect(await authenticator.authenticate(request({}, { token }))).toEqual({ ok: true });
    expect(await authenticator.authenticate(request({ 'x-groovy-push-token': token }))).toEqual({
      ok: true,
    });
  });

  it('refuses a missing, wrong, longer, shorter or repeated token', async () => {
    for (const req of [
      request(),
      request({}, { token: 'wrong' }),
      request({}, { token: `${token}x` }),
      request({}, { token: token.slice(0, -1) }),
      request({}, { token: [token, token] }),
      request({ 'x-groovy-push-token': token.toUpperCase() }),
    ]) {
      expect((await authenticator.authenticate(req)).ok).toBe(false);
    }
  });
});
