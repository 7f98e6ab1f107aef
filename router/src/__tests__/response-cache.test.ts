// The router's response cache end to end: the policy comes from the fixture subgraphs'
// @cacheControl hints (their Cache-Control headers, combined by the gateway); anonymous answers are
// served from memory with Cache-Control, anything else never is; a catalogue event on the bus
// drops what was cached (real fixture subgraphs and the embedded bus, over HTTP).
import { createEventBus, SongDeleted, createEvent, type EventBus } from '@groovy/common/events';
import { createTestLogger } from '@groovy/common/testing';
import { MongoClient } from 'mongodb';
import { postGraphQL, sha256, startTestStack, type TestStack } from './fixtures/test-stack';

let stack: TestStack;
let client: MongoClient;
let bus: EventBus;
const EVENTS_DATABASE = 'router_cache_events';

beforeAll(async () => {
  // The fixtures' hints: `songs`, `users`, Song and User 30 s, `song` 1 s; `Song.likedByMe` is
  // PRIVATE; nothing else has a hint (not cacheable).
  // No bus here (no EVENT_BUS_MONGO_URL): the last test starts a router that listens to one.
  stack = await startTestStack({ RESPONSE_CACHE_ENABLED: 'true' });
}, 120_000);

afterAll(async () => {
  await bus?.close();
  await client?.close();
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

  it('takes the shortest hint of every subgraph fetch, entity fetches included', async () => {
    const result = await served('{ songs(first: 1) { id } song(id: "s4") { title } }');
    expect(result.cacheControl).toBe('max-age=1, public');
    // songs (library, 30 s) → uploader's displayName (accounts `_entities`, User 30 s).
    const joined = await served('{ songs(first: 2) { id uploader { displayName } } }');
    expect(joined).toMatchObject({ fromCache: false, cacheControl: 'max-age=30, public' });
    expect((await served('{ songs(first: 2) { id uploader { displayName } } }')).fromCache).toBe(
      true,
    );
  });

  it('never caches an answer with a PRIVATE field, even for anonymous callers', async () => {
    const query = '{ songs(first: 2) { id likedByMe } }';
    expect(await served(query)).toMatchObject({ fromCache: false, cacheControl: 'no-store' });
    expect((await served(query)).fromCache).toBe(false);
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

  it('never caches an operation with a root field without a hint, nor a mutation', async () => {
    const query = '{ songs(first: 1) { id } whoami { kind } }';
    expect(await served(query)).toMatchObject({ fromCache: false, cacheControl: 'no-store' });
    expect((await served(query)).fromCache).toBe(false);
    // The policy follows what was fetched: a private field skipped by @include costs nothing.
    const conditional =
      'query ($signedIn: Boolean!) { songs(first: 5) { id likedByMe @include(if: $signedIn) } }';
    const skip = { signedIn: false };
    expect(
      (await postGraphQL(stack.router.url, conditional, skip)).headers.get('cache-control'),
    ).toBe('max-age=30, public');
    const include = await postGraphQL(stack.router.url, conditional, { signedIn: true });
    expect(include.headers.get('cache-control')).toBe('no-store');

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

  it('drops cached answers when a catalogue event arrives on the bus', async () => {
    client = await MongoClient.connect(stack.mongo.url);
    const router = await stack.startRouter({
      RESPONSE_CACHE_ENABLED: 'true',
      EVENT_BUS_MONGO_URL: stack.mongo.url,
      EVENT_BUS_DATABASE: EVENTS_DATABASE,
      EVENT_BUS_LIVE_POLL_INTERVAL_MS: '20',
      RESPONSE_CACHE_INVALIDATION_SETTLE_MS: '60000',
    });
    bus = await createEventBus(
      {
        EVENT_BUS: 'embedded',
        EVENT_BUS_DATABASE: EVENTS_DATABASE,
        EVENT_BUS_POLL_INTERVAL_MS: 50,
        EVENT_BUS_LIVE_POLL_INTERVAL_MS: 20,
        EVENT_BUS_SAFETY_POLL_INTERVAL_MS: 5_000,
        PUBSUB_LIVE_SUBSCRIPTION_TTL_SECONDS: 86_400,
        PUBSUB_TOPIC_PREFIX: 'groovy',
        PUBSUB_MAX_DELIVERY_ATTEMPTS: 5,
        PUBSUB_CREATE_RESOURCES: false,
      },
      { logger: createTestLogger('bus'), eventsDb: () => client.db(EVENTS_DATABASE) },
    );
    const query = '{ songs(first: 6) { id title } }';
    const ask = async () => {
      const result = await postGraphQL(router.url, query);
      expect(result.status).toBe(200);
      return result.headers.get('age') !== null;
    };
    expect(await ask()).toBe(false);
    expect(await ask()).toBe(true);

    await bus.publish([
      createEvent({
        type: SongDeleted.type,
        version: SongDeleted.version,
        producer: SongDeleted.producer,
        aggregateId: 's6',
        aggregateVersion: 2,
        data: { songId: 's6' },
      }),
    ]);
    // Wait for the router to have heard it (its counter), then the next answer is fresh.
    const heard = async () => {
      const metrics = await (await fetch(`${router.internalBaseUrl}/metrics`)).text();
      return /router_response_cache_invalidations_total\{type="SONG_DELETED"[^}]*\} 1$/m.test(
        metrics,
      );
    };
    while (!(await heard())) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await ask()).toBe(false);
    expect(await ask()).toBe(true);
  }, 60_000);
});
