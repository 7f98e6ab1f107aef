import type { EventEnvelope } from '@groovy/common/events';
import { SETTLED_GRACE_MS, subjectKey, type CountSnapshot } from '../counter/counter.service';
import { LIKE_COUNTING } from '../like/like.service';
import {
  eventually,
  newId,
  PreferencesTestServer,
  songDeleted,
  songEvent,
} from './preferences-test-server';

const LIKE = 'mutation Like($id: ID!) { likeSong(songId: $id) { id likeCount likedByMe } }';
const UNLIKE = 'mutation Unlike($id: ID!) { unlikeSong(songId: $id) { id likeCount likedByMe } }';
const LIKED = `query Liked($first: Int, $after: String) {
  library { likedSongs(first: $first, after: $after) {
    totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }
}`;
const SONG_FIELDS = `query Songs($reps: [_Any!]!) {
  _entities(representations: $reps) { ... on Song { id likeCount likedByMe } }
}`;

interface LikeData {
  likeSong: { id: string; likeCount: number; likedByMe: boolean };
}
interface LikedData {
  library: {
    likedSongs: {
      totalCount: number;
      edges: { cursor: string; node: { id: string } }[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
  };
}

let server: PreferencesTestServer;
beforeAll(async () => {
  server = await PreferencesTestServer.start();
});
afterAll(() => server.stop());

async function readySong(facts: Partial<Parameters<typeof songEvent>[0]> = {}): Promise<string> {
  const songId = newId('song');
  await server.publish([songEvent({ songId, ...facts })]);
  return songId;
}

/** The count a read model folding these events keeps: the one of the highest countVersion. */
function foldedCount(events: EventEnvelope[]): number | null {
  let best: { likeCount: number; countVersion: number } | null = null;
  for (const event of events) {
    const data = event.data as { likeCount: number; countVersion: number };
    if (!best || data.countVersion > best.countVersion) best = data;
  }
  return best?.likeCount ?? null;
}

describe('likeSong / unlikeSong', () => {
  it('likes idempotently: a second like changes nothing and publishes nothing', async () => {
    const songId = await readySong();
    const user = newId('user');
    const first = await server.ok<LikeData>(LIKE, { id: songId }, user);
    expect(first.likeSong).toEqual({ id: songId, likeCount: 1, likedByMe: true });
    const again = await server.ok<LikeData>(LIKE, { id: songId }, user);
    expect(again.likeSong).toEqual({ id: songId, likeCount: 1, likedByMe: true });

    await eventually(
      async () =>
        server.published.of('SONG_LIKED', (e) => e.aggregateId === `${user}:${songId}`).length ===
        1,
    );
    const [liked] = server.published.of('SONG_LIKED', (e) => e.aggregateId === `${user}:${songId}`);
    expect(liked!.data).toMatchObject({ songId, userId: user, likeCount: 1, countVersion: 1 });

    const back = await server.ok<{ unlikeSong: LikeData['likeSong'] }>(
      UNLIKE,
      { id: songId },
      user,
    );
    expect(back.unlikeSong).toEqual({ id: songId, likeCount: 0, likedByMe: false });
    await server.ok(UNLIKE, { id: songId }, user);
    await eventually(
      async () =>
        server.published.of('SONG_UNLIKED', (e) => e.aggregateId === `${user}:${songId}`).length ===
        1,
    );
    const [unliked] = server.published.of(
      'SONG_UNLIKED',
      (e) => e.aggregateId === `${user}:${songId}`,
    );
    expect(unliked!.data).toMatchObject({ likeCount: 0, countVersion: 2 });
    expect(unliked!.aggregateVersion).toBeGreaterThan(liked!.aggregateVersion);
  });

  it('refuses signed-out callers, unknown songs, and songs the caller cannot see', async () => {
    const songId = await readySong();
    expect(await server.errorOf(LIKE, { id: songId })).toEqual({ code: 'UNAUTHENTICATED' });
    expect(await server.errorOf(LIKE, { id: 'no-such-song' }, newId('user'))).toEqual({
      code: 'NOT_FOUND',
    });
    expect(await server.errorOf(LIKE, { id: ' ' }, newId('user'))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'songId',
    });
    const uploader = newId('user');
    const processing = await readySong({ status: 'PROCESSING', uploaderId: uploader });
    expect(await server.errorOf(LIKE, { id: processing }, newId('user'))).toEqual({
      code: 'NOT_FOUND',
    });
    // Their own upload is theirs to like at any stage.
    const own = await server.ok<LikeData>(LIKE, { id: processing }, uploader);
    expect(own.likeSong.likedByMe).toBe(true);
  });

  it('keeps likeCount exact under 100 concurrent toggles across 10 users', async () => {
    const songId = await readySong();
    const users = Array.from({ length: 10 }, () => newId('user'));
    const operations = Array.from({ length: 100 }, (_, index) => ({
      user: users[index % 10]!,
      like: (index * 7) % 3 !== 0,
    }));
    const results = await Promise.all(
      operations.map(({ user, like }) =>
        server.execute(like ? LIKE : UNLIKE, { id: songId }, user),
      ),
    );
    expect(results.filter((result) => result.errors)).toEqual([]);

    const states = await server.ok<{ _entities: { likedByMe: boolean }[] }>(SONG_FIELDS, {
      reps: [{ __typename: 'Song', id: songId }],
    });
    const likedBy = await Promise.all(
      users.map(async (user) => {
        const data = await server.ok<{ _entities: { likedByMe: boolean }[] }>(
          SONG_FIELDS,
          { reps: [{ __typename: 'Song', id: songId }] },
          user,
        );
        return data._entities[0]!.likedByMe;
      }),
    );
    const expected = likedBy.filter(Boolean).length;
    expect(states._entities[0]).toMatchObject({ likedByMe: false });
    const count = (
      await server.ok<{ _entities: { likeCount: number }[] }>(SONG_FIELDS, {
        reps: [{ __typename: 'Song', id: songId }],
      })
    )._entities[0]!.likeCount;
    expect(count).toBe(expected);

    // The events: one per switch; a reader keeping the highest countVersion ends on the same count,
    // whatever order (or how many times) they arrive in.
    const ofSong = (e: EventEnvelope) => (e.data as { songId: string }).songId === songId;
    await eventually(async () => {
      const events = [
        ...server.published.of('SONG_LIKED', ofSong),
        ...server.published.of('SONG_UNLIKED', ofSong),
      ];
      return foldedCount(events) === expected;
    }, 'the events did not reach the final count');
    const events = [
      ...server.published.of('SONG_LIKED', ofSong),
      ...server.published.of('SONG_UNLIKED', ofSong),
    ];
    const versions = events.map((e) => (e.data as { countVersion: number }).countVersion);
    expect(new Set(versions).size).toBe(events.length);
    const shuffled = [...events, ...events].sort(() => Math.random() - 0.5);
    expect(foldedCount(shuffled)).toBe(expected);
    expect(foldedCount([...events].reverse())).toBe(expected);
  }, 120_000);

  it('lists liked songs newest first, paged, without deleted songs', async () => {
    const user = newId('user');
    const songs = [await readySong(), await readySong(), await readySong()];
    for (const songId of songs) {
      await server.ok(LIKE, { id: songId }, user);
      server.clock.advance(1_000);
    }
    const page1 = await server.ok<LikedData>(LIKED, { first: 2 }, user);
    expect(page1.library.likedSongs.totalCount).toBe(3);
    expect(page1.library.likedSongs.edges.map((e) => e.node.id)).toEqual([songs[2], songs[1]]);
    expect(page1.library.likedSongs.pageInfo.hasNextPage).toBe(true);
    const page2 = await server.ok<LikedData>(
      LIKED,
      { first: 2, after: page1.library.likedSongs.pageInfo.endCursor },
      user,
    );
    expect(page2.library.likedSongs.edges.map((e) => e.node.id)).toEqual([songs[0]]);
    expect(page2.library.likedSongs.pageInfo.hasNextPage).toBe(false);

    await server.publish([songDeleted(songs[1]!, 2)]);
    const after = await server.ok<LikedData>(LIKED, {}, user);
    expect(after.library.likedSongs.edges.map((e) => e.node.id)).toEqual([songs[2], songs[0]]);
    expect(after.library.likedSongs.totalCount).toBe(2);
    // A deleted song cannot be liked again.
    expect(await server.errorOf(LIKE, { id: songs[1] }, newId('user'))).toEqual({
      code: 'NOT_FOUND',
    });

    expect(await server.errorOf(LIKED, { after: 'nonsense' }, user)).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
    expect(await server.errorOf(LIKED, { first: 101 }, user)).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'first',
    });
  });

