// The router's response cache end to end: anonymous answers of public entry points are served
// from memory with Cache-Control, anything else never is (real fixture subgraphs, over HTTP).
import { postGraphQL, sha256, startTestStack, type TestStack } from './fixtures/test-stack';

let stack: TestStack;

beforeAll(async () => {
  // `songs` and `users` are public here for 30 s, `song` for 1 s; everything else is not public.
  stack = await startTestStack({ RESPONSE_CACHE_PUBLIC_FIELDS: 'songs=30,users=30,song=1' });
});

afterAll(async () => {
  await stack?.stop();
});

/** A cache hit carries `age` (seconds since it was stored); a fresh answer does not. */
const served = async (query: string, headers: Record<string, string> = {}) => {
  const result = await postGraphQL(stack.router.url, query, undefined, { headers });
  expect(result.status).toBe(200);
  expect(result.body.errors).toBeUndefined();
  return {
    fromCache: result.headers.get('age') !== null,
    cacheControl: result.headers.get('cache-control'),
    data: result.body.data,
  };
};

describe('response cache', () => {
  it('serves a repeated anonymous public query from the cache, with Cache-Control', async () => {
    const query = '{ songs(first: 3) { id title } __typename }';
    const first = await served(query);
    expect(first).toMatchObject({ fromCache: false, cacheControl: 'max-age=30, public' });
    const again = await served(query);
    expect(again).toMatchObject({ fromCache: true, cacheControl: 'max-age=30, public' });
    expect(again.data).toEqual(first.data);
    // Other variables or another document are other entries.
    expect((await served('{ songs(first: 2) { id title } }')).fromCache).toBe(false);
  });

  it('takes the shortest hint of the root fields', async () => {
    const result = await served('{ songs(first: 1) { id } song(id: "s4") { title } }');
    expect(result.cacheControl).toBe('max-age=1, public');
  });

  it('never caches for signed-in callers: they neither read nor fill it', async () => {
    const token = await stack.auth.signAccessToken('u3');
    const signedIn = { authorization: `Bearer ${token}` };
    const query = '{ users(first: 2) { id displayName } }';
    expect(await served(query, signedIn)).toMatchObject({
      fromCache: false,
      cacheControl: 'no-store',
    });
    // Not filled by the signed-in answer: the first anonymous one is fresh; then cached.
    expect((await served(query)).fromCache).toBe(false);
    expect((await served(query)).fromCache).toBe(true);
    // And not read by the signed-in caller either.
    expect((await served(query, signedIn)).fromCache).toBe(false);
  });

  it('never caches an operation with a root field that is not public, nor a mutation', async () => {
    const query = '{ songs(first: 1) { id } whoami { kind } }';
    expect(await served(query)).toMatchObject({ fromCache: false, cacheControl: 'no-store' });
    expect((await served(query)).fromCache).toBe(false);
    // A public field behind @include could hide a private one: not cached either.
    const conditional = '{ songs(first: 1) @include(if: true) { id } }';
    await served(conditional);
    expect((await served(conditional)).fromCache).toBe(false);

    const mutation = 'mutation { register(name: "cached?") { id } }';
    expect(await served(mutation)).toMatchObject({ fromCache: false, cacheControl: 'no-store' });
    expect((await served(mutation)).fromCache).toBe(false);
  });

  it('lets an entry expire at its hint', async () => {
    const query = '{ song(id: "s5") { id title } }';
    expect(await served(query)).toMatchObject({
      fromCache: false,
      cacheControl: 'max-age=1, public',
    });
    // The hint is 1 s: past it, the answer is fetched again, never served from the old entry.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await served(query)).fromCache).toBe(false);
  });

  it('answers a persisted query over GET with Cache-Control, so a CDN can keep it too', async () => {
    const query = '{ songs(first: 4) { id title } }';
    const extensions = { persistedQuery: { version: 1, sha256Hash: sha256(query) } };
    // Registered once (automatic persisted queries), then asked for by hash alone, over GET.
    await postGraphQL(stack.router.url, query, undefined, { extensions });
    const url = new URL(stack.router.url);
    url.searchParams.set('extensions', JSON.stringify(extensions));
    const get = () => fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
    const first = await get();
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('max-age=30, public');
    // A shared cache must not hand this anonymous answer to a signed-in or API-key caller.
    expect(first.headers.get('vary')?.toLowerCase()).toEqual(
      expect.stringContaining('authorization, x-api-key'),
    );
    expect(((await first.json()) as { data: unknown }).data).toEqual({
      songs: [
        { id: 's1', title: 'Song 1' },
        { id: 's2', title: 'Song 2' },
        { id: 's3', title: 'Song 3' },
        { id: 's4', title: 'Song 4' },
      ],
    });
    expect((await get()).headers.get('age')).not.toBeNull();
  });
});
