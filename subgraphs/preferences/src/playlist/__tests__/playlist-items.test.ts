import { PreferencesTestServer, newId } from '../../__tests__/preferences-test-server';
import { MAX_RANK_LENGTH } from '../playlist-items.service';
import {
  ADD,
  ADD_COLLABORATOR,
  ITEMS,
  MOVE,
  PlaylistWorld,
  PublishedEvents,
  REMOVE,
  UPDATE_PLAYLIST,
  until,
  type PlaylistItemView,
} from './playlist-fixtures';

let server: PreferencesTestServer;
let world: PlaylistWorld;
let events: PublishedEvents;

beforeAll(async () => {
  // The rebalance test moves 500 times in a row: well past the per-user limit it does not test.
  server = await PreferencesTestServer.start({ PLAYLIST_MOVES_PER_MINUTE: '100000' });
  world = new PlaylistWorld(server);
  events = await PublishedEvents.listen(server, ['PLAYLIST_UPDATED']);
});
afterAll(async () => {
  await events?.close();
  await server?.stop();
});

const songsOf = (items: PlaylistItemView[]) => items.map((item) => item.song.id);

async function add(as: string, playlistId: string, songIds: string[], position?: number) {
  return server.ok<{ addToPlaylist: { itemCount: number } }>(
    ADD,
    { playlistId, songIds, position },
    as,
  );
}

describe('addToPlaylist', () => {
  it('adds songs at the end, or at a position; the same song twice gets two items', async () => {
    const owner = newId('user');
    const [a, b, c, d] = await world.readySongs(4);
    const id = await world.playlist(owner);
    expect((await add(owner, id, [a!, b!])).addToPlaylist.itemCount).toBe(2);
    await add(owner, id, [c!], 0);
    await add(owner, id, [d!, a!], 2);
    const items = await world.allItems(id, owner);
    expect(songsOf(items)).toEqual([c, a, d, a, b]);
    expect(items.map((item) => item.position)).toEqual([0, 1, 2, 3, 4]);
    expect(new Set(items.map((item) => item.id)).size).toBe(5);
    expect(
      items.every((item) => item.addedBy.id === owner && !Number.isNaN(Date.parse(item.addedAt))),
    ).toBe(true);
  });

  it('refuses unknown and not-READY songs with NOT_FOUND naming them, adding nothing', async () => {
    const owner = newId('user');
    const ready = await world.readySong();
    const processing = await world.processingSong();
    const id = await world.playlist(owner);
    const result = await server.execute(
      ADD,
      { playlistId: id, songIds: [ready, 'song-never-heard-of', processing] },
      owner,
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(result.errors?.[0]?.message).toContain('song-never-heard-of');
    expect(result.errors?.[0]?.message).toContain(processing);
    expect(await world.allItems(id, owner)).toEqual([]);
  });

  it('refuses positions out of range, empty and oversized batches', async () => {
    const owner = newId('user');
    const song = await world.readySong();
    const id = await world.playlist(owner);
    await add(owner, id, [song]);
    const tooFar = await server.execute(
      ADD,
      { playlistId: id, songIds: [song], position: 2 },
      owner,
    );
    expect(tooFar.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'position',
    });
    const negative = await server.execute(
      ADD,
      { playlistId: id, songIds: [song], position: -1 },
      owner,
    );
    expect(negative.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'position',
    });
    const empty = await server.execute(ADD, { playlistId: id, songIds: [] }, owner);
    expect(empty.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'songIds',
    });
    const huge = await server.execute(
      ADD,
      { playlistId: id, songIds: Array(501).fill(song) },
      owner,
    );
    expect(huge.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'songIds',
    });
    expect((await world.allItems(id, owner)).length).toBe(1);
  });

  it('publishes PLAYLIST_UPDATED with itemCount and the first distinct songs as cover (also Playlist.coverSongs)', async () => {
    const owner = newId('user');
    const [a, b, c, d, e] = await world.readySongs(5);
    const id = await world.playlist(owner);
    await add(owner, id, [a!, a!, b!, c!, d!, e!]);
    await events.waitFor('PLAYLIST_UPDATED with the items', () =>
      events.of(id).some((event) => (event.data as { itemCount: number }).itemCount === 6),
    );
    expect(events.of(id).at(-1)!.data).toMatchObject({ itemCount: 6, coverSongIds: [a, b, c, d] });
    const cover = await server.ok<{ playlist: { coverSongs: Array<{ id: string }> } }>(
      'query C($id: ID!) { playlist(id: $id) { coverSongs { id } } }',
      { id },
      owner,
    );
    expect(cover.playlist.coverSongs).toEqual([a, b, c, d].map((song) => ({ id: song })));
  });
});

