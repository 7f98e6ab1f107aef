// The router end to end: real fixture subgraphs, a fake auth (JWKS + API keys), a composed supergraph
// file, and the router on a free port, all spoken to over HTTP.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { IDENTITY_HEADER, signIdentityToken } from '@groovy/common/identity';
import { TEST_ENVIRONMENT } from '@groovy/common/testing';
import { getIntrospectionQuery } from 'graphql';
import { postGraphQL, startTestStack, type TestStack } from './fixtures/test-stack';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
  await stack?.stop();
});

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function expectError(
  body: { errors?: Array<{ message: string; extensions?: Record<string, unknown> }> },
  code: string,
) {
  expect(body.errors).toHaveLength(1);
  expect(body.errors![0]!.extensions!.code).toBe(code);
  expect(body.errors![0]!.extensions).not.toHaveProperty('stacktrace');
  return body.errors![0]!;
}

describe('federation', () => {
  it('answers an anonymous query across two subgraphs (an entity of one extended by the other)', async () => {
    const result = await postGraphQL(
      stack.router.url,
      '{ song(id: "s2") { title uploader { id displayName songs(first: 2) { id title } } } }',
    );
    expect(result.status).toBe(200);
    expect(result.body).toEqual({
      data: {
        song: {
          title: 'Song 2',
          uploader: {
            id: 'u2',
            displayName: 'User u2',
            songs: [
              { id: 's2', title: 'Song 2' },
              { id: 's7', title: 'Song 7' },
            ],
          },
        },
      },
    });
  });

  it('forwards x-request-id to subgraphs and echoes it', async () => {
    const result = await postGraphQL(stack.router.url, '{ requestId }', undefined, {
      headers: { 'x-request-id': 'req-forwarded-1' },
    });
    expect(result.body.data).toEqual({ requestId: 'req-forwarded-1' });
    expect(result.headers.get('x-request-id')).toBe('req-forwarded-1');
  });

  it('serves introspection (under the same limits) and hides "did you mean" suggestions', async () => {
    const introspection = await postGraphQL(
      stack.router.url,
      getIntrospectionQuery({ inputValueDeprecation: true, descriptions: true }),
    );
    expect(introspection.status).toBe(200);
    const types = (
      introspection.body.data!.__schema as { types: Array<{ name: string }> }
    ).types.map((type) => type.name);
    expect(types).toEqual(expect.arrayContaining(['Song', 'User', 'Query']));
    expect(types).not.toContain('_Service');

    const typo = await postGraphQL(stack.router.url, '{ songz { id } }');
    const error = expectError(typo.body, 'GRAPHQL_VALIDATION_FAILED');
    expect(error.message).not.toMatch(/Did you mean/i);
  });

  it('passes subgraph errors through with their public code, and masks the unexpected', async () => {
    const result = await postGraphQL(
      stack.router.url,
      '{ adminSecret rename(name: "taken") crash requestId }',
    );
    expect(result.status).toBe(200);
    expect(result.body.data).toEqual({
      adminSecret: null,
      rename: null,
      crash: null,
      requestId: expect.any(String),
    });
    const byPath = Object.fromEntries(
      result.body.errors!.map((error) => [String(error.path), error]),
    );
    expect(byPath.adminSecret).toMatchObject({
      message: 'Only admins may read this',
      extensions: { code: 'FORBIDDEN' },
    });
    expect(byPath.rename).toMatchObject({
      message: 'name "taken" is taken',
      extensions: { code: 'BAD_USER_INPUT', field: 'name' },
    });
    expect(byPath.crash).toMatchObject({
      message: 'Internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(JSON.stringify(result.body)).not.toMatch(/hunter2|serviceName|stacktrace/);
  });

  it('refuses a GET without a CSRF-safe header (Apollo CSRF prevention)', async () => {
    const response = await fetch(
      `${stack.router.url}?query=${encodeURIComponent('{ requestId }')}`,
    );
    expect(response.status).toBe(400);
    const allowed = await fetch(
      `${stack.router.url}?query=${encodeURIComponent('{ requestId }')}`,
      {
        headers: { 'apollo-require-preflight': 'true' },
      },
    );
    expect(allowed.status).toBe(200);
  });

  it('sends a subgraph’s requests to SUBGRAPH_<NAME>_URL when set', async () => {
    const router = await stack.startRouter({ SUBGRAPH_LIBRARY_URL: 'http://127.0.0.1:9/graphql' });
    const result = await postGraphQL(
      router.url,
      '{ user(id: "u1") { displayName } song(id: "s1") { title } }',
    );
    expect(result.body.data).toEqual({ user: { displayName: 'User u1' }, song: null });
    expect(result.body.errors![0]!.extensions).toEqual({
      code: 'INTERNAL_SERVER_ERROR',
      service: 'library',
    });
    const ready = await fetch(`${router.baseUrl}/readyz`);
    expect(ready.status).toBe(503);
    expect(
      ((await ready.json()) as { checks: Record<string, string> }).checks['subgraph:library'],
    ).toBe('failing');
  });

  it('answers CORS preflights for allowed browser origins only', async () => {
    const preflight = (origin: string) =>
      fetch(stack.router.url, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type, authorization',
        },
      });
    const allowed = await preflight('http://localhost:3000');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(allowed.headers.get('access-control-allow-headers')).toContain('authorization');
    const other = await preflight('https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();

    const post = await postGraphQL(stack.router.url, '{ requestId }', undefined, {
      headers: { origin: 'http://127.0.0.1:3000' },
    });
    expect(post.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:3000');
  });

  it('exposes Prometheus metrics of GraphQL operations', async () => {
    await postGraphQL(stack.router.url, 'query MetricsProbe { requestId }');
    await postGraphQL(stack.router.url, '{ requestId }', undefined, {
      headers: { authorization: 'Bearer nope' },
    });
    const metrics = await (await fetch(`${stack.router.baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/graphql_operations_total\{[^}]*operation="MetricsProbe"[^}]*\} 1/);
    // Refusals before execution are counted by code.
    expect(metrics).toMatch(
      /router_rejections_total\{code="UNAUTHENTICATED",status="401"[^}]*\} [1-9]/,
    );
  });
});

describe('callers', () => {
  it('verifies a Bearer access token and forwards the user to every subgraph', async () => {
    const token = await stack.auth.signAccessToken('u7');
    const result = await postGraphQL(
      stack.router.url,
      '{ whoami { kind userId } libraryWhoami me { id displayName } }',
      undefined,
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    expect(result.status).toBe(200);
    expect(result.body.data).toEqual({
      whoami: { kind: 'user', userId: 'u7' },
      libraryWhoami: 'user:u7',
      me: { id: 'u7', displayName: 'User u7' },
    });
  });

  it('carries the roles of the access token into the signed identity; unknown roles are dropped', async () => {
    const moderator = await stack.auth.signAccessToken('u20', { roles: ['MODERATOR', 'ADMIN'] });
    const result = await postGraphQL(stack.router.url, '{ whoami { userId roles } }', undefined, {
      headers: { authorization: `Bearer ${moderator}` },
    });
    expect(result.body.data).toEqual({ whoami: { userId: 'u20', roles: ['MODERATOR'] } });

    const plain = await stack.auth.signAccessToken('u21');
    const withoutRoles = await postGraphQL(stack.router.url, '{ whoami { roles } }', undefined, {
      headers: { authorization: `Bearer ${plain}` },
    });
    expect(withoutRoles.body.data).toEqual({ whoami: { roles: [] } });
  });

  it('gives no roles for anything a client sends besides a signed access token', async () => {
    // Roles in a forged identity header (even signed with the real secret) and in made-up headers.
    const forged = await signIdentityToken(
      { kind: 'user', userId: 'u22', roles: ['MODERATOR'] },
      TEST_ENVIRONMENT.IDENTITY_TOKEN_SECRET,
    );
    const token = await stack.auth.signAccessToken('u22');
    const result = await postGraphQL(stack.router.url, '{ whoami { userId roles } }', undefined, {
      headers: {
        authorization: `Bearer ${token}`,
        [IDENTITY_HEADER]: forged,
        'x-groovy-roles': 'MODERATOR',
        'x-roles': 'MODERATOR',
      },
    });
    expect(result.body.data).toEqual({ whoami: { userId: 'u22', roles: [] } });
    // A token whose roles claim is not a list of roles grants nothing either.
    const odd = await stack.auth.signAccessToken('u23', { roles: 'MODERATOR' });
    const oddResult = await postGraphQL(stack.router.url, '{ whoami { roles } }', undefined, {
      headers: { authorization: `Bearer ${odd}` },
    });
    expect(oddResult.body.data).toEqual({ whoami: { roles: [] } });
  });

  it('fetches the JWKS once and reuses it for every token', async () => {
    const router = await stack.startRouter();
    const fetchesBefore = stack.auth.jwksFetches;
    for (const user of ['u10', 'u11', 'u12']) {
      const token = await stack.auth.signAccessToken(user);
      const result = await postGraphQL(router.url, '{ whoami { userId } }', undefined, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(result.body.data).toEqual({ whoami: { userId: user } });
    }
    expect(stack.auth.jwksFetches - fetchesBefore).toBe(1);
  });

  it('treats a request without credentials as anonymous', async () => {
    const result = await postGraphQL(stack.router.url, '{ whoami { userId } libraryWhoami }');
    expect(result.body.data).toEqual({ whoami: null, libraryWhoami: null });
  });

  it.each([
    [
      'signed by a key auth does not publish',
      () => stack.auth.signAccessToken('u7', { key: stack.auth.strangerKey }),
    ],
    [
      'expired',
      () => stack.auth.signAccessToken('u7', { expiresIn: Math.floor(Date.now() / 1000) - 60 }),
    ],
    ['from another issuer', () => stack.auth.signAccessToken('u7', { issuer: 'evil-auth' })],
    ['for another audience', () => stack.auth.signAccessToken('u7', { audience: 'other-api' })],
    [
      'with alg "none"',
      async () => {
        const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
        const now = Math.floor(Date.now() / 1000);
        return `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ sub: 'u7', iss: 'groovy-auth', aud: 'groovy-api', iat: now, exp: now + 600 })}.`;
      },
    ],
    [
      'that is HS256 with a guessable secret',
      async () => {
        const { SignJWT } = await import('jose');
        return new SignJWT({})
          .setProtectedHeader({ alg: 'HS256', kid: 'test-key-1' })
          .setSubject('u7')
          .setIssuer('groovy-auth')
          .setAudience('groovy-api')
          .setExpirationTime('10m')
          .sign(new TextEncoder().encode('secret-secret-secret-secret-secret'));
      },
    ],
    ['that is not a JWT', async () => 'not-a-jwt'],
  ])('refuses a token %s with 401 UNAUTHENTICATED', async (_label, makeToken) => {
    const token = await makeToken();
    const result = await postGraphQL(stack.router.url, '{ whoami { userId } }', undefined, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(result.status).toBe(401);
    expect(result.body.data).toBeUndefined();
    expectError(result.body, 'UNAUTHENTICATED');
  });

  it('refuses a malformed Authorization header', async () => {
    const result = await postGraphQL(stack.router.url, '{ requestId }', undefined, {
      headers: { authorization: 'Basic dTpw' },
    });
    expect(result.status).toBe(401);
    expectError(result.body, 'UNAUTHENTICATED');
  });

  it('verifies an API key with auth, forwards the key identity, and caches the answer', async () => {
    stack.auth.apiKeys.set('gsk_live_valid', { userId: 'u3', apiKeyId: 'key-1' });
    const before = stack.auth.verifyCalls;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const result = await postGraphQL(
        stack.router.url,
        '{ whoami { kind userId apiKeyId roles } libraryWhoami }',
        undefined,
        {
          headers: { 'x-api-key': 'gsk_live_valid' },
        },
      );
      expect(result.body.data).toEqual({
        // An API key acts for its owner without the owner's roles.
        whoami: { kind: 'apiKey', userId: 'u3', apiKeyId: 'key-1', roles: [] },
        libraryWhoami: 'apiKey:u3',
      });
    }
    expect(stack.auth.verifyCalls - before).toBe(1);
  });

  it('refuses an unknown API key with 401', async () => {
    const result = await postGraphQL(stack.router.url, '{ requestId }', undefined, {
      headers: { 'x-api-key': 'gsk_live_unknown' },
    });
    expect(result.status).toBe(401);
    expectError(result.body, 'UNAUTHENTICATED');
  });

  it('keeps a revoked API key working only until the cache TTL passes', async () => {
    const ttlMs = 2_000;
    const router = await stack.startRouter({ API_KEY_CACHE_TTL_MS: String(ttlMs) });
    stack.auth.apiKeys.set('gsk_live_revoked_soon', { userId: 'u4', apiKeyId: 'key-2' });
    const ask = () =>
      postGraphQL(router.url, '{ whoami { apiKeyId } }', undefined, {
        headers: { 'x-api-key': 'gsk_live_revoked_soon' },
      });

    const first = await ask();
    const cachedAt = Date.now();
    expect(first.body.data).toEqual({ whoami: { apiKeyId: 'key-2' } });
    stack.auth.apiKeys.delete('gsk_live_revoked_soon');
    const stillCached = await ask();
    expect(Date.now() - cachedAt).toBeLessThan(ttlMs);
    expect(stillCached.status).toBe(200);
    expect(stillCached.body.data).toEqual({ whoami: { apiKeyId: 'key-2' } });

    // The bound is time itself: wait out the TTL, then auth is asked again and says no.
    await new Promise((resolve) => setTimeout(resolve, ttlMs - (Date.now() - cachedAt) + 50));
    const revoked = await ask();
    expect(revoked.status).toBe(401);
    expectError(revoked.body, 'UNAUTHENTICATED');
  });

  it('answers 503, not 401, when auth cannot be reached to check a credential', async () => {
    const router = await stack.startRouter({
      AUTH_INTERNAL_URL: 'http://127.0.0.1:9',
      AUTH_JWKS_URL: 'http://127.0.0.1:9/.well-known/jwks.json',
    });
    const token = await stack.auth.signAccessToken('u1');
    const attempts: Array<Record<string, string>> = [
      { 'x-api-key': 'gsk_live_valid' },
      { authorization: `Bearer ${token}` },
    ];
    for (const headers of attempts) {
      const result = await postGraphQL(router.url, '{ requestId }', undefined, { headers });
      expect(result.status).toBe(503);
      expect(result.headers.get('retry-after')).toBe('5');
      expectError(result.body, 'INTERNAL_SERVER_ERROR');
    }
    // Anonymous callers need nothing from auth.
    expect((await postGraphQL(router.url, '{ requestId }')).status).toBe(200);
  });

  it('strips an x-groovy-identity header sent by the client', async () => {
    // Even one signed with the real secret (a leaked or replayed token) never reaches a subgraph.
    const forged = await signIdentityToken(
      { kind: 'user', userId: 'mallory' },
      TEST_ENVIRONMENT.IDENTITY_TOKEN_SECRET,
    );
    const anonymous = await postGraphQL(
      stack.router.url,
      '{ whoami { userId } libraryWhoami }',
      undefined,
      {
        headers: { [IDENTITY_HEADER]: forged },
      },
    );
    expect(anonymous.body.data).toEqual({ whoami: null, libraryWhoami: null });

    const token = await stack.auth.signAccessToken('u8');
    const user = await postGraphQL(stack.router.url, '{ whoami { userId } }', undefined, {
      headers: { [IDENTITY_HEADER]: forged, authorization: `Bearer ${token}` },
    });
    expect(user.body.data).toEqual({ whoami: { userId: 'u8' } });
  });
});

describe('client address', () => {
  it('signs a token for anonymous callers too, so subgraphs that require one still answer them', async () => {
    // The accounts fixture runs with REQUIRE_ROUTER_IDENTITY: called directly it refuses.
    const direct = await postGraphQL(stack.accounts.url, '{ requestId }');
    expect(direct.status).toBe(401);
    const viaRouter = await postGraphQL(stack.router.url, '{ requestId whoami { userId } }');
    expect(viaRouter.status).toBe(200);
    expect(viaRouter.body.data).toMatchObject({ whoami: null });
  });

  it('forwards the peer address, or the x-forwarded-for hop a trusted proxy vouches for', async () => {
    // The test client is on loopback: a trusted proxy by default (the web app in development).
    const direct = await postGraphQL(stack.router.url, '{ clientAddress }');
    expect(direct.body.data).toEqual({
      clientAddress: expect.stringMatching(/127\.0\.0\.1$|^::1$/),
    });
    const viaProxy = await postGraphQL(stack.router.url, '{ clientAddress }', undefined, {
      headers: { 'x-forwarded-for': '198.51.100.4, 203.0.113.7' },
    });
    // Only the last hop, the one the trusted proxy saw, is believed.
    expect(viaProxy.body.data).toEqual({ clientAddress: '203.0.113.7' });

    const token = await stack.auth.signAccessToken('u3');
    const user = await postGraphQL(
      stack.router.url,
      '{ clientAddress whoami { userId } }',
      undefined,
      {
        headers: { 'x-forwarded-for': '203.0.113.8', authorization: `Bearer ${token}` },
      },
    );
    expect(user.body.data).toEqual({ clientAddress: '203.0.113.8', whoami: { userId: 'u3' } });

    // A trusted proxy that forwards something that is not an address gets its own address used.
    const garbage = await postGraphQL(stack.router.url, '{ clientAddress }', undefined, {
      headers: { 'x-forwarded-for': 'x'.repeat(300) },
    });
    expect(garbage.body.data).toEqual({
      clientAddress: expect.stringMatching(/127\.0\.0\.1$|^::1$/),
    });
  });

  it('ignores x-forwarded-for from a peer that is not a trusted proxy', async () => {
    const router = await stack.startRouter({ TRUSTED_PROXIES: '10.20.30.40, 192.0.2.0/24' });
    const forged = await postGraphQL(router.url, '{ clientAddress }', undefined, {
      headers: { 'x-forwarded-for': '203.0.113.7' },
    });
    expect(forged.body.data).toEqual({
      clientAddress: expect.stringMatching(/127\.0\.0\.1$|^::1$/),
    });
  });
});

describe('limits', () => {
  it('refuses a query deeper than the limit with QUERY_TOO_DEEP', async () => {
    // song(1) uploader(2) songs(3) uploader(4) … : 16 levels.
    let selection = 'id';
    for (let level = 0; level < 7; level += 1)
      selection = `uploader { songs(first: 1) { ${selection} } }`;
    const result = await postGraphQL(stack.router.url, `{ song(id: "s1") { ${selection} } }`);
    expect(result.status).toBe(400);
    const error = expectError(result.body, 'QUERY_TOO_DEEP');
    expect(error.message).toMatch(/16 levels deep; the limit is 15/);
  });

  it('refuses too many aliases with TOO_MANY_ALIASES, counting aliases inside fragments', async () => {
    const aliases = Array.from({ length: 16 }, (_, index) => `t${index}: title`).join(' ');
    const query = `{ song(id: "s1") { ...A } other: song(id: "s2") { ...A } } fragment A on Song { ${aliases} }`;
    const result = await postGraphQL(stack.router.url, query);
    expect(result.status).toBe(400);
    expect(expectError(result.body, 'TOO_MANY_ALIASES').message).toMatch(
      /33 aliases; the limit is 30/,
    );
  });

  it('refuses too many root fields', async () => {
    const fields = Array.from({ length: 21 }, (_, index) => `r${index}: requestId`).join(' ');
    const result = await postGraphQL(stack.router.url, `{ ${fields} }`);
    expect(result.status).toBe(400);
    expect(expectError(result.body, 'GRAPHQL_VALIDATION_FAILED').message).toMatch(
      /21 root fields; the limit is 20/,
    );
  });

  it('refuses an expensive query with QUERY_TOO_COMPLEX, using first/last as list sizes', async () => {
    const cheap = await postGraphQL(
      stack.router.url,
      'query($n: Int) { songs(first: $n) { id uploader { songs(first: 2) { id } } } }',
      { n: 5 },
    );
    expect(cheap.status).toBe(200);
    const expensive = await postGraphQL(
      stack.router.url,
      'query($n: Int) { songs(first: $n) { id uploader { songs(first: 50) { id } } } }',
      { n: 500 },
    );
    expect(expensive.status).toBe(400);
    expect(expectError(expensive.body, 'QUERY_TOO_COMPLEX').message).toMatch(/the limit is 5000/);
  });

  it('counts fan-out fragments in full without expanding them', async () => {
    // Each fragment spreads the next four times: 4^12 copies of the innermost selection.
    const levels = 12;
    const fragments = Array.from(
      { length: levels },
      (_, level) =>
        `fragment F${level} on Song { ...F${level + 1} ...F${level + 1} ...F${level + 1} ...F${level + 1} }`,
    );
    fragments.push(`fragment F${levels} on Song { uploader { songs(first: 1) { id } } }`);
    const started = Date.now();
    const result = await postGraphQL(
      stack.router.url,
      `{ song(id: "s1") { ...F0 } } ${fragments.join(' ')}`,
    );
    expect(result.status).toBe(400);
    expectError(result.body, 'QUERY_TOO_COMPLEX');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('refuses cyclic fragments as a validation error', async () => {
    const result = await postGraphQL(
      stack.router.url,
      '{ song(id: "s1") { ...A } } fragment A on Song { uploader { ...B } } fragment B on User { songs { ...A } }',
    );
    expect(result.status).toBe(400);
    expect(expectError(result.body, 'GRAPHQL_VALIDATION_FAILED').message).toMatch(
      /Cannot spread fragment "A" within itself/,
    );
  });

  it('refuses a document with too many tokens', async () => {
    const query = `{ ${'requestId '.repeat(5_001)} }`;
    const result = await postGraphQL(stack.router.url, query);
    expect(result.status).toBe(400);
    expect(expectError(result.body, 'GRAPHQL_VALIDATION_FAILED').message).toMatch(
      /more than 5000 tokens/,
    );
  });

  it('refuses a body over the size limit with 413', async () => {
    const result = await postGraphQL(stack.router.url, '{ requestId }', {
      padding: 'x'.repeat(100_001),
    });
    expect(result.status).toBe(413);
    expect(expectError(result.body, 'BAD_REQUEST').message).toMatch(
      /larger than the limit of 100000 bytes/,
    );
  });

  it('answers a batch within the limit and refuses a larger one', async () => {
    const post = (count: number) =>
      fetch(stack.router.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(
          Array.from({ length: count }, (_, index) => ({
            query: `{ song(id: "s${index + 1}") { title } }`,
          })),
        ),
      });
    const small = await post(2);
    expect(small.status).toBe(200);
    expect(await small.json()).toEqual([
      { data: { song: { title: 'Song 1' } } },
      { data: { song: { title: 'Song 2' } } },
    ]);

    const large = await post(11);
    expect(large.status).toBe(400);
    const body = (await large.json()) as {
      errors: Array<{ message: string; extensions: { code: string } }>;
    };
    expect(body.errors[0]!.extensions.code).toBe('BAD_REQUEST');
    expect(body.errors[0]!.message).toMatch(/11 operations; the limit is 10/);
  });

  it('answers invalid JSON with 400, not 500', async () => {
    const response = await fetch(stack.router.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": ',
    });
    expect(response.status).toBe(400);
    expect(
      ((await response.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!
        .extensions.code,
    ).toBe('BAD_REQUEST');
  });
});

describe('rate limits', () => {
  it('answers 429 with Retry-After once a caller’s bucket is empty, per caller', async () => {
    const router = await stack.startRouter({
      RATE_LIMIT_ANONYMOUS_BURST: '3',
      RATE_LIMIT_ANONYMOUS_PER_MINUTE: '1',
      RATE_LIMIT_USER_BURST: '2',
      RATE_LIMIT_USER_PER_MINUTE: '1',
    });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect((await postGraphQL(router.url, '{ requestId }')).status).toBe(200);
    }
    const limited = await postGraphQL(router.url, '{ requestId }');
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(expectError(limited.body, 'RATE_LIMITED').extensions!.retryAfterSeconds).toBe(
      retryAfter,
    );

    // A signed-in user draws from their own bucket, not the address's.
    const token = await stack.auth.signAccessToken('u9');
    const asUser = () =>
      postGraphQL(router.url, '{ requestId }', undefined, {
        headers: { authorization: `Bearer ${token}` },
      });
    expect((await asUser()).status).toBe(200);
    expect((await asUser()).status).toBe(200);
    expect((await asUser()).status).toBe(429);
  });

  it('limits invalid API keys per address before asking auth again', async () => {
    const router = await stack.startRouter({
      RATE_LIMIT_ANONYMOUS_BURST: '2',
      RATE_LIMIT_ANONYMOUS_PER_MINUTE: '1',
    });
    stack.auth.apiKeys.set('gsk_live_good_neighbour', { userId: 'u6', apiKeyId: 'key-6' });
    const withKey = (key: string) =>
      postGraphQL(router.url, '{ requestId }', undefined, { headers: { 'x-api-key': key } });
    const before = stack.auth.verifyCalls;
    expect((await withKey('gsk_guess_1')).status).toBe(401);
    expect((await withKey('gsk_guess_2')).status).toBe(401);
    const blocked = await withKey('gsk_guess_3');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expectError(blocked.body, 'RATE_LIMITED');
    expect(stack.auth.verifyCalls - before).toBe(2);
    // Signed-in users from the same address are not affected (tokens are verified locally).
    const token = await stack.auth.signAccessToken('u6');
    expect(
      (
        await postGraphQL(router.url, '{ requestId }', undefined, {
          headers: { authorization: `Bearer ${token}` },
        })
      ).status,
    ).toBe(200);
  });
});

describe('persisted queries', () => {
  it('runs an automatic persisted query round trip', async () => {
    const query = '{ song(id: "s3") { title } }';
    const persistedQuery = { version: 1, sha256Hash: sha256(query) };
    const unknown = await postGraphQL(stack.router.url, undefined, undefined, {
      extensions: { persistedQuery },
    });
    expectError(unknown.body, 'PERSISTED_QUERY_NOT_FOUND');

    const registered = await postGraphQL(stack.router.url, query, undefined, {
      extensions: { persistedQuery },
    });
    expect(registered.body).toEqual({ data: { song: { title: 'Song 3' } } });
    const byHash = await postGraphQL(stack.router.url, undefined, undefined, {
      extensions: { persistedQuery },
    });
    expect(byHash.body).toEqual({ data: { song: { title: 'Song 3' } } });
  });

  it('in allow-list mode serves listed operations to everyone and anything only to API-key clients', async () => {
    const listed = 'query ListedSong { song(id: "s4") { title } }';
    const manifestPath = path.join(path.dirname(stack.supergraphPath), 'persisted-queries.json');
    fs.writeFileSync(
      manifestPath,
      JSON.stringify({
        format: 'apollo-persisted-query-manifest',
        version: 1,
        operations: [{ id: sha256(listed), name: 'ListedSong', type: 'query', body: listed }],
      }),
    );
    const router = await stack.startRouter({
      PERSISTED_QUERIES_ALLOWLIST_PATH: manifestPath,
      PERSISTED_QUERIES_ONLY: 'true',
    });

    const byHash = await postGraphQL(router.url, undefined, undefined, {
      extensions: { persistedQuery: { version: 1, sha256Hash: sha256(listed) } },
    });
    expect(byHash.body).toEqual({ data: { song: { title: 'Song 4' } } });
    const byText = await postGraphQL(router.url, listed);
    expect(byText.body).toEqual({ data: { song: { title: 'Song 4' } } });

    const adHoc = await postGraphQL(router.url, '{ song(id: "s5") { title } }');
    expect(adHoc.status).toBe(403);
    expect(expectError(adHoc.body, 'FORBIDDEN').message).toMatch(/Only persisted operations/);
    const adHocApq = await postGraphQL(router.url, '{ song(id: "s5") { title } }', undefined, {
      extensions: {
        persistedQuery: { version: 1, sha256Hash: sha256('{ song(id: "s5") { title } }') },
      },
    });
    expect(adHocApq.status).toBe(403);

    const extensions = encodeURIComponent(
      JSON.stringify({ persistedQuery: { version: 1, sha256Hash: sha256(listed) } }),
    );
    const byGet = await fetch(`${router.url}?extensions=${extensions}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(await byGet.json()).toEqual({ data: { song: { title: 'Song 4' } } });
    const adHocGet = await fetch(
      `${router.url}?query=${encodeURIComponent('{ song(id: "s5") { title } }')}`,
      {
        headers: { 'apollo-require-preflight': 'true' },
      },
    );
    expect(adHocGet.status).toBe(403);

    stack.auth.apiKeys.set('gsk_live_third_party', { userId: 'u5', apiKeyId: 'key-3' });
    const thirdParty = await postGraphQL(router.url, '{ song(id: "s5") { title } }', undefined, {
      headers: { 'x-api-key': 'gsk_live_third_party' },
    });
    expect(thirdParty.body).toEqual({ data: { song: { title: 'Song 5' } } });
  });
});

describe('GraphiQL', () => {
  beforeAll(() => {
    // The bundle is a build output (npm run build); make sure it exists (skipped when fresh).
    execFileSync(process.execPath, [path.join(__dirname, '../../scripts/build-explorer.mjs')], {
      stdio: 'ignore',
    });
  }, 60_000);

  it('serves the explorer page to browsers, with its scripts served locally', async () => {
    const response = await fetch(stack.router.url, {
      headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await response.text();
    const sources = [...html.matchAll(/<(?:script|link)[^>]+(?:src|href)="([^"]+)"/g)].map(
      (match) => match[1]!,
    );
    expect(sources).toHaveLength(2);
    for (const source of sources) {
      expect(source.startsWith('/')).toBe(true);
      const asset = await fetch(new URL(source, stack.router.baseUrl));
      expect(asset.status).toBe(200);
      expect((await asset.arrayBuffer()).byteLength).toBeGreaterThan(10_000);
    }
    const missing = await fetch(new URL('/explorer/missing.js', stack.router.baseUrl));
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe('Not found');
    const script = await (
      await fetch(
        new URL(
          sources.find((source) => source.endsWith('.js') || source.includes('.js?'))!,
          stack.router.baseUrl,
        ),
      )
    ).text();
    expect(script).toContain('graphiql');
  });
});
