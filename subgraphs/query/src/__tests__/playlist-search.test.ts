import { executeAsRouter, startTestSubgraph, waitUntil } from '@groovy/common/testing';
import { querySubgraph } from '../query-subgraph';
import {
  newId,
  playlistDeleted,
  playlistEvent,
  QueryTestServer,
  songPlayed,
  songData,
  songEvent,
} from './query-test-server';

const PLAYLISTS = `query Playlists($query: String!, $first: Int) {
  search(query: $query) { playlists(first: $first) { id __typename } }
}`;

describe('query subgraph: public playlists are findable by name', () => {
  let server: QueryTestServer;

  beforeAll(async () => {
    server = await QueryTestServer.start();
  });
  afterAll(async () => {
    await server?.stop();
  });

  const found = async (query: string, first?: number) => {
    const data = await server.ok<{ search: { playlists: { id: string; __typename: string }[] } }>(
      PLAYLISTS,
      { query, first },
    );
    for (const playlist of data.search.playlists) expect(playlist.__typename).toBe('Playlist');
    return data.search.playlists.map((playlist) => playlist.id);
  };

  it('finds public playlists with the typo and prefix rules; never private ones', async () => {
    const summer = newId('playlist');
    const secret = newId('playlist');
    const road = newId('playlist');
    await server.publish([
      playlistEvent('PLAYLIST_CREATED', 1, { playlistId: summer, name: 'Summer Vibes 2026' }),
      playlistEvent('PLAYLIST_CREATED', 1, {
        playlistId: secret,
        name: 'Summer Secrets',
        visibility: 'PRIVATE',
      }),
      playlistEvent('PLAYLIST_CREATED', 1, { playlistId: road, name: 'Road Trip Summer' }),
      songEvent('SONG_CREATED', 1, songData({ songId: newId('song'), title: 'Summer Song' })),
    ]);
    expect((await found('summer')).sort()).toEqual([road, summer].sort());
    expect(await found('sumer vib')).toEqual([summer]); // one typo, the last word a prefix
    expect(await found('trip summer')).toEqual([road]);
    expect(await found('secrets')).toEqual([]);
    expect(await found('summer', 1)).toHaveLength(1);
    expect(await found('')).toEqual([]);

    const invalid = await server.execute(PLAYLISTS, { query: 'summer', first: 51 });
    expect(invalid.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'first',
    });
  });

  it('follows renames, visibility changes and deletions, whatever order the events come in', async () => {
    const id = newId('playlist');
    await server.publish([
      playlistEvent('PLAYLIST_CREATED', 1, { playlistId: id, name: 'Gym Bangers' }),
    ]);
    expect(await found('gym')).toEqual([id]);

    await server.publish([
      playlistEvent('PLAYLIST_UPDATED', 2, { playlistId: id, name: 'Workout Anthems' }),
    ]);
    expect(await found('gym')).toEqual([]);
    expect(await found('workout anth')).toEqual([id]);

    await server.publish([
      playlistEvent('PLAYLIST_UPDATED', 3, {
        playlistId: id,
        name: 'Workout Anthems',
        visibility: 'PRIVATE',
      }),
    ]);
    expect(await found('workout')).toEqual([]);
    await server.publish([
      playlistEvent('PLAYLIST_UPDATED', 4, { playlistId: id, name: 'Workout Anthems' }),
    ]);
    expect(await found('workout')).toEqual([id]);

    // Deleted, then an older snapshot redelivered: it stays gone.
    await server.publish([
      playlistDeleted(id, 5),
      playlistEvent('PLAYLIST_UPDATED', 4, { playlistId: id, name: 'Workout Anthems' }),
    ]);
    expect(await found('workout')).toEqual([]);

    // Out of order: the rename (v2) before the creation (v1) ends with the new name.
    const other = newId('playlist');
    await server.publish([
      playlistEvent('PLAYLIST_UPDATED', 2, { playlistId: other, name: 'Rainy Mornings' }),
      playlistEvent('PLAYLIST_CREATED', 1, { playlistId: other, name: 'Sunny Evenings' }),
    ]);
    expect(await found('rainy')).toEqual([other]);
    expect(await found('sunny')).toEqual([]);

    // Rebuilt from the read model at restart.
    await server.restart();
    expect(await found('rainy')).toEqual([other]);
    expect(await found('workout')).toEqual([]);
  });

  it('keeps a second replica in step: it finds a new playlist and never lists one made private', async () => {
    const id = newId('playlist');
    await server.publish([
      playlistEvent('PLAYLIST_CREATED', 1, { playlistId: id, name: 'Rolling Deploy Mix' }),
    ]);
    // A second replica on the same database: it loads the playlist at start-up; the first one
    // holds the consumers' leases, and the second one's follower (one per replica) hears the rest.
    const other = await startTestSubgraph(server.mongo, querySubgraph(server.env), {
      databaseName: server.subgraph.connection.name,
    });
    try {
      const foundOnOther = async (query: string) =>
        (
          await executeAsRouter<{ search: { playlists: { id: string }[] } }>(
            other.url,
            PLAYLISTS,
            { query },
            { identitySecret: server.env.IDENTITY_TOKEN_SECRET },
          )
        ).data!.search.playlists.map((playlist) => playlist.id);
      expect(await foundOnOther('rolling deploy')).toEqual([id]);

      const added = newId('playlist');
      await server.publish([
        playlistEvent('PLAYLIST_CREATED', 1, { playlistId: added, name: 'Canary Release Jams' }),
      ]);
      await waitUntil(() => other.module.playlists.indexHolds(added), {
        what: "the second replica's follower indexed the new playlist",
        timeoutMs: 30_000,
      });
      expect(await foundOnOther('canary release')).toEqual([added]);

      await server.publish([
        playlistEvent('PLAYLIST_UPDATED', 2, {
          playlistId: id,
          name: 'Rolling Deploy Mix',
          visibility: 'PRIVATE',
        }),
      ]);
      expect(await found('rolling deploy')).toEqual([]);
      // Whether its follower has dropped it yet or not: hits are checked against the stored
      // playlists at query time, so it is never listed.
      expect(await foundOnOther('rolling deploy')).toEqual([]);
      expect(other.module.playlists.indexHolds(id)).toBe(false);
    } finally {
      await other.stop();
    }
  });

  it('applies a playlist made private while plays ahead of it are still being folded', async () => {
    const id = newId('playlist');
    const song = newId('song');
    await server.publish([
      playlistEvent('PLAYLIST_CREATED', 1, { playlistId: id, name: 'Behind The Plays' }),
      songEvent('SONG_CREATED', 1, songData({ songId: song, title: 'Played A Lot' })),
    ]);
    expect(await found('behind the plays')).toEqual([id]);

    // Every play is held until released: with one lane, the privacy change behind them would wait.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const activity = server.subgraph.module.activity;
    const apply = activity.apply.bind(activity);
    const held = jest.spyOn(activity, 'apply').mockImplementation(async (event) => {
      await gate;
      return apply(event);
    });
    try {
      const burst = Array.from({ length: 20 }, (_, i) =>
        songPlayed({ songId: song, playCount: i + 1, countVersion: i + 1 }),
      );
      await server.publish(
        [
          ...burst,
          playlistEvent('PLAYLIST_UPDATED', 2, {
            playlistId: id,
            name: 'Behind The Plays',
            visibility: 'PRIVATE',
          }),
          // Per aggregate, order holds: the rename after it (v3, public again) is applied after it.
          playlistEvent('PLAYLIST_UPDATED', 3, { playlistId: id, name: 'After The Plays' }),
        ],
        { waitForActivity: false },
      );
      expect(held).toHaveBeenCalled();
      expect(server.subgraph.module.activity.counts(song)).toBeUndefined(); // plays still held
      expect(await found('behind the plays')).toEqual([]);
      expect(await found('after the plays')).toEqual([id]);
    } finally {
      release();
      held.mockRestore();
    }
    // The held plays are then folded too (the marker of another publish comes after them in the log).
    const deadline = Date.now() + 30_000;
    while (server.subgraph.module.activity.counts(song)?.plays !== 20) {
      if (Date.now() > deadline) throw new Error('the held plays were not applied');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  });
});
