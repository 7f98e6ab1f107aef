import { createHash } from 'node:crypto';
import persistedDocuments from '@/gql/persisted-documents.json';
import { LOGOUT } from '../auth.operations';
import { executeOnRouter, RouterGraphQLError, RouterUnavailableError } from '../router-request';

const PING = LOGOUT;
const manifest = persistedDocuments as Record<string, string>;

interface SentBody {
  query?: string;
  variables: unknown;
  extensions?: { persistedQuery?: { version: number; sha256Hash: string } };
}

function fakeFetch(status: number, ...bodies: string[]) {
  let call = 0;
  const mock = jest.fn(
    async (_input: string | URL | Request, _init?: RequestInit) =>
      new Response(bodies[Math.min(call++, bodies.length - 1)], {
        status,
        headers: { 'content-type': 'application/json' },
      }),
  );
  return Object.assign(mock as unknown as typeof fetch, { mock: mock.mock });
}

describe('executeOnRouter', () => {
  it('posts the persisted hash alone (the manifest id) with variables and the bearer token', async () => {
    const fetchImpl = fakeFetch(200, JSON.stringify({ data: { logout: true } }));
    const data = await executeOnRouter(
      PING,
      { refreshToken: 'r1' },
      { url: 'http://router/graphql', accessToken: 'tok', fetchImpl },
    );
    expect(data).toEqual({ logout: true });
    const [url, init] = fetchImpl.mock.calls[0]!;
    expect(url).toBe('http://router/graphql');
    const headers = init?.headers as Record<string, string>;
    expect(headers.authorization).toBe('Bearer tok');
    const body = JSON.parse(String(init?.body)) as SentBody;
    expect(body.query).toBeUndefined();
    const hash = body.extensions?.persistedQuery?.sha256Hash ?? '';
    expect(body.extensions?.persistedQuery?.version).toBe(1);
    expect(manifest[hash]).toContain('logout(refreshToken: $refreshToken)');
    expect(body.variables).toEqual({ refreshToken: 'r1' });
    expect(fetchImpl.mock.calls).toHaveLength(1);
  });

  it('retries once with the manifest text when the router does not know the hash', async () => {
    const fetchImpl = fakeFetch(
      200,
      JSON.stringify({
        errors: [
          { message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } },
        ],
      }),
      JSON.stringify({ data: { logout: true } }),
    );
    await expect(
      executeOnRouter(PING, { refreshToken: 'r1' }, { url: 'http://r', fetchImpl }),
    ).resolves.toEqual({ logout: true });
    expect(fetchImpl.mock.calls).toHaveLength(2);
    const retry = JSON.parse(String(fetchImpl.mock.calls[1]![1]?.body)) as SentBody;
    const hash = retry.extensions?.persistedQuery?.sha256Hash ?? '';
    // The router's APQ accepts the pair only when the text hashes to the id: the manifest's text does.
    expect(retry.query).toBe(manifest[hash]);
    expect(
      createHash('sha256')
        .update(retry.query ?? '')
        .digest('hex'),
    ).toBe(hash);
  });

  it('forwards the browser’s address chain as x-forwarded-for when given', async () => {
    const fetchImpl = fakeFetch(200, JSON.stringify({ data: { ping: 'pong' } }));
    const options = { url: 'http://router/graphql', fetchImpl };
    await executeOnRouter(
      PING,
      { refreshToken: 'r1' },
      { ...options, forwardedFor: '203.0.113.7' },
    );
    await executeOnRouter(PING, { refreshToken: 'r2' }, options);
    const sent = fetchImpl.mock.calls.map(([, init]) => init?.headers as Record<string, string>);
    expect(sent[0]!['x-forwarded-for']).toBe('203.0.113.7');
    expect(sent[1]).not.toHaveProperty('x-forwarded-for');
  });

  it('raises GraphQL errors as RouterGraphQLError, even with a 4xx status', async () => {
    const fetchImpl = fakeFetch(
      429,
      JSON.stringify({ errors: [{ message: 'slow', extensions: { code: 'RATE_LIMITED' } }] }),
    );
    await expect(
      executeOnRouter(PING, { refreshToken: 'r1' }, { url: 'http://r', fetchImpl }),
    ).rejects.toBeInstanceOf(RouterGraphQLError);
  });

  it('raises RouterUnavailableError when the connection fails', async () => {
    const fetchImpl = (async () => {
      throw new TypeError('fetch failed');
    }) as unknown as typeof fetch;
    await expect(
      executeOnRouter(PING, { refreshToken: 'r1' }, { url: 'http://r', fetchImpl }),
    ).rejects.toBeInstanceOf(RouterUnavailableError);
  });

  it('raises RouterUnavailableError for a non-GraphQL answer', async () => {
    const fetchImpl = fakeFetch(502, '<html>Bad gateway</html>');
    await expect(
      executeOnRouter(PING, { refreshToken: 'r1' }, { url: 'http://r', fetchImpl }),
    ).rejects.toBeInstanceOf(RouterUnavailableError);
  });

  it('really reports an unreachable router as unavailable (closed port)', async () => {
    await expect(
      executeOnRouter(
        PING,
        { refreshToken: 'r1' },
        { url: 'http://127.0.0.1:9/graphql', timeoutMs: 2000 },
      ),
    ).rejects.toBeInstanceOf(RouterUnavailableError);
  });
});