  it('reads likeCount and likedByMe for a page of songs with one query each (batched)', async () => {
    const user = newId('user');
    const songs = Array.from({ length: 20 }, () => newId('song'));
    await server.publish(songs.map((songId) => songEvent({ songId })));
    await server.ok(LIKE, { id: songs[3] }, user);
    const counters = jest.spyOn(server.module.counters, 'find');
    const likes = jest.spyOn(server.module.likes.toggles, 'onAmong');
    try {
      const data = await server.ok<{
        _entities: { id: string; likeCount: number; likedByMe: boolean }[];
      }>(SONG_FIELDS, { reps: songs.map((id) => ({ __typename: 'Song', id })) }, user);
      expect(data._entities.filter((song) => song.likedByMe).map((song) => song.id)).toEqual([
        songs[3],
      ]);
      expect(data._entities[3]!.likeCount).toBe(1);
      expect(counters).toHaveBeenCalledTimes(1);
      expect(likes).toHaveBeenCalledTimes(1);
    } finally {
      counters.mockRestore();
      likes.mockRestore();
    }
  });

  it('finishes a like a stopped process left half-done, exactly once', async () => {
    const songId = await readySong();
    const [done, halfDone] = [newId('user'), newId('user')];
    await server.ok(LIKE, { id: songId }, done);
    // As a process that died between switching the like and counting it leaves it:
    const at = new Date(Date.now() - 60_000);
    await server.client
      .db(server.subgraph.connection.name)
      .collection('likes')
      .insertOne({
        _id: `${halfDone}:${songId}` as never,
        userId: halfDone,
        targetId: songId,
        on: true,
        at,
        version: 1,
        pendingCounts: [{ opId: `op-${halfDone}`, delta: 1, at, version: 1 }],
        targetDeleted: false,
      });
    const count = async () =>
      (
        await server.ok<{ _entities: { likeCount: number }[] }>(SONG_FIELDS, {
          reps: [{ __typename: 'Song', id: songId }],
        })
      )._entities[0]!.likeCount;
    expect(await count()).toBe(1);
    expect(await server.module.repairPending(new Date())).toBe(1);
    expect(await count()).toBe(2);
    expect(await server.module.repairPending(new Date())).toBe(0);
    expect(await count()).toBe(2);
    // Both changes settled (their markers dropped): once no repair can still hold their marker, the
    // counter no longer needs their ids.
    server.clock.advance(SETTLED_GRACE_MS + 1);
    await server.module.repairPending(new Date());
    const counter = await server.client
      .db(server.subgraph.connection.name)
      .collection('counters')
      .findOne({ _id: `song:${songId}` as never });
    expect(counter!.appliedOps).toEqual([]);
    await eventually(
      async () =>
        server.published.of('SONG_LIKED', (e) => e.aggregateId === `${halfDone}:${songId}`)
          .length === 1,
    );
  });

