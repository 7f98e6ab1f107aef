import { generateTone, registerListener, Stack, uploadSong, waitUntilProcessed } from '../testkit';

interface SearchResult {
  search: {
    songs: { totalCount: number; edges: Array<{ node: { id: string; title: string }; highlights: Array<{ field: string }> }> };
  };
}

const SEARCH = 'query Search($q: String!) { search(query: $q) { songs { totalCount edges { node { id title } highlights { field } } } } }';

// Events end to end: songs publishes through its outbox, the query subgraph consumes from the
// embedded bus, the router joins search hits (query) with song fields (songs).
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

  it('finds a READY song by a misspelt title, first, with its fields from the songs subgraph', async () => {
    const { session } = await registerListener(stack, 'Search Uploader');
    const tone = generateTone(3);
    const wanted = await uploadSong(stack, session.accessToken, { title: 'Midnight Harbour', artistName: 'The Lighthouse Keepers', fileName: 'a.mp3', contentType: 'audio/mpeg' }, tone.bytes);
    const other = await uploadSong(stack, session.accessToken, { title: 'Morning Market', artistName: 'Street Sellers', fileName: 'b.mp3', contentType: 'audio/mpeg', tags: ['harbor'] }, tone.bytes);
    expect((await waitUntilProcessed(stack, wanted.song.id, session.accessToken)).status).toBe('READY');
    expect((await waitUntilProcessed(stack, other.song.id, session.accessToken)).status).toBe('READY');

    const found = await searchUntil('midnigt harbour', (r) => r.search.songs.totalCount > 0);
    expect(found.search.songs.edges[0]!.node).toEqual({ id: wanted.song.id, title: 'Midnight Harbour' });
    expect(found.search.songs.edges[0]!.highlights.map((h) => h.field)).toContain('title');

    // As-you-type: the last word is a prefix.
    const typed = await searchUntil('lighthouse kee', (r) => r.search.songs.totalCount > 0);
    expect(typed.search.songs.edges.map((e) => e.node.id)).toEqual([wanted.song.id]);
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
    const marker = await uploadSong(stack, session.accessToken, { title: 'Marker Song', artistName: 'Nobody Yet', fileName: 'm.mp3', contentType: 'audio/mpeg' }, tone.bytes);
    await waitUntilProcessed(stack, marker.song.id, session.accessToken);
    await searchUntil('marker song', (r) => r.search.songs.totalCount > 0);
    const pending = await stack.execute<SearchResult>(SEARCH, { q: 'unfinished symphony' });
    expect(pending.data!.search.songs.totalCount).toBe(0);
  });
});
