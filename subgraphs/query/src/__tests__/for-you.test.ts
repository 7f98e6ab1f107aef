import { executeAsRouter } from '@groovy/common/testing';
import { ListenerSignals } from '../for-you/listener-signals';
import {
  artistFollowEvent,
  hoursAgo,
  interestMarked,
  newId,
  QueryTestServer,
  songData,
  songEvent,
  songLikeEvent,
  songPlayed,
} from './query-test-server';

const FOR_YOU = `query ForYou($first: Int) { forYou(first: $first) { id title status artist { id name } } }`;

describe('query subgraph: "For you" from the listener signals folded from the preference events', () => {
  let server: QueryTestServer;

  beforeAll(async () => {
    server = await QueryTestServer.start();
  });
  afterAll(async () => {
    await server?.stop();
  });

  const forYou = async (userId: string, first = 20) => {
    const data = await server.ok<{ forYou: { id: string; status: string }[] }>(
      FOR_YOU,
      { first },
      userId,
    );
    for (const song of data.forYou) expect(song.status).toBe('READY');
    return data.forYou.map((song) => song.id);
  };
  const trending = async (first = 20) =>
    (
      await server.ok<{ trending: { id: string }[] }>(
        'query T($first: Int) { trending(first: $first) { id } }',
        {
          first,
        },
      )
    ).trending.map((song) => song.id);

  const song = (
    songId: string,
    artist: { id: string; name: string },
    hours: number,
    genre = 'folk',
  ) =>
    songEvent(
      'SONG_CREATED',
      1,
      songData({
        songId,
        artist,
        genre,
        title: `Song of ${artist.name}`,
        createdAt: hoursAgo(hours),
      }),
    );

  it('is null when signed out', async () => {
    const result = await server.execute<{ forYou: null }>(FOR_YOU, {});
    expect(result.errors).toBeUndefined();
    expect(result.data?.forYou).toBeNull();
  });

  it("is null for an API key's app: a third-party app does not read the listener's taste", async () => {
    const userId = newId('user');
    const artist = { id: newId('artist'), name: 'Key Artist' };
    await server.publish([
      song(newId('song'), artist, 1),
      artistFollowEvent('ARTIST_FOLLOWED', { userId, artistId: artist.id, version: 1 }),
    ]);
    expect(await forYou(userId)).not.toHaveLength(0);
    const result = await executeAsRouter<{ forYou: null }>(
      server.subgraph.url,
      FOR_YOU,
      {},
      {
        identitySecret: server.env.IDENTITY_TOKEN_SECRET,
        as: { kind: 'apiKey', userId, apiKeyId: newId('key') },
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.forYou).toBeNull();
  });

  it("lists a followed artist's songs fresh first, without what the listener played or marked not interested", async () => {
    const listener = newId('user');
    const followed = { id: newId('artist'), name: 'Followed Band' };
    const other = { id: newId('artist'), name: 'Other Band' };
    const [fresh, older, unrelated, processing] = [
      newId('song'),
      newId('song'),
      newId('song'),
      newId('song'),
    ];
    await server.publish([
      song(older, followed, 24 * 30, 'genre-a'),
      song(fresh, followed, 1, 'genre-a'),
      song(unrelated, other, 0, 'genre-b'),
      songEvent(
        'SONG_CREATED',
        1,
        songData({
          songId: processing,
          artist: followed,
          status: 'PROCESSING',
          createdAt: hoursAgo(0),
        }),
      ),
      artistFollowEvent('ARTIST_FOLLOWED', { artistId: followed.id, userId: listener, version: 1 }),
    ]);
    const picks = await forYou(listener);
    expect(picks.slice(0, 2)).toEqual([fresh, older]);
    expect(picks).not.toContain(processing);

    // Played: left out (it still counts towards the listener's taste).
    await server.publish([songPlayed({ songId: fresh, userId: listener, playCount: 1 })]);
    expect(await forYou(listener)).not.toContain(fresh);
    expect((await forYou(listener))[0]).toBe(older);

    // Not interested: left out; taken back: in again.
    await server.publish([
      interestMarked({ songId: older, userId: listener, notInterested: true, version: 1 }),
    ]);
    expect(await forYou(listener)).not.toContain(older);
    await server.publish([
      interestMarked({ songId: older, userId: listener, notInterested: false, version: 2 }),
      // A stale redelivery of the first mark changes nothing.
      interestMarked({ songId: older, userId: listener, notInterested: true, version: 1 }),
    ]);
    expect((await forYou(listener))[0]).toBe(older);

    // Unfollowed: the artist's songs come only from what was played (the fresh one, excluded) now.
    await server.publish([
      artistFollowEvent('ARTIST_UNFOLLOWED', {
        artistId: followed.id,
        userId: listener,
        version: 2,
      }),
    ]);
    const afterUnfollow = await forYou(listener);
    expect(afterUnfollow[0]).toBe(older); // still the artist of a played song
  });

  it('draws on the artists and genres of liked songs, ahead of the fallback', async () => {
    const listener = newId('user');
    const likedArtist = { id: newId('artist'), name: 'Liked Artist' };
    const genreMate = { id: newId('artist'), name: 'Genre Mate' };
    const stranger = { id: newId('artist'), name: 'Stranger' };
    const [liked, sameArtist, sameGenre, elsewhere] = [
      newId('song'),
      newId('song'),
      newId('song'),
      newId('song'),
    ];
    await server.publish([
      song(liked, likedArtist, 48, 'zydeco'),
      song(sameArtist, likedArtist, 24, 'polka'),
      song(sameGenre, genreMate, 24, 'zydeco'),
      song(elsewhere, stranger, 0, 'grunge'),
      songLikeEvent('SONG_LIKED', {
        songId: liked,
        userId: listener,
        likeCount: 1,
        countVersion: 1,
      }),
    ]);
    const picks = await forYou(listener);
    expect(picks.slice(0, 2)).toEqual([sameArtist, sameGenre]);
    expect(picks).not.toContain(liked);
    expect(picks).toContain(elsewhere); // the fallback fills the page
  });

  it("gives a new account trending and new releases, and never another listener's signals", async () => {
    const newcomer = newId('user');
    const picky = newId('user');
    expect(await forYou(newcomer, 10)).toEqual(await trending(10));

    const top = (await trending(10))[0]!;
    await server.publish([
      interestMarked({ songId: top, userId: picky, notInterested: true, version: 1 }),
    ]);
    expect(await forYou(picky, 10)).not.toContain(top);
    // The newcomer is untouched by the other listener's mark.
    expect(await forYou(newcomer, 10)).toEqual(await trending(10));
  });

  it('keeps at most the cap of signals per listener and kind, the newest', async () => {
    const db = server.client.db(`signals_${newId('cap').replace(/-/g, '_')}`);
    const signals = new ListenerSignals(() => db, {
      follow: 2,
      like: 2,
      play: 2,
      notInterested: 2,
    });
    await signals.ensureIndexes();
    const listener = newId('user');
    for (let i = 0; i < 4; i += 1) {
      await signals.apply(
        songPlayed({ songId: `played-${i}`, userId: listener, playCount: 1, at: hoursAgo(10 - i) }),
      );
      await signals.apply(
        songPlayed({
          songId: `other-${i}`,
          userId: 'someone-else',
          playCount: 1,
          at: hoursAgo(10 - i),
        }),
      );
    }
    const kept = (await signals.of(listener)).map((signal) => signal.subjectId).sort();
    expect(kept).toEqual(['played-2', 'played-3']);
    expect(await signals.of('someone-else')).toHaveLength(2);
  });

  it('keeps a removed like removed however many newer likes come (tombstones are not capped away)', async () => {
    const db = server.client.db(server.subgraph.connection.name);
    const caps = { follow: 3, like: 3, play: 3, notInterested: 3 };
    const signals = new ListenerSignals(() => db, caps);
    await signals.ensureIndexes();
    const listener = newId('user');
    const like = (
      type: 'SONG_LIKED' | 'SONG_UNLIKED',
      songId: string,
      version: number,
      hours: number,
    ) => {
      return songLikeEvent(type, {
        songId,
        userId: listener,
        likeCount: 1,
        countVersion: 1,
        version,
        at: hoursAgo(hours),
      });
    };
    const liked = like('SONG_LIKED', 'removed-song', 1, 100);
    await signals.apply(liked);
    await signals.apply(like('SONG_UNLIKED', 'removed-song', 2, 99));
    for (let i = 0; i < 5; i += 1) await signals.apply(like('SONG_LIKED', `newer-${i}`, 1, 50 - i));
    // The bus redelivers the old like: it must not bring the removed one back.
    expect(await signals.apply(liked)).toBe(false);
    const active = (await signals.of(listener)).map((signal) => signal.subjectId).sort();
    expect(active).toEqual(['newer-2', 'newer-3', 'newer-4']);
    expect(await signals.signals.findOne({ _id: `${listener}:like:removed-song` })).toMatchObject({
      active: false,
      version: 2,
    });
  });
});
