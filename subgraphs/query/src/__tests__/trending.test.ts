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
   * matters, so the first SONG_PLAYED (count 1: the count's start is known) and the last of n say
   * as much as all of them (one event per play is tested below, out of order).
   */
  const plays = (songId: string, n: number, at: string) => [
    songPlayed({ songId, playCount: 1, countVersion: 1, at }),
    ...(n > 1 ? [songPlayed({ songId, playCount: n, countVersion: n, at })] : []),
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

  it("puts only the event's own step in a bucket when no count is stored and the count is not new", async () => {
    const [old, fresh] = await createSongs(2, 'Lifetime');
    // An old song first seen at its 1,000th play (a reset with a truncated log): one play now,
    // not a thousand; a fresh song with three plays seen from the first one ranks above it.
    await server.publish([
      songPlayed({ songId: old!, playCount: 1000, countVersion: 1000, at: hoursAgo(0) }),
      songPlayed({ songId: fresh!, playCount: 1, countVersion: 1, at: hoursAgo(0) }),
      songPlayed({ songId: fresh!, playCount: 2, countVersion: 2, at: hoursAgo(0) }),
      songPlayed({ songId: fresh!, playCount: 3, countVersion: 3, at: hoursAgo(0) }),
      // An unlike seen first (count 4 at version 9): one step down, not four up.
      songLikeEvent('SONG_UNLIKED', {
        songId: old!,
        userId: 'u1',
        likeCount: 4,
        countVersion: 9,
        version: 2,
      }),
    ]);
    const stored = await server.client
      .db(server.subgraph.connection.name)
      .collection<{ _id: string; buckets: Record<string, { plays?: number; likes?: number }> }>(
        'song_activity',
      )
      .findOne({ _id: old! });
    expect(stored).toMatchObject({ plays: { count: 1000 }, likes: { count: 4 } });
    const buckets = Object.values(stored!.buckets);
    expect(buckets.reduce((sum, bucket) => sum + (bucket.plays ?? 0), 0)).toBe(1);
    expect(buckets.reduce((sum, bucket) => sum + (bucket.likes ?? 0), 0)).toBe(-1);
    expect(await trendingOrder([old!, fresh!])).toEqual([fresh, old]);
    // The all-time counts still reach the search blend.
    expect(server.subgraph.module.activity.counts(old!)).toMatchObject({ plays: 1000, likes: 4 });
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
    // The newest came first with nothing stored: only its own play is bucketed (the earlier ones'
    // times are unknown then), and the overtaken ones change nothing.
    expect(buckets.reduce((sum, bucket) => sum + bucket.plays, 0)).toBe(1);

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

  it('takes the stored activity when another instance sharing the read model already applied an event', async () => {
    const [song] = await createSongs(1, 'Shared');
    const played = songPlayed({ songId: song!, playCount: 7, countVersion: 7 });
    const hour = Math.floor(Date.parse((played.data as { at: string }).at) / 3_600_000);
    // Another replica applied plays up to countVersion 7 (this one has not seen that event yet);
    // the first it saw, nothing stored, it bucketed as one play (as a replay of the log does).
    await server.client
      .db(server.subgraph.connection.name)
      .collection('song_activity')
      .insertOne({
        _id: song as never,
        plays: { count: 7, version: 7 },
        buckets: { [hour]: { plays: 1 } },
      });
    expect(server.subgraph.module.activity.counts(song!)).toBeUndefined();
    // Here the event arrives too: stale in Mongo, it still brings this instance up to date.
    await server.publish([played]);
    expect(server.subgraph.module.activity.counts(song!)).toEqual({
      plays: 7,
      likes: 0,
      comments: 0,
    });
    expect((await trendingOrder([song!]))[0]).toBe(song);
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
