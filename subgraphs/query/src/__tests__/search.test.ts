import { randomUUID } from 'node:crypto';
import { resetReadModel } from '../rebuild/reset-read-model';
import {
  albumEvent,
  artistUpdated,
  newId,
  QueryTestServer,
  SEARCH,
  songData,
  songDeleted,
  songEvent,
  type SearchData,
} from './query-test-server';

describe('query subgraph: search over the read model fed by the songs events', () => {
  let server: QueryTestServer;

  beforeAll(async () => {
    server = await QueryTestServer.start();
  });
  afterAll(async () => {
    await server?.stop();
  });

  const search = async (query: string, variables: Record<string, unknown> = {}) =>
    (await server.ok<SearchData>(SEARCH, { query, ...variables })).search;
  const ids = (result: SearchData['search']) => result.songs.edges.map((edge) => edge.node.id);

  it('forgives typos by word length and matches the last word as a prefix', async () => {
    const beatles = newId('song');
    const bohemian = newId('song');
    const short = newId('song');
    await server.publish([
      songEvent(
        'SONG_CREATED',
        1,
        songData({
          songId: beatles,
          title: 'Yesterday',
          artist: { id: 'a-beatles', name: 'The Beatles' },
        }),
      ),
      songEvent('SONG_CREATED', 1, songData({ songId: bohemian, title: 'Bohemian Rhapsody' })),
      songEvent('SONG_CREATED', 1, songData({ songId: short, title: 'Zap Kix' })),
    ]);

    const typo = await search('beatels');
    expect(ids(typo)).toEqual([beatles]);
    expect(typo.songs.edges[0]!.highlights).toEqual([
      { field: 'artist', snippet: 'The <em>Beatles</em>' },
    ]);

    expect(ids(await search('bohemian rhap'))).toEqual([bohemian]);
    expect(ids(await search('bohemain rhapsody'))).toEqual([bohemian]);
    // A prefix only for the last word.
    expect(ids(await search('bohem rhapsody'))).toEqual([]);
    // Below 4 letters no typo is forgiven ("zip" is not "zap"); the last word is still a prefix.
    expect(ids(await search('zip kix'))).toEqual([]);
    expect(ids(await search('zap ki'))).toEqual([short]);
    // Two edits from 8 letters.
    expect(ids(await search('rhapsodie bohemian'))).toEqual([bohemian]);
  });

  it('ranks a title match above a tag match and marks highlights', async () => {
    const byTitle = newId('song');
    const byTag = newId('song');
    await server.publish([
      songEvent(
        'SONG_CREATED',
        1,
        songData({ songId: byTag, title: 'Quiet Night', tags: ['marmalade'] }),
      ),
      songEvent(
        'SONG_CREATED',
        1,
        songData({ songId: byTitle, title: 'Marmalade <Sky>', tags: [] }),
      ),
    ]);
    const result = await search('marmalade');
    expect(ids(result)).toEqual([byTitle, byTag]);
    expect(result.songs.edges[0]!.score).toBeGreaterThan(result.songs.edges[1]!.score);
    expect(result.songs.edges[0]!.highlights).toEqual([
      { field: 'title', snippet: '<em>Marmalade</em> &#60;Sky&#62;' },
    ]);
    expect(result.songs.edges[1]!.highlights).toEqual([
      { field: 'tags', snippet: '<em>marmalade</em>' },
    ]);
  });

  it('finds songs by genre and tag words, below title and artist matches', async () => {
    const electronic = newId('song');
    const titled = newId('song');
    const tagged = newId('song');
    await server.publish([
      songEvent(
        'SONG_CREATED',
        1,
        songData({ songId: electronic, title: 'Neon Skyline', genre: 'Electronic' }),
      ),
      songEvent(
        'SONG_CREATED',
        1,
        songData({ songId: titled, title: 'Electronica Dreams', genre: 'Pop' }),
      ),
      songEvent(
        'SONG_CREATED',
        1,
        songData({ songId: tagged, title: 'Quiet Skyline', genre: 'Ambient', tags: ['synthwave'] }),
      ),
    ]);
    const electro = await search('electro');
    expect(ids(electro)).toEqual([titled, electronic]);
    expect(electro.songs.edges[1]!.highlights).toEqual([
      { field: 'genre', snippet: '<em>Electronic</em>' },
    ]);
    expect(ids(await search('skyline electronik'))).toEqual([electronic]);
    expect(ids(await search('synthwave'))).toEqual([tagged]);
  });

  it('finds only READY songs, and a song once SONG_UPDATED makes it READY; SONG_DELETED removes it', async () => {
    const id = newId('song');
    const data = songData({ songId: id, title: 'Processing Pelican', status: 'PROCESSING' });
    await server.publish([songEvent('SONG_CREATED', 1, data)]);
    expect(ids(await search('pelican'))).toEqual([]);

    await server.publish([songEvent('SONG_UPDATED', 2, { ...data, status: 'READY' })]);
    expect(ids(await search('pelican'))).toEqual([id]);

    await server.publish([songDeleted(id, 3)]);
    expect(ids(await search('pelican'))).toEqual([]);
    // A replay of older events after the deletion leaves it deleted.
    await server.publish([songEvent('SONG_UPDATED', 2, { ...data, status: 'READY' })]);
    expect(ids(await search('pelican'))).toEqual([]);
  });

  it('gives facets and applies filters', async () => {
    const artist = { id: newId('artist'), name: 'Facet Band' };
    const a = newId('song');
    const b = newId('song');
    const c = newId('song');
    await server.publish([
      songEvent(
        'SONG_CREATED',
        1,
        songData({
          songId: a,
          title: 'Facetious One',
          artist,
          genre: 'jazz',
          createdAt: '2020-01-01T00:00:00.000Z',
        }),
      ),
      songEvent(
        'SONG_CREATED',
        1,
        songData({
          songId: b,
          title: 'Facetious Two',
          artist,
          genre: 'jazz',
          createdAt: '2021-01-01T00:00:00.000Z',
        }),
      ),
      songEvent(
        'SONG_CREATED',
        1,
        songData({
          songId: c,
          title: 'Facetious Three',
          genre: 'pop',
          createdAt: '2021-06-01T00:00:00.000Z',
        }),
      ),
    ]);
    const all = await search('facetious');
    expect(all.songs.totalCount).toBe(3);
    const facet = (name: string) => all.facets.find((f) => f.name === name)!.values;
    expect(facet('genre')).toEqual([
      { value: 'jazz', label: 'jazz', count: 2 },
      { value: 'pop', label: 'pop', count: 1 },
    ]);
    expect(facet('year')).toEqual([
      { value: '2021', label: '2021', count: 2 },
      { value: '2020', label: '2020', count: 1 },
    ]);
    expect(facet('artist')).toContainEqual({ value: artist.id, label: 'Facet Band', count: 2 });

    expect(ids(await search('facetious', { filter: { genre: 'pop' } }))).toEqual([c]);
    expect((await search('facetious', { filter: { year: 2021 } })).songs.totalCount).toBe(2);
    expect(new Set(ids(await search('facetious', { filter: { artistId: artist.id } })))).toEqual(
      new Set([a, b]),
    );
    expect((await search('facetious', { filter: { artistId: artist.id } })).artists).toEqual([
      { id: artist.id },
    ]);
  });

  it('pages with stable cursors and refuses a cursor of another query', async () => {
    const songs = Array.from({ length: 5 }, () => newId('song'));
    await server.publish(
      songs.map((songId, i) =>
        songEvent('SONG_CREATED', 1, songData({ songId, title: `Paginated Tune ${i}` })),
      ),
    );
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 3; page += 1) {
      const result: SearchData['search'] = await search('paginated', { first: 2, after });
      seen.push(...ids(result));
      after = result.songs.pageInfo.endCursor;
      expect(result.songs.pageInfo.hasNextPage).toBe(page < 2);
    }
    expect(seen).toHaveLength(5);
    expect(new Set(seen)).toEqual(new Set(songs));
    expect(ids(await search('paginated', { first: 5 }))).toEqual(seen);

    const first = await search('paginated', { first: 2 });
    const foreign = await server.execute(SEARCH, {
      query: 'other',
      after: first.songs.pageInfo.endCursor,
    });
    expect(foreign.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(foreign.errors?.[0]?.message).toMatch(/after/);
  });

  it('validates its arguments', async () => {
    const long = await server.execute(SEARCH, { query: 'x'.repeat(201) });
    expect(long.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(long.errors?.[0]?.message).toMatch(/^query/);
    for (const first of [0, 51]) {
      const result = await server.execute(SEARCH, { query: 'x', first });
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.message).toMatch(/^first/);
    }
    const trending = await server.execute('{ trending(first: 0) { id } }');
    expect(trending.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('propagates ALBUM_UPDATED and ARTIST_UPDATED names to songs, in any order', async () => {
    const albumId = newId('album');
    const artist = { id: newId('artist'), name: 'Old Moniker' };
    const songId = newId('song');
    const album = {
      albumId,
      title: 'Firstalbum',
      artist,
      releaseDate: '1999-03-01',
      ownerId: 'user-1',
    };
    await server.publish([
      albumEvent('ALBUM_CREATED', 1, album),
      songEvent(
        'SONG_CREATED',
        1,
        songData({
          songId,
          title: 'Renamed Track',
          artist,
          album: { id: albumId, title: 'Firstalbum' },
        }),
      ),
    ]);
    const before = await search('firstalbum');
    expect(ids(before)).toEqual([songId]);
    expect(before.albums).toEqual([{ id: albumId }]);
    expect(before.facets.find((f) => f.name === 'year')!.values).toEqual([
      { value: '1999', label: '1999', count: 1 },
    ]);

    await server.publish([
      albumEvent('ALBUM_UPDATED', 2, { ...album, title: 'Secondalbum', releaseDate: '2001-02-03' }),
      artistUpdated(artist.id, 'New Moniker', 2),
    ]);
    expect(ids(await search('firstalbum'))).toEqual([]);
    const after = await search('secondalbum');
    expect(ids(after)).toEqual([songId]);
    expect(after.facets.find((f) => f.name === 'year')!.values).toEqual([
      { value: '2001', label: '2001', count: 1 },
    ]);
    expect(ids(await search('new moniker'))).toEqual([songId]);
    expect(ids(await search('old moniker'))).toEqual([]);

    // A later song event carrying the old names does not bring them back.
    await server.publish([
      songEvent(
        'SONG_UPDATED',
        2,
        songData({
          songId,
          title: 'Renamed Track',
          artist,
          album: { id: albumId, title: 'Firstalbum' },
        }),
      ),
    ]);
    const stored = await server.subgraph.module.readModel.songs.findOne({ _id: songId });
    expect(stored).toMatchObject({
      artist: { name: 'New Moniker' },
      album: { title: 'Secondalbum' },
      year: 2001,
    });
  });

  it('leaves the same result after duplicated, reordered and replayed events', async () => {
    const id = newId('song');
    const v1 = songEvent(
      'SONG_CREATED',
      1,
      songData({ songId: id, title: 'Idempotent Iguana', status: 'PROCESSING' }),
    );
    const v2 = songEvent(
      'SONG_UPDATED',
      2,
      songData({ songId: id, title: 'Idempotent Iguana', status: 'READY' }),
    );
    const v3 = songEvent(
      'SONG_UPDATED',
      3,
      songData({ songId: id, title: 'Idempotent Iguana Remix', status: 'READY' }),
    );
    // Out of order, with duplicates (a new envelope with the same version, as after a replay).
    await server.publish([v3, v1, v2, { ...v2, id: randomUUID() }, { ...v1, id: randomUUID() }]);
    // The bus drops a known event id; a redelivery reaches the handler all the same.
    await server.subgraph.module.consumer.handle(v2);
    const readModel = server.subgraph.module.readModel;
    const once = await readModel.songs.findOne({ _id: id });
    expect(once).toMatchObject({ version: 3, title: 'Idempotent Iguana Remix', status: 'READY' });
    expect(ids(await search('iguana remix'))).toEqual([id]);

    // A full replay in order ends in the same document.
    for (const event of [v1, v2, v3]) await server.subgraph.module.consumer.handle(event);
    expect(await readModel.songs.findOne({ _id: id })).toEqual(once);
    expect(ids(await search('iguana remix'))).toEqual([id]);
  });

  it('lists trending and new releases (READY only) and rebuilds the index at restart', async () => {
    const newest = newId('song');
    const hidden = newId('song');
    await server.publish([
      songEvent(
        'SONG_CREATED',
        1,
        songData({ songId: newest, title: 'Brand New Bop', createdAt: new Date().toISOString() }),
      ),
      songEvent(
        'SONG_CREATED',
        1,
        songData({
          songId: hidden,
          title: 'Hidden Newest',
          status: 'PROCESSING',
          createdAt: new Date(Date.now() + 1000).toISOString(),
        }),
      ),
    ]);
    const lists = await server.ok<{ trending: { id: string }[]; newReleases: { id: string }[] }>(
      '{ trending(first: 3) { id } newReleases(first: 50) { id } }',
    );
    expect(lists.trending[0]).toEqual({ id: newest });
    expect(lists.newReleases[0]).toEqual({ id: newest });
    expect(lists.newReleases.map((song) => song.id)).not.toContain(hidden);

    await server.restart();
    expect(ids(await search('brand new bop'))).toEqual([newest]);
    expect(ids(await search('beatels'))).toHaveLength(1);
  });

  it('rebuilds the read model by replaying the events after a reset', async () => {
    const readModel = () => server.subgraph.module.readModel;
    const before = await readModel()
      .songs.find({}, { sort: { _id: 1 } })
      .toArray();
    const beforeSearch = ids(await search('iguana remix'));
    expect(before.length).toBeGreaterThan(5);

    let checkpointReset = false;
    await server.restart(async (databaseName) => {
      ({ checkpointReset } = await resetReadModel(
        server.client.db(databaseName),
        server.client.db(server.env.EVENT_BUS_DATABASE),
      ));
    });
    expect(checkpointReset).toBe(true);
    await server.publish([]);
    expect(
      await readModel()
        .songs.find({}, { sort: { _id: 1 } })
        .toArray(),
    ).toEqual(before);
    expect(ids(await search('iguana remix'))).toEqual(beforeSearch);
  });
});
