import { gql, type TypedDocumentNode } from '@apollo/client';
import { executeOnRouter, RouterGraphQLError, RouterUnavailableError } from '../router-request';

const PING: TypedDocumentNode<{ ping: string }, { n: number }> = gql`
  query Ping($n: Int!) {
    ping(n: $n)
  }
`;

function fakeFetch(status: number, body: string) {
  const mock = jest.fn(
    async (_input: string | URL | Request, _init?: RequestInit) =>
      new Response(body, { status, headers: { 'content-type': 'application/json' } }),
  );
  return Object.assign(mock as unknown as typeof fetch, { mock: mock.mock });
}

describe('executeOnRouter', () => {
  it('posts the printed document with variables and the bearer token', async () => {
    const fetchImpl = fakeFetch(200, JSON.stringify({ data: { ping: 'pong' } }));
    const data = await executeOnRouter(
      PING,
      { n: 1 },
      { url: 'http://router/graphql', accessToken: 'tok', fetchImpl },
    );
    expect(data).toEqual({ ping: 'pong' });
    const [url, init] = fetchImpl.mock.calls[0]!;
    expect(url).toBe('http://router/graphql');
    const headers = init?.headers as Record<string, string>;
    expect(headers.authorization).toBe('Bearer tok');
    const body = JSON.parse(String(init?.body)) as { query: string; variables: unknown };
    expect(body.query).toContain('ping(n: $n)');
    expect(body.variables).toEqual({ n: 1 });
  });

  it('forwards the browser’s address chain as x-forwarded-for when given', async () => {
    const fetchImpl = fakeFetch(200, JSON.stringify({ data: { ping: 'pong' } }));
    const options = { url: 'http://router/graphql', fetchImpl };
    await executeOnRouter(PING, { n: 1 }, { ...options, forwardedFor: '203.0.113.7' });
    await executeOnRouter(PING, { n: 2 }, options);
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
      executeOnRouter(PING, { n: 1 }, { url: 'http://r', fetchImpl }),
    ).rejects.toBeInstanceOf(RouterGraphQLError);
  });

  it('raises RouterUnavailableError when the connection fails', async () => {
    const fetchImpl = (async () => {
      throw new TypeError('fetch failed');
    }) as unknown as typeof fetch;
    await expect(
      executeOnRouter(PING, { n: 1 }, { url: 'http://r', fetchImpl }),
    ).rejects.toBeInstanceOf(RouterUnavailableError);
  });

  it('raises RouterUnavailableError for a non-GraphQL answer', async () => {
    const fetchImpl = fakeFetch(502, '<html>Bad gateway</html>');
    await expect(
      executeOnRouter(PING, { n: 1 }, { url: 'http://r', fetchImpl }),
    ).rejects.toBeInstanceOf(RouterUnavailableError);
  });

  it('really reports an unreachable router as unavailable (closed port)', async () => {
    await expect(
      executeOnRouter(PING, { n: 1 }, { url: 'http://127.0.0.1:9/graphql', timeoutMs: 2000 }),
    ).rejects.toBeInstanceOf(RouterUnavailableError);
  });
});
