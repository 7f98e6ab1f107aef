import { generateTone, registerListener, Stack, uploadSong, waitUntilProcessed } from '../testkit';

interface SearchResult {
  search: {
    songs: {
      totalCount: number;
      edges: Array<{ node: { id: string; title: string }; highlights: Array<{ field: string }> }>;
    };
  };
}

const SEARCH =
  'query Search($q: String!) { search(query: $q) { songs { totalCount edges { node { id title } highlights { field } } } } }';

// Events end to end: songs publishes through its outbox, the query subgraph consumes from the
// embedded bus, the router answers search hits with the fields of the read model (query) and asks
// songs only for what the read model does not hold.
describe('search across processes (songs → event bus → query, through the router)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await Stack.start({ media: true });
  }, 180_000);
  afterAll(() => stack?.stop());

  async function searchUntil(q: string, done: (r: SearchResult) => boolean): Promise<SearchResult> {
    // The read model is eventually consistent: poll (bounded) as a client would.
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const result = await stack.execute<SearchResult>(SEARCH, { q });
      if (result.data && done(result.data)) return result.data;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`search for "${q}" never matched`);
  }

  it('finds a READY song by a misspelt title, first', async () => {
    const { session } = await registerListener(stack, 'Search Uploader');
    const tone = generateTone(3);
    const wanted = await uploadSong(
      stack,
      session.accessToken,
      {
        title: 'Midnight Harbour',
        artistName: 'The Lighthouse Keepers',
        fileName: 'a.mp3',
        contentType: 'audio/mpeg',
      },
      tone.bytes,
    );
    const other = await uploadSong(
      stack,
      session.accessToken,
      {
        title: 'Morning Market',
        artistName: 'Street Sellers',
        fileName: 'b.mp3',
        contentType: 'audio/mpeg',
        tags: ['harbor'],
      },
      tone.bytes,
    );
    expect((await waitUntilProcessed(stack, wanted.song.id, session.accessToken)).status).toBe(
      'READY',
    );
    expect((await waitUntilProcessed(stack, other.song.id, session.accessToken)).status).toBe(
      'READY',
    );

    const found = await searchUntil('midnigt harbour', (r) => r.search.songs.totalCount > 0);
    expect(found.search.songs.edges[0]!.node).toEqual({
      id: wanted.song.id,
      title: 'Midnight Harbour',
    });
    expect(found.search.songs.edges[0]!.highlights.map((h) => h.field)).toContain('title');

    // As-you-type: the last word is a prefix.
    const typed = await searchUntil('lighthouse kee', (r) => r.search.songs.totalCount > 0);
    expect(typed.search.songs.edges.map((e) => e.node.id)).toEqual([wanted.song.id]);
  });

  it('answers the listed fields of a hit from the read model, equal to what songs says', async () => {
    // The router takes these from the query subgraph (@shareable/@provides, no hop to songs);
    // once the events are applied they must be the values songs gives for the same song.
    const { session } = await registerListener(stack, 'Shared Fields Uploader');
    const uploaded = await uploadSong(
      stack,
      session.accessToken,
      {
        title: 'Quartz Lantern',
        artistName: 'Glass Orchard',
        fileName: 'q.mp3',
        contentType: 'audio/mpeg',
      },
      generateTone(2).bytes,
    );
    expect((await waitUntilProcessed(stack, uploaded.song.id, session.accessToken)).status).toBe(
      'READY',
    );
    const fields = 'id title durationMs status artist { id name } album { id title }';
    const fromSongs = (
      await stack.execute<{ song: Record<string, unknown> }>(
        `query Song($id: ID!) { song(id: $id) { ${fields} } }`,
        { id: uploaded.song.id },
      )
    ).data!.song;
    expect(fromSongs).toMatchObject({
      title: 'Quartz Lantern',
      status: 'READY',
      artist: { name: 'Glass Orchard' },
      album: null,
    });
    expect(fromSongs.durationMs).toEqual(expect.any(Number));

    const suggest = `query Suggest($q: String!) { search(query: $q, first: 5) { songs { edges { node { ${fields} } } } artists(first: 3) { id name } } }`;
    type Suggestions = {
      search: {
        songs: { edges: Array<{ node: Record<string, unknown> }> };
        artists: Array<{ id: string; name: string }>;
      };
    };
    let last: Suggestions | null | undefined;
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const result = await stack.execute<Suggestions>(suggest, { q: 'quartz lant' });
      expect(result.errors).toBeUndefined();
      last = result.data;
      if (last?.search.songs.edges[0]?.node.durationMs === fromSongs.durationMs) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(last!.search.songs.edges.map((edge) => edge.node)).toEqual([fromSongs]);
    expect(last!.search.artists).toEqual([fromSongs.artist]);
  });

  it('does not find a song that is not READY', async () => {
    const { session } = await registerListener(stack, 'Pending Uploader');
    const requested = await stack.execute<{ requestSongUpload: { song: { id: string } } }>(
      'mutation { requestSongUpload(input: { title: "Unfinished Symphony", artistName: "Nobody Yet", fileName: "u.mp3", contentType: "audio/mpeg", sizeBytes: 1000 }) { song { id } } }',
      {},
      { token: session.accessToken },
    );
    expect(requested.errors).toBeUndefined();
    // A READY song published after it proves the consumer has moved past the pending one.
    const tone = generateTone(2);
    const marker = await uploadSong(
      stack,
      session.accessToken,
      {
        title: 'Marker Song',
        artistName: 'Nobody Yet',
        fileName: 'm.mp3',
        contentType: 'audio/mpeg',
      },
      tone.bytes,
    );
    await waitUntilProcessed(stack, marker.song.id, session.accessToken);
    await searchUntil('marker song', (r) => r.search.songs.totalCount > 0);
    const pending = await stack.execute<SearchResult>(SEARCH, { q: 'unfinished symphony' });
    expect(pending.data!.search.songs.totalCount).toBe(0);
  });
});
