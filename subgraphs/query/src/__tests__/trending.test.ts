import { randomUUID } from 'node:crypto';
import { resetReadModel } from '../rebuild/reset-read-model';
import {
  commentEvent,
  hoursAgo,
  newId,
  QueryTestServer,
  SEARCH,
  songData,
  songDeleted,
  songEvent,
  songLikeEvent,
  songPlayed,
  type SearchData,
} from './query-test-server';

describe('query subgraph: plays, likes and comments folded into trending and the search blend', () => {
  let server: QueryTestServer;

  beforeAll(async () => {
    server = await QueryTestServer.start();
  });
  afterAll(async () => {
    await server?.stop();
  });

  /** The given songs in the order `trending(first: 50)` lists them. */
  const trendingOrder = async (songs: readonly string[]) => {
    const { trending } = await server.ok<{ trending: { id: string }[] }>(
      '{ trending(first: 50) { id title status } }',
    );
    return trending.map((song) => song.id).filter((id) => songs.includes(id));
  };

  const createSongs = async (count: number, title: string) => {
    const ids = Array.from({ length: count }, () => newId('song'));
    await server.publish(
      ids.map((songId, i) =>
        songEvent('SONG_CREATED', 1, songData({ songId, title: `${title} ${i}` })),
      ),
    );
    return ids;
  };

  /**
   * Plays of one song at `at`: its producer's count went from 0 to `n`. Only the growth of the count
   * matters, so the last of n SONG_PLAYED events says as much as all of them (one event per play
   * is tested below, out of order).
   */
  const plays = (songId: string, n: number, at: string) => [
    songPlayed({ songId, playCount: n, countVersion: n, at }),
  ];

  it('ranks recent activity above older, bigger activity, and ignores activity beyond the window', async () => {
    const [recent, older, ancient, idle] = await createSongs(4, 'Decay');
    await server.publish([
      // 10 plays now (weight 10) against 20 plays three days ago (20 · 2^(−72/48) ≈ 7.1).
      ...plays(recent!, 10, hoursAgo(0)),
      ...plays(older!, 20, hoursAgo(72)),
      // A thousand plays eight days ago: outside the 7-day window, they count for nothing.
      songPlayed({ songId: ancient!, playCount: 1000, at: hoursAgo(8 * 24) }),
    ]);
    const order = await trendingOrder([recent!, older!, ancient!, idle!]);
    expect(order.slice(0, 2)).toEqual([recent, older]);
    // Songs without activity in the window follow, newest first (all four were created together).
    expect(order).toHaveLength(4);

    // The all-time counts still reach the search blend: the ancient song's 1,000 plays lift it.
    const { search } = await server.ok<SearchData>(SEARCH, { query: 'decay' });
    expect(search.songs.edges[0]!.node.id).toBe(ancient);
  });

  it('counts unlikes, and deleted and hidden comments, against a song', async () => {
    const [liked, steady, discussed] = await createSongs(3, 'Fickle');
    const like = (songId: string, userId: string, likeCount: number, countVersion: number) =>
      songLikeEvent('SONG_LIKED', { songId, userId, likeCount, countVersion });
    await server.publish([
      like(liked!, 'u1', 1, 1),
      like(liked!, 'u2', 2, 2),
      like(liked!, 'u3', 3, 3),
      like(steady!, 'u1', 1, 1),
      like(steady!, 'u2', 2, 2),
    ]);
    expect(await trendingOrder([liked!, steady!])).toEqual([liked, steady]);

    await server.publish([
      songLikeEvent('SONG_UNLIKED', {
        songId: liked!,
        userId: 'u1',
        likeCount: 2,
        countVersion: 4,
        version: 2,
      }),
      songLikeEvent('SONG_UNLIKED', {
        songId: liked!,
        userId: 'u2',
        likeCount: 1,
        countVersion: 5,
        version: 2,
      }),
    ]);
    expect(await trendingOrder([liked!, steady!])).toEqual([steady, liked]);

    // Comments: three on a song (weight 6) put it first; removing two (one deleted, one hidden)
    // leaves weight 2, and comments on an album never count for a song.
    await server.publish([
      commentEvent('COMMENT_CREATED', { songId: discussed!, commentCount: 1, countVersion: 1 }),
      commentEvent('COMMENT_CREATED', { songId: discussed!, commentCount: 2, countVersion: 2 }),
      commentEvent('COMMENT_CREATED', { songId: discussed!, commentCount: 3, countVersion: 3 }),
      commentEvent('COMMENT_CREATED', {
        songId: steady!,
        commentCount: 5,
        countVersion: 1,
        targetType: 'ALBUM',
      }),
    ]);
    expect(await trendingOrder([liked!, steady!, discussed!])).toEqual([discussed, steady, liked]);
    await server.publish([
      commentEvent('COMMENT_DELETED', { songId: discussed!, commentCount: 2, countVersion: 4 }),
      commentEvent('COMMENT_HIDDEN', { songId: discussed!, commentCount: 1, countVersion: 5 }),
    ]);
    expect(await trendingOrder([steady!, discussed!])).toEqual([steady, discussed]);
    const stored = await server.client
      .db(server.subgraph.connection.name)
      .collection('song_activity')
      .findOne({ _id: discussed as never });
    expect(stored).toMatchObject({ comments: { count: 1, version: 5 } });
  });

  it('changes nothing on a redelivered or overtaken count event, and keeps counts across song updates', async () => {
    const [song] = await createSongs(1, 'Steadfast');
    const first = songPlayed({ songId: song!, playCount: 1 });
    const second = songPlayed({ songId: song!, playCount: 2 });
    const third = songPlayed({ songId: song!, playCount: 3 });
    // Out of order: the third arrives first; the second is then stale; the first a duplicate id later.
    await server.publish([third, second, first, { ...third, id: randomUUID() }]);
    const activity = () =>
      server.client
        .db(server.subgraph.connection.name)
        .collection('song_activity')
        .findOne({ _id: song as never });
    const once = await activity();
    expect(once).toMatchObject({ plays: { count: 3, version: 3 } });
    const buckets = Object.values(
      (once as unknown as { buckets: Record<string, { plays: number }> }).buckets,
    );
    expect(buckets.reduce((sum, bucket) => sum + bucket.plays, 0)).toBe(3);

    // The bus drops a known event id; a redelivery that reaches the handler changes nothing either.
    await server.subgraph.module.consumer.handle(third);
    await server.subgraph.module.consumer.handle(first);
    expect(await activity()).toEqual(once);

    // A song event (a rename) leaves its counts alone.
    await server.publish([
      songEvent('SONG_UPDATED', 2, songData({ songId: song!, title: 'Steadfast Renamed' })),
    ]);
    expect(await activity()).toEqual(once);
    expect(server.subgraph.module.activity.counts(song!)).toEqual({
      plays: 3,
      likes: 0,
      comments: 0,
    });
  });

  it('leaves deleted songs out and rebuilds the same trending list at restart', async () => {
    const [kept, gone] = await createSongs(2, 'Lasting');
    await server.publish([...plays(kept!, 40, hoursAgo(1)), ...plays(gone!, 50, hoursAgo(1))]);
    expect(await trendingOrder([kept!, gone!])).toEqual([gone, kept]);
    await server.publish([songDeleted(gone!, 2)]);
    expect(await trendingOrder([kept!, gone!])).toEqual([kept]);

    const { trending: before } = await server.ok<{ trending: { id: string }[] }>(
      '{ trending(first: 10) { id } }',
    );
    await server.restart();
    const { trending: after } = await server.ok<{ trending: { id: string }[] }>(
      '{ trending(first: 10) { id } }',
    );
    expect(after).toEqual(before);
    expect(after[0]).toEqual({ id: kept });
  });

  it('replays into the same activity and listener signals after a reset of the read model', async () => {
    const db = () => server.client.db(server.subgraph.connection.name);
    const snapshot = async () =>
      Promise.all(
        ['song_activity', 'listener_signals', 'songs'].map((name) =>
          db()
            .collection(name)
            .find({}, { sort: { _id: 1 } })
            .toArray(),
        ),
      );
    const before = await snapshot();
    const trendingBefore = await trendingOrder(before[2]!.map((song) => String(song._id)));
    expect(before[0]!.length).toBeGreaterThan(5);

    await server.restart(async (databaseName) => {
      await resetReadModel(
        server.client.db(databaseName),
        server.client.db(server.env.EVENT_BUS_DATABASE),
      );
      expect(
        await server.client.db(databaseName).collection('song_activity').countDocuments(),
      ).toBe(0);
    });
    await server.publish([]);
    expect(await snapshot()).toEqual(before);
    expect(await trendingOrder(before[2]!.map((song) => String(song._id)))).toEqual(trendingBefore);
  });
});