  it('does not count a change twice when the counter applied it before a crash, however many changes come before the repair', async () => {
    const songId = await readySong();
    const subject = subjectKey('song', songId);
    const halfApplied = newId('user');
    const at = new Date(Date.now() - 60_000);
    const pending = { opId: `op-${halfApplied}`, delta: 1 as const, at, version: 1 };
    // A process switched the like, the counter applied it, and the process died before dropping it.
    await server.client
      .db(server.subgraph.connection.name)
      .collection('likes')
      .insertOne({
        _id: `${halfApplied}:${songId}` as never,
        userId: halfApplied,
        targetId: songId,
        on: true,
        at,
        version: 1,
        pendingCounts: [pending],
        targetDeleted: false,
      });
    const change = (userId: string, opId: string) => ({
      opId,
      delta: 1 as const,
      event: (snapshot: CountSnapshot) =>
        LIKE_COUNTING.event(true, { userId, targetId: songId, at, version: 1 }, snapshot),
    });
    await server.module.counters.apply(subject, 'likeCount', change(halfApplied, pending.opId));
    // More than 500 other changes of the song before the repair runs.
    const others = Array.from({ length: 600 }, (_, index) => `op-other-${index}`);
    await Promise.all(
      others.map((opId) =>
        server.module.counters.apply(subject, 'likeCount', change(newId('user'), opId)),
      ),
    );
    expect(await server.module.repairPending(new Date())).toBe(1);
    const [counter] = [...(await server.module.counters.find([subject])).values()];
    expect(counter!.likeCount).toBe(601);
  });

  it('does not count a change twice when two repairs read its marker and one settles it before the other applies it', async () => {
    const songId = await readySong();
    const subject = subjectKey('song', songId);
    const stuckUser = newId('user');
    const at = new Date(Date.now() - 60_000);
    const pending = { opId: `op-${stuckUser}`, delta: 1 as const, at, version: 1 };
    // A process died between switching the like and counting it.
    await server.client
      .db(server.subgraph.connection.name)
      .collection('likes')
      .insertOne({
        _id: `${stuckUser}:${songId}` as never,
        userId: stuckUser,
        targetId: songId,
        on: true,
        at,
        version: 1,
        pendingCounts: [pending],
        targetDeleted: false,
      });
    // Repair B (another instance) reads the marker. Repair A reads it too, counts it, drops the
    // marker and forgets what it can; then someone else likes the song (a write of the counter).
    const repairA = await server.module.repairPending(new Date());
    expect(repairA).toBe(1);
    await server.ok(LIKE, { id: songId }, newId('user'));
    // Repair B now applies the marker it read.
    await server.module.counters.apply(subject, 'likeCount', {
      opId: pending.opId,
      delta: 1,
      event: (snapshot: CountSnapshot) =>
        LIKE_COUNTING.event(
          true,
          { userId: stuckUser, targetId: songId, at, version: 1 },
          snapshot,
        ),
    });
    const [counter] = [...(await server.module.counters.find([subject])).values()];
    expect(counter!.likeCount).toBe(2);
  });
});
