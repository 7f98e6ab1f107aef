import { Types } from 'mongoose';
import { PreferencesTestServer, newId } from '../../__tests__/preferences-test-server';
import { ranksBetween } from '../playlist-ranks';
import { ADD, ITEMS, PlaylistWorld } from './playlist-fixtures';

let server: PreferencesTestServer;
let world: PlaylistWorld;

beforeAll(async () => {
  server = await PreferencesTestServer.start();
  world = new PlaylistWorld(server);
});
afterAll(() => server?.stop());

interface ItemsData {
  playlist: {
    itemCount: number;
    items: {
      totalCount: number;
      edges: Array<{ cursor: string; node: { position: number } }>;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
  };
}

describe('a playlist holds up to 10,000 items', () => {
  it('fills to exactly 10,000, refuses one more with a clear error, and pages from either end', async () => {
    const owner = newId('user');
    const songs = await world.readySongs(10);
    const id = await world.playlist(owner);
    const batch = Array.from({ length: 500 }, (_, index) => songs[index % songs.length]!);
    // The first 9,000 items go straight into the database (as 18 full batches through the API
    // would leave them, itemCount included): the rule under test is the limit, not 18 more writes.
    const seeded = ranksBetween(null, null, 9_000);
    const playlistId = new Types.ObjectId(id);
    const addedAt = new Date();
    const connection = server.subgraph.connection;
    await connection.collection('playlist_items').insertMany(
      seeded.map((rank, index) => ({
        _id: new Types.ObjectId(),
        playlistId,
        songId: songs[index % songs.length]!,
        rank,
        addedBy: owner,
        addedAt,
      })),
    );
    await connection
      .collection('playlists')
      .updateOne({ _id: playlistId }, { $set: { itemCount: 9_000 } });
    // 9,000 in: a full batch of 500 still fits, then 499 more make 9,999.
    await server.ok(ADD, { playlistId: id, songIds: batch }, owner);
    await server.ok(ADD, { playlistId: id, songIds: batch.slice(0, 499) }, owner);

    // 9,999: two concurrent single adds may not both get in.
    const racing = await Promise.all(
      [songs[0], songs[1]].map((song) =>
        server.execute(ADD, { playlistId: id, songIds: [song] }, owner),
      ),
    );
    const succeeded = racing.filter((result) => !result.errors).length;
    expect(succeeded).toBeLessThanOrEqual(1);
    for (const result of racing.filter((r) => r.errors)) {
      expect(result.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'songIds',
      });
    }
    if (succeeded === 0) await server.ok(ADD, { playlistId: id, songIds: [songs[2]] }, owner);

    const full = await server.execute(ADD, { playlistId: id, songIds: [songs[3]] }, owner);
    expect(full.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'songIds',
    });
    expect(full.errors?.[0]?.message).toMatch(/at most 10,000 items; this one has 10,000/);

    const first = await server.ok<ItemsData>(ITEMS, { id, first: 100 }, owner);
    expect(first.playlist.itemCount).toBe(10_000);
    expect(first.playlist.items.totalCount).toBe(10_000);
    expect(first.playlist.items.edges.map((edge) => edge.node.position)).toEqual([
      ...Array(100).keys(),
    ]);

    // Walk to the end in pages of 500: positions run on without a gap.
    let after = first.playlist.items.pageInfo.endCursor;
    let seen = 100;
    for (;;) {
      const page: ItemsData = await server.ok(ITEMS, { id, first: 500, after }, owner);
      expect(page.playlist.items.edges[0]?.node.position).toBe(seen);
      seen += page.playlist.items.edges.length;
      if (!page.playlist.items.pageInfo.hasNextPage) break;
      after = page.playlist.items.pageInfo.endCursor;
    }
    expect(seen).toBe(10_000);
  }, 300_000);
});