describe('removeFromPlaylist and movePlaylistItem', () => {
  it('removes items by id (one of two copies of a song)', async () => {
    const owner = newId('user');
    const [a, b] = await world.readySongs(2);
    const id = await world.playlist(owner);
    await add(owner, id, [a!, b!, a!]);
    const items = await world.allItems(id, owner);
    const result = await server.ok<{ removeFromPlaylist: { itemCount: number } }>(
      REMOVE,
      { playlistId: id, itemIds: [items[2]!.id] },
      owner,
    );
    expect(result.removeFromPlaylist.itemCount).toBe(2);
    expect(songsOf(await world.allItems(id, owner))).toEqual([a, b]);
  });

  it('an unknown item id is NOT_FOUND naming it, and nothing is removed', async () => {
    const owner = newId('user');
    const [a] = await world.readySongs(1);
    const id = await world.playlist(owner);
    await add(owner, id, [a!]);
    const [item] = await world.allItems(id, owner);
    const unknown = 'b'.repeat(24);
    const result = await server.execute(
      REMOVE,
      { playlistId: id, itemIds: [item!.id, unknown] },
      owner,
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(result.errors?.[0]?.message).toContain(unknown);
    expect((await world.allItems(id, owner)).length).toBe(1);
  });

  it('moves an item to a position, both ways, and refuses positions out of range', async () => {
    const owner = newId('user');
    const songs = await world.readySongs(5);
    const id = await world.playlist(owner);
    await add(owner, id, songs);
    let items = await world.allItems(id, owner);
    await server.ok(MOVE, { playlistId: id, itemId: items[0]!.id, toPosition: 3 }, owner);
    expect(songsOf(await world.allItems(id, owner))).toEqual([
      songs[1],
      songs[2],
      songs[3],
      songs[0],
      songs[4],
    ]);
    items = await world.allItems(id, owner);
    await server.ok(MOVE, { playlistId: id, itemId: items[4]!.id, toPosition: 0 }, owner);
    expect(songsOf(await world.allItems(id, owner))).toEqual([
      songs[4],
      songs[1],
      songs[2],
      songs[3],
      songs[0],
    ]);
    items = await world.allItems(id, owner);
    await server.ok(MOVE, { playlistId: id, itemId: items[1]!.id, toPosition: 4 }, owner);
    expect(songsOf(await world.allItems(id, owner))).toEqual([
      songs[4],
      songs[2],
      songs[3],
      songs[0],
      songs[1],
    ]);

    const outOfRange = await server.execute(
      MOVE,
      { playlistId: id, itemId: items[0]!.id, toPosition: 5 },
      owner,
    );
    expect(outOfRange.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'toPosition',
    });
    const unknown = await server.execute(
      MOVE,
      { playlistId: id, itemId: 'c'.repeat(24), toPosition: 0 },
      owner,
    );
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('many concurrent moves leave every item exactly once, in one total order, at positions 0..n-1', async () => {
    const owner = newId('user');
    const songs = await world.readySongs(12);
    const id = await world.playlist(owner);
    await add(owner, id, songs);
    const items = await world.allItems(id, owner);
    // 40 moves at once: many aim at the same few places (0, 1 and the end), the worst case for ranks.
    const moves = Array.from({ length: 40 }, (_, index) => ({
      itemId: items[index % items.length]!.id,
      toPosition: [0, 1, 11, 5][index % 4]!,
    }));
    const results = await Promise.all(
      moves.map((move) => server.execute(MOVE, { playlistId: id, ...move }, owner)),
    );
    expect(results.flatMap((result) => result.errors ?? [])).toEqual([]);

    const after = await world.allItems(id, owner, 5);
    expect(after.map((item) => item.position)).toEqual([...Array(12).keys()]);
    expect(after.map((item) => item.id).sort()).toEqual(items.map((item) => item.id).sort());
    const ranks = await server.subgraph.connection
      .collection('playlist_items')
      .find({ songId: { $in: songs } })
      .sort({ rank: 1 })
      .toArray();
    expect(new Set(ranks.map((item) => item.rank)).size).toBe(12);
    expect(ranks.map((item) => item._id.toHexString())).toEqual(after.map((item) => item.id));
    const data = await server.ok<{ playlist: { itemCount: number } }>(
      ITEMS,
      { id, first: 0 },
      owner,
    );
    expect(data.playlist.itemCount).toBe(12);
  });
});

describe('items paging', () => {
  it('pages with cursors, positions and totalCount; a cursor stays valid when its item moves', async () => {
    const owner = newId('user');
    const songs = await world.readySongs(7);
    const id = await world.playlist(owner);
    await add(owner, id, songs);
    type Page = {
      playlist: {
        items: {
          totalCount: number;
          edges: Array<{ cursor: string; node: PlaylistItemView }>;
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
        };
      };
    };
    const first = await server.ok<Page>(ITEMS, { id, first: 3 }, owner);
    expect(first.playlist.items.totalCount).toBe(7);
    expect(first.playlist.items.edges.map((e) => e.node.position)).toEqual([0, 1, 2]);
    expect(first.playlist.items.pageInfo.hasNextPage).toBe(true);
    // The page's last item moves to the front: the cursor still means "after that place".
    await server.ok(
      MOVE,
      { playlistId: id, itemId: first.playlist.items.edges[2]!.node.id, toPosition: 0 },
      owner,
    );
    const second = await server.ok<Page>(
      ITEMS,
      { id, first: 3, after: first.playlist.items.pageInfo.endCursor },
      owner,
    );
    expect(second.playlist.items.edges.map((e) => e.node.song.id)).toEqual([
      songs[3],
      songs[4],
      songs[5],
    ]);
    expect(second.playlist.items.edges.map((e) => e.node.position)).toEqual([3, 4, 5]);
    const bad = await server.execute(ITEMS, { id, after: 'not-a-cursor' }, owner);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const tooMany = await server.execute(ITEMS, { id, first: 501 }, owner);
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'first',
    });
  });
});

