import {
  generateTone,
  registerListener,
  Stack,
  uploadSong,
  type Session,
  type SongState,
} from '../testkit';

const SONG = 'query Song($id: ID!) { song(id: $id) { id title status } }';
const UPDATE_SONG =
  'mutation Update($id: ID!, $input: UpdateSongInput!) { updateSong(id: $id, input: $input) { id title } }';
// Searched by the artist's name: the same document matches the song before and after its rename.
const SEARCH =
  'query Search($q: String!) { search(query: $q) { songs { edges { node { id title } } } } }';

interface SearchAnswer {
  fromCache: boolean;
  cacheControl: string | null;
  titles: string[];
}

// The router's response cache through real processes: the query and songs subgraphs' @cacheControl
// hints make an anonymous search cacheable (Cache-Control out, the second answer from the cache:
// the query subgraph is not asked again), and renaming the song drops it (the catalogue events
// reach the router), so the next anonymous search shows the new title without waiting for max-age.
describe('response cache: hints from the subgraphs, invalidated by catalogue events', () => {
  let stack: Stack;
  let session: Session;
  let songId: string;

  beforeAll(async () => {
    stack = await Stack.start({ media: true, routerEnv: { RESPONSE_CACHE_ENABLED: 'true' } });
    session = (await registerListener(stack, 'Cache Keeper')).session;
  }, 240_000);
  afterAll(() => stack?.stop());

  const search = async (q: string): Promise<SearchAnswer> => {
    const response = await fetch(stack.router.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: SEARCH, variables: { q } }),
    });
    const body = (await response.json()) as {
      data?: { search: { songs: { edges: Array<{ node: { title: string } }> } } };
      errors?: unknown;
    };
    if (!body.data) throw new Error(`search failed: ${JSON.stringify(body.errors)}`);
    return {
      fromCache: response.headers.get('age') !== null,
      cacheControl: response.headers.get('cache-control'),
      titles: body.data.search.songs.edges.map((edge) => edge.node.title),
    };
  };
  /** Sum of a counter's samples in a service's /metrics whose line matches `filter`. */
  const counter = async (baseUrl: string, name: string, filter = '') => {
    const text = await (await fetch(`${baseUrl}/metrics`)).text();
    return text
      .split('\n')
      .filter((line) => line.startsWith(`${name}{`) && line.includes(filter))
      .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
  };

  it('serves a repeated anonymous search from the cache, with Cache-Control from the hints', async () => {
    const upload = await uploadSong(
      stack,
      session.accessToken,
      {
        title: 'Harbour Lights',
        artistName: 'Cachefield',
        fileName: 'a.mp3',
        contentType: 'audio/mpeg',
      },
      generateTone(2).bytes,
    );
    songId = upload.song.id;
    let song: SongState | undefined;
    for (let attempt = 0; attempt < 300 && song?.status !== 'READY'; attempt += 1) {
      if (attempt) await new Promise((resolve) => setTimeout(resolve, 200));
      const result = await stack.execute<{ song: SongState }>(
        SONG,
        { id: songId },
        {
          token: session.accessToken,
        },
      );
      song = result.data?.song;
      expect(song?.status).not.toBe('FAILED');
    }
    // Until the query subgraph has indexed it, an answer without it may be cached; each
    // re-index (QUERY_SONGS_CHANGED) drops it, so asking again finds it.
    let answer = await search('cachefield');
    for (
      let attempt = 0;
      attempt < 300 && !answer.titles.includes('Harbour Lights');
      attempt += 1
    ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      answer = await search('cachefield');
    }
    expect(answer.titles).toEqual(['Harbour Lights']);
    expect(answer.cacheControl).toMatch(/^max-age=\d+, public$/);

    // The upload's last events may still drop it once (the router drops its cache again a settle
    // window after the last event): ask until an answer comes from the cache.
    let cached = await search('cachefield');
    for (let attempt = 0; attempt < 100 && !cached.fromCache; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      cached = await search('cachefield');
    }
    expect(cached).toMatchObject({ fromCache: true, titles: ['Harbour Lights'] });
    // Served by the router alone: the query subgraph is not asked again.
    const queryCalls = await counter(stack.media!.query.baseUrl, 'graphql_operations_total');
    expect(await search('cachefield')).toMatchObject({
      fromCache: true,
      titles: ['Harbour Lights'],
    });
    expect(await counter(stack.media!.query.baseUrl, 'graphql_operations_total')).toBe(queryCalls);
  });

  it('shows a renamed song to the next anonymous search once the events reach the router', async () => {
    const heard = (type: string) =>
      counter(stack.router.baseUrl, 'router_response_cache_invalidations_total', `type="${type}"`);
    const reindexedBefore = await heard('QUERY_SONGS_CHANGED');
    expect((await search('cachefield')).fromCache).toBe(true);

    const renamed = await stack.execute(
      UPDATE_SONG,
      { id: songId, input: { title: 'Riverboat Shanty' } },
      { token: session.accessToken },
    );
    expect(renamed.errors).toBeUndefined();
    // The query subgraph publishes QUERY_SONGS_CHANGED once its index has the new title; the
    // router drops its cache when it hears it. No waiting for the answer's max-age.
    while ((await heard('QUERY_SONGS_CHANGED')) <= reindexedBefore)
      await new Promise((resolve) => setTimeout(resolve, 50));
    const fresh = await search('cachefield');
    expect(fresh).toMatchObject({ fromCache: false, titles: ['Riverboat Shanty'] });
    expect((await search('cachefield')).fromCache).toBe(true);
  });
});
