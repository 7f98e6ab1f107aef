import { executeAsRouter, type SpawnedService } from '@groovy/common/testing';
import { freePort } from '@groovy/tooling/stack';
import {
  CREATE_API_KEY,
  generateTone,
  IDENTITY_TOKEN_SECRET,
  LOGIN,
  LOGOUT,
  ME,
  REFRESH,
  registerListener,
  Stack,
  uploadSong,
  type Session,
  type SongState,
} from '../testkit';

const SONG = 'query Song($id: ID!) { song(id: $id) { id title status } }';
const UPDATE_SONG =
  'mutation Update($id: ID!, $input: UpdateSongInput!) { updateSong(id: $id, input: $input) { id title } }';
const SEARCH =
  'query Search($q: String!) { search(query: $q) { songs { edges { node { id title } } } } }';

interface SearchResult {
  search: { songs: { edges: Array<{ node: { id: string; title: string } }> } };
}

// Every service as two replicas, the smallest stack that shows it: router → auth, songs (with the
// HLS worker) and query, plus a second process of each (same databases, bus and storage) and a
// second router pointed at the second ones. The routers share rate limits through Mongo.
describe('scale-out: two replicas of each service', () => {
  let stack: Stack;
  let auth2: SpawnedService;
  let songs2: SpawnedService;
  let query2: SpawnedService;
  let router2: SpawnedService;
  let songId: string;
  let session: Session;

  beforeAll(async () => {
    stack = await Stack.start({
      media: true,
      routerEnv: {
        RATE_LIMIT_STORE: 'mongo',
        RATE_LIMIT_API_KEY_BURST: '20',
        RATE_LIMIT_API_KEY_PER_MINUTE: '1',
        // Tokens a router took stay with it for the whole test (none given back in between), so
        // the order of 200s and 429s does not depend on the machine's speed.
        RATE_LIMIT_MONGO_LEASE_MS: '600000',
      },
    });
    [auth2, songs2, query2] = await Promise.all([
      stack.startReplica('auth'),
      // Each songs replica serves local storage on its own port (production: GCS, no server).
      stack.startReplica('songs', { STORAGE_PUBLIC_URL: `http://127.0.0.1:${await freePort()}` }),
      stack.startReplica('query'),
    ]);
    router2 = await stack.startRouterReplica({ auth: auth2, songs: songs2, query: query2 });
  }, 240_000);
  afterAll(() => stack?.stop());

  const on = (router: SpawnedService) => ({ routerUrl: router.url });
  const ok = async <T>(
    router: SpawnedService,
    query: string,
    variables: Record<string, unknown>,
    token?: string,
  ): Promise<T> => {
    const result = await stack.execute<T>(query, variables, {
      ...on(router),
      ...(token ? { token } : {}),
    });
    if (!result.data) throw new Error(`${query.slice(0, 40)}…: ${JSON.stringify(result.errors)}`);
    return result.data;
  };

  it('keeps no session state in auth: sign up on one replica, sign in, refresh and log out on the other', async () => {
    const registered = await registerListener(stack, 'Replica Rider'); // router 1 → auth 1
    session = registered.session;
    const signedIn = await ok<{ login: Session }>(router2, LOGIN, {
      email: registered.email,
      password: registered.password,
    });
    expect(signedIn.login.user.id).toBe(session.user.id);
    const refreshed = await ok<{ refreshSession: Session }>(router2, REFRESH, {
      token: session.refreshToken,
    });
    // A token auth 2 issued works through router 1 (auth 1, the same keys).
    const me = await ok<{ me: { user: { id: string } } }>(
      stack.router,
      ME,
      {},
      refreshed.refreshSession.accessToken,
    );
    expect(me.me.user.id).toBe(session.user.id);
    // Logged out on auth 1: auth 2 refuses the refresh token too.
    await ok(stack.router, LOGOUT, { token: refreshed.refreshSession.refreshToken });
    const refused = await stack.execute(
      REFRESH,
      { token: refreshed.refreshSession.refreshToken },
      on(router2),
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('keeps no song state in songs: upload on one replica, read and update on the other', async () => {
    const upload = await uploadSong(
      stack,
      session.accessToken,
      {
        title: 'Harbour Lights',
        artistName: 'Replica Band',
        fileName: 'a.mp3',
        contentType: 'audio/mpeg',
      },
      generateTone(2).bytes,
    ); // router 1 → songs 1 (and its storage)
    songId = upload.song.id;
    let song: SongState | undefined;
    for (let attempt = 0; attempt < 300 && song?.status !== 'READY'; attempt += 1) {
      if (attempt) await new Promise((resolve) => setTimeout(resolve, 200));
      song = (await ok<{ song: SongState }>(router2, SONG, { id: songId }, session.accessToken))
        .song;
      expect(song.status).not.toBe('FAILED');
    }
    expect(song).toMatchObject({ id: songId, status: 'READY', title: 'Harbour Lights' });

    await ok(
      router2,
      UPDATE_SONG,
      { id: songId, input: { title: 'Riverboat Shanty' } },
      session.accessToken,
    ); // songs 2
    const read = await ok<{ song: { title: string } }>(stack.router, SONG, { id: songId });
    expect(read.song.title).toBe('Riverboat Shanty');
  });

  it('makes an update searchable on every query replica, and a new replica ready only once caught up', async () => {
    // The song was renamed through the router (previous test); ask each replica directly.
    const search = (query: SpawnedService) =>
      executeAsRouter<SearchResult>(
        query.url,
        SEARCH,
        { q: 'riverboat shanty' },
        {
          identitySecret: IDENTITY_TOKEN_SECRET,
        },
      );
    for (const query of [stack.media!.query, query2]) {
      let ids: string[] = [];
      for (let attempt = 0; attempt < 100 && !ids.includes(songId); attempt += 1) {
        if (attempt) await new Promise((resolve) => setTimeout(resolve, 100));
        ids = ((await search(query)).data?.search.songs.edges ?? []).map((edge) => edge.node.id);
      }
      expect(ids).toEqual([songId]);
    }

    // A third replica, started now: once /readyz says ready, its rebuilt index already has it.
    const query3 = await stack.startReplica('query');
    let ready = false;
    for (let attempt = 0; attempt < 300 && !ready; attempt += 1) {
      if (attempt) await new Promise((resolve) => setTimeout(resolve, 100));
      ready = (await fetch(`${query3.baseUrl}/readyz`)).status === 200;
    }
    expect(ready).toBe(true);
    const found = (await search(query3)).data?.search.songs.edges.map((edge) => edge.node.id);
    expect(found).toEqual([songId]);
  });

  it('limits a client alternating between two routers at the same total as one router', async () => {
    const key = await ok<{ createApiKey: { secret: string } }>(
      stack.router,
      CREATE_API_KEY,
      { name: 'alternating' },
      session.accessToken,
    );
    const statuses: number[] = [];
    for (let i = 0; i < 30; i += 1) {
      const result = await stack.execute(
        '{ __typename }',
        {},
        { apiKey: key.createApiKey.secret, ...on(i % 2 === 0 ? stack.router : router2) },
      );
      statuses.push(result.status);
    }
    // RATE_LIMIT_API_KEY_BURST=20 in all (refilling 1 a minute), not 20 per router.
    expect(statuses.filter((status) => status === 200)).toHaveLength(20);
    expect(statuses.slice(20)).toEqual(Array(10).fill(429));
  });
});