describe('who may change the items', () => {
  it('collaborators add, move and remove; strangers get FORBIDDEN (NOT_FOUND when private); not while non-collaborative', async () => {
    const owner = newId('user');
    const friend = await world.registeredUser();
    const stranger = newId('user');
    const [a, b] = await world.readySongs(2);
    const id = await world.playlist(owner);
    await server.ok(ADD_COLLABORATOR, { playlistId: id, userId: friend }, owner);

    await add(friend, id, [a!, b!]);
    const items = await world.allItems(id, friend);
    expect(items.map((item) => item.addedBy.id)).toEqual([friend, friend]);
    await server.ok(MOVE, { playlistId: id, itemId: items[1]!.id, toPosition: 0 }, friend);
    await server.ok(REMOVE, { playlistId: id, itemIds: [items[0]!.id] }, friend);
    expect(songsOf(await world.allItems(id, owner))).toEqual([b]);

    for (const [query, variables] of [
      [ADD, { playlistId: id, songIds: [a] }],
      [MOVE, { playlistId: id, itemId: items[1]!.id, toPosition: 0 }],
      [REMOVE, { playlistId: id, itemIds: [items[1]!.id] }],
    ] as const) {
      const result = await server.execute(query, variables, stranger);
      expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }

    await server.ok(UPDATE_PLAYLIST, { id, input: { collaborative: false } }, owner);
    const paused = await server.execute(ADD, { playlistId: id, songIds: [a] }, friend);
    expect(paused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    await server.ok(UPDATE_PLAYLIST, { id, input: { visibility: 'PRIVATE' } }, owner);
    const hidden = await server.execute(ADD, { playlistId: id, songIds: [a] }, stranger);
    expect(hidden.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(songsOf(await world.allItems(id, owner))).toEqual([b]);
  });

  it('anonymous callers are UNAUTHENTICATED', async () => {
    const id = await world.playlist(newId('user'));
    const result = await server.execute(ADD, { playlistId: id, songIds: ['x'] });
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('SONG_DELETED', () => {
  it('a deleted song leaves every playlist it was in (every copy), and cannot be added again', async () => {
    const alice = newId('user');
    const bob = newId('user');
    const [doomed, kept] = await world.readySongs(2);
    const first = await world.playlist(alice);
    const second = await world.playlist(bob);
    await add(alice, first, [doomed!, kept!, doomed!]);
    await add(bob, second, [doomed!]);

    await world.deleteSong(doomed!);
    await until('the song to leave both playlists', async () => {
      const left = await server.subgraph.connection
        .collection('playlist_items')
        .countDocuments({ songId: doomed });
      return left === 0;
    });
    expect(songsOf(await world.allItems(first, alice))).toEqual([kept]);
    expect(await world.allItems(second, bob)).toEqual([]);
    await events.waitFor('PLAYLIST_UPDATED for the emptied playlist', () =>
      events.of(second).some((event) => (event.data as { itemCount: number }).itemCount === 0),
    );

    const again = await server.execute(ADD, { playlistId: first, songIds: [doomed] }, alice);
    expect(again.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('ranks after many moves', () => {
  it('stay short enough for cursors: 500 moves into one gap (past the 64-character rebalance), then every item once when paged', async () => {
    const owner = newId('user');
    const songs = await world.readySongs(5);
    const id = await world.playlist(owner);
    await add(owner, id, songs);
    const [, second, third] = await world.allItems(id, owner);
    // Alternately moving the 2nd and 3rd items to position 1 writes a rank into the same gap each time.
    for (let move = 0; move < 500; move += 1) {
      const item = move % 2 === 0 ? third! : second!;
      await server.module.playlists.items.move(owner, id, item.id, 1);
    }
    // Without the rebalance the ranks of the gap would now be ~80 characters long.
    const stored = await server.subgraph.connection
      .collection('playlist_items')
      .find({}, { projection: { rank: 1 } })
      .toArray();
    const longest = Math.max(
      ...stored.map((doc) => String((doc as { rank?: unknown }).rank).length),
    );
    expect(longest).toBeLessThanOrEqual(MAX_RANK_LENGTH);
    const items = await world.allItems(id, owner, 2);
    expect(items).toHaveLength(5);
    expect(new Set(items.map((item) => item.id)).size).toBe(5);
    expect(items.map((item) => item.position)).toEqual([0, 1, 2, 3, 4]);
    expect(songsOf(items).sort()).toEqual([...songs].sort());
  }, 300_000);
});
