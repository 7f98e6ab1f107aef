import mongoose, { Types } from 'mongoose';
import { CREATE_ALBUM, newUserId, SongsTestServer } from './songs-test-server';

interface Page {
  artist: {
    songs: {
      edges: Array<{ cursor: string; node: { id: string; title: string } }>;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      totalCount: number;
    };
  };
}

const PAGE = `query Page($id: ID!, $first: Int, $after: String) {
  artist(id: $id) { name songs(first: $first, after: $after) { edges { cursor node { id title } } pageInfo { hasNextPage endCursor } totalCount } }
}`;

describe('songs: batched references and artist pagination', () => {
  let server: SongsTestServer;
  beforeAll(async () => {
    server = await SongsTestServer.start();
  });
  afterAll(() => server?.stop());

  async function countQueries<T>(run: () => Promise<T>): Promise<{ result: T; queries: string[] }> {
    const queries: string[] = [];
    mongoose.set('debug', (collection: string, method: string) =>
      queries.push(`${collection}.${method}`),
    );
    try {
      return { result: await run(), queries };
    } finally {
      mongoose.set('debug', false);
    }
  }

  it('resolves several Song, Album and Artist references with one query per type, hiding songs the caller may not see', async () => {
    const uploader = newUserId();
    const album = await server.ok<{ createAlbum: { id: string; artist: { id: string } } }>(
      CREATE_ALBUM,
      { input: { title: 'Alive', artistName: 'Justice' } },
      uploader,
    );
    const a = await server.readySong(uploader, {
      title: 'A',
      artistName: 'Justice',
      albumId: album.createAlbum.id,
    });
    const b = await server.readySong(uploader, { title: 'B', artistName: 'Air' });
    const hidden = await server.upload(uploader, { title: 'Hidden' });
    const missing = new Types.ObjectId().toHexString();

    const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) {
      ... on Song { id title artist { name } album { title } }
      ... on Album { id title songs { id } }
      ... on Artist { id name }
    } }`;
    const representations = [
      { __typename: 'Song', id: a.id },
      { __typename: 'Song', id: b.id },
      { __typename: 'Song', id: hidden.id },
      { __typename: 'Song', id: missing },
      { __typename: 'Song', id: 'not-an-id' },
      { __typename: 'Album', id: album.createAlbum.id },
      { __typename: 'Artist', id: album.createAlbum.artist.id },
    ];
    const result = await server.execute<{ _entities: unknown[] }>(
      ENTITIES,
      { r: representations },
      { as: newUserId() },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([
      { id: a.id, title: 'A', artist: { name: 'Justice' }, album: { title: 'Alive' } },
      { id: b.id, title: 'B', artist: { name: 'Air' }, album: null },
      null,
      null,
      null,
      { id: album.createAlbum.id, title: 'Alive', songs: [{ id: a.id }] },
      { id: album.createAlbum.artist.id, name: 'Justice' },
    ]);

    // Several songs, their artists and albums: one query per collection, not one per id.
    const c = await server.readySong(uploader, {
      title: 'C',
      artistName: 'Daft Punk',
      albumId: album.createAlbum.id,
    });
    const { result: songsOnly, queries } = await countQueries(() =>
      server.execute<{ _entities: Array<{ id: string }> }>(
        'query($r: [_Any!]!) { _entities(representations: $r) { ... on Song { id artist { name } album { title } } } }',
        { r: [a.id, b.id, c.id, hidden.id].map((id) => ({ __typename: 'Song', id })) },
      ),
    );
    expect(songsOnly.data!._entities.map((s) => s?.id ?? null)).toEqual([a.id, b.id, c.id, null]);
    expect(queries.filter((q) => /^(songs|albums|artists)\./.test(q)).sort()).toEqual([
      'albums.find',
      'artists.find',
      'songs.find',
    ]);

    // The uploader sees their own song in every state.
    const own = await server.execute<{ _entities: unknown[] }>(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Song { id status } } }',
      { r: [{ __typename: 'Song', id: hidden.id }] },
      { as: uploader },
    );
    expect(own.data!._entities).toEqual([{ id: hidden.id, status: 'PENDING_UPLOAD' }]);
  });

  it("batches an artist's albums and each album's songs: one query per level, not one per album", async () => {
    const owner = newUserId();
    const albumIds: string[] = [];
    for (const title of ['One', 'Two', 'Three']) {
      const album = await server.ok<{ createAlbum: { id: string } }>(
        CREATE_ALBUM,
        { input: { title, artistName: 'Boards of Canada' } },
        owner,
      );
      albumIds.push(album.createAlbum.id);
      await server.readySong(owner, {
        title: `${title} song`,
        artistName: 'Boards of Canada',
        albumId: album.createAlbum.id,
      });
    }
    const artistId = (await server.subgraph.connection
      .collection('artists')
      .findOne({ nameKey: 'boards of canada' }))!._id.toHexString();
    const { result, queries } = await countQueries(() =>
      server.execute<{
        artist: {
          albums: Array<{
            title: string;
            artist: { name: string };
            songs: Array<{ title: string; artist: { name: string } }>;
          }>;
        };
      }>(
        'query($id: ID!) { artist(id: $id) { albums { title artist { name } songs { title artist { name } } } } }',
        { id: artistId },
      ),
    );
    expect(
      result.data!.artist.albums.map((a) => [a.title, a.songs.map((s) => s.title)]).sort(),
    ).toEqual([
      ['One', ['One song']],
      ['Three', ['Three song']],
      ['Two', ['Two song']],
    ]);
    const catalogue = queries.filter((q) => /^(songs|albums|artists)\./.test(q));
    expect(catalogue.filter((q) => q === 'albums.find')).toHaveLength(1);
    expect(catalogue.filter((q) => q === 'songs.find')).toHaveLength(1);
    expect(catalogue.filter((q) => q === 'artists.find')).toHaveLength(1);
  });

  it("pages an artist's songs newest first with stable cursors, hasNextPage and totalCount", async () => {
    const uploader = newUserId();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push(
        (await server.readySong(uploader, { title: `Song ${i}`, artistName: 'Moderat' })).id,
      );
    const pending = await server.upload(uploader, { title: 'Unfinished', artistName: 'Moderat' });
    const artistId = (await server.subgraph.connection
      .collection('artists')
      .findOne({ nameKey: 'moderat' }))!._id.toHexString();
    // Two songs created in the same millisecond still have a stable order (the id breaks the tie).
    const sameTime = new Date('2026-01-01T00:00:00.000Z');
    await server.subgraph.connection
      .collection('songs')
      .updateMany(
        { _id: { $in: [new Types.ObjectId(ids[1]), new Types.ObjectId(ids[2])] } },
        { $set: { createdAt: sameTime } },
      );
    const expectedOrder = [ids[4], ids[3], ids[0], ids[2], ids[1]];

    const listener = newUserId();
    const first = await server.ok<Page>(PAGE, { id: artistId, first: 2 }, listener);
    expect(first.artist.songs.totalCount).toBe(5);
    expect(first.artist.songs.edges.map((e) => e.node.id)).toEqual(expectedOrder.slice(0, 2));
    expect(first.artist.songs.pageInfo).toEqual({
      hasNextPage: true,
      endCursor: first.artist.songs.edges[1]!.cursor,
    });

    const second = await server.ok<Page>(
      PAGE,
      { id: artistId, first: 2, after: first.artist.songs.pageInfo.endCursor },
      listener,
    );
    expect(second.artist.songs.edges.map((e) => e.node.id)).toEqual(expectedOrder.slice(2, 4));
    expect(second.artist.songs.pageInfo.hasNextPage).toBe(true);

    // A new song doesn't shift the pages after a cursor.
    await server.readySong(uploader, { title: 'Newest', artistName: 'Moderat' });
    const third = await server.ok<Page>(
      PAGE,
      { id: artistId, first: 2, after: second.artist.songs.pageInfo.endCursor },
      listener,
    );
    expect(third.artist.songs.edges.map((e) => e.node.id)).toEqual(expectedOrder.slice(4));
    expect(third.artist.songs.pageInfo).toEqual({
      hasNextPage: false,
      endCursor: third.artist.songs.edges[0]!.cursor,
    });
    expect(third.artist.songs.totalCount).toBe(6);

    // The uploader also sees their unfinished song; the default page size is 20.
    const own = await server.ok<Page>(PAGE, { id: artistId }, uploader);
    expect(own.artist.songs.totalCount).toBe(7);
    expect(own.artist.songs.edges.map((e) => e.node.id)).toContain(pending.id);
    expect(own.artist.songs.pageInfo.hasNextPage).toBe(false);

    const empty = await server.ok<Page>(PAGE, { id: artistId, first: 0 }, listener);
    expect(empty.artist.songs).toEqual({
      edges: [],
      pageInfo: { hasNextPage: false, endCursor: null },
      totalCount: 6,
    });
  });

  it('refuses bad cursors and page sizes with BAD_USER_INPUT naming the argument', async () => {
    const uploader = newUserId();
    await server.readySong(uploader, { artistName: 'Kraftwerk' });
    const artistId = (await server.subgraph.connection
      .collection('artists')
      .findOne({ nameKey: 'kraftwerk' }))!._id.toHexString();
    const forged = Buffer.from('song:v1:abc:zzz').toString('base64url');
    for (const [variables, field] of [
      [{ after: 'garbage!' }, 'after'],
      [{ after: forged }, 'after'],
      [{ after: Buffer.from('{"offset":3}').toString('base64url') }, 'after'],
      [{ first: 101 }, 'first'],
      [{ first: -1 }, 'first'],
    ] as const) {
      const result = await server.execute(PAGE, { id: artistId, ...variables });
      expect({ variables, extensions: result.errors?.[0]?.extensions }).toEqual({
        variables,
        extensions: { code: 'BAD_USER_INPUT', field },
      });
    }
    expect((await server.execute(PAGE, { id: 'bad' })).errors?.[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'id',
    });
    expect(await server.ok(PAGE, { id: new Types.ObjectId().toHexString() })).toEqual({
      artist: null,
    });
  });
});
