import {
  artistUpdated,
  commentCreated,
  eventually,
  newId,
  PreferencesTestServer,
  redelivered,
  songEvent,
} from './preferences-test-server';

const FOLLOW_ARTIST = `mutation F($id: ID!) { followArtist(artistId: $id) { id } }`;
const NOTIFICATIONS = `query N($first: Int, $after: String) { library { unreadNotificationCount
  notifications(first: $first, after: $after) { totalCount
    edges { node { id kind read song { id } comment { id } actor { id } createdAt } }
    pageInfo { hasNextPage endCursor } } } }`;
const MARK_READ = 'mutation { markNotificationsRead }';

interface NotificationNode {
  id: string;
  kind: string;
  read: boolean;
  song: { id: string } | null;
  comment: { id: string } | null;
  actor: { id: string } | null;
}
interface Inbox {
  library: {
    unreadNotificationCount: number;
    notifications: {
      totalCount: number;
      edges: { node: NotificationNode }[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
  };
}

const FANOUT_BATCH = 100;
let server: PreferencesTestServer;
beforeAll(async () => {
  server = await PreferencesTestServer.start({
    NOTIFICATION_FANOUT_BATCH_SIZE: String(FANOUT_BATCH),
  });
});
afterAll(() => server.stop());

async function inbox(
  user: string,
  variables: Record<string, unknown> = {},
): Promise<Inbox['library']> {
  return (await server.ok<Inbox>(NOTIFICATIONS, variables, user)).library;
}

async function releaseDone(songId: string): Promise<void> {
  await eventually(
    async () => (await server.module.fanout.job(`NEW_RELEASE:${songId}`))?.done === true,
    'fan-out not done',
  );
}

describe('NEW_RELEASE', () => {
  it("notifies an artist's followers once when a song of theirs becomes READY", async () => {
    const artistId = newId('artist');
    await server.publish([artistUpdated(artistId)]);
    const [fan, otherFan, stranger, uploader] = ['fan', 'fan', 'stranger', 'uploader'].map(newId);
    for (const user of [fan!, otherFan!, uploader!])
      await server.ok(FOLLOW_ARTIST, { id: artistId }, user);

    const songId = newId('song');
    const processing = songEvent(
      { songId, artistId, status: 'PROCESSING', uploaderId: uploader },
      1,
    );
    await server.publish([processing]);
    expect(await server.module.fanout.job(`NEW_RELEASE:${songId}`)).toBeNull();

    const ready = songEvent({ songId, artistId, status: 'READY', uploaderId: uploader }, 2);
    await server.publish([ready, redelivered(ready)]);
    await releaseDone(songId);
    // A later update of the song (and the READY one redelivered) notifies nobody again.
    await server.publish([
      songEvent({ songId, artistId, uploaderId: uploader }, 3),
      redelivered(ready),
    ]);
    await releaseDone(songId);

    for (const user of [fan!, otherFan!]) {
      const mine = await inbox(user);
      expect(mine.unreadNotificationCount).toBe(1);
      expect(mine.notifications.edges.map((e) => e.node)).toEqual([
        expect.objectContaining({
          kind: 'NEW_RELEASE',
          song: { id: songId },
          read: false,
          actor: null,
        }),
      ]);
    }
    expect((await inbox(stranger!)).notifications.totalCount).toBe(0);
    // The uploader hears nothing about their own song.
    expect((await inbox(uploader!)).notifications.totalCount).toBe(0);
  });

  it('fans out to many followers in batches beside the consumer, never twice to anyone', async () => {
    const artistId = newId('artist');
    await server.publish([artistUpdated(artistId)]);
    const followers = Array.from(
      { length: 1_050 },
      (_, index) => `fan-${String(index).padStart(5, '0')}-${artistId}`,
    );
    // Seeded in bulk (following itself is tested in follows.test.ts): the fan-out is under test.
    await server.client
      .db(server.subgraph.connection.name)
      .collection('artist_follows')
      .insertMany(
        followers.map((userId) => ({
          _id: `${userId}:${artistId}` as never,
          userId,
          targetId: artistId,
          on: true,
          at: new Date(),
          version: 1,
          pendingCounts: [],
          targetDeleted: false,
        })),
      );

    // With the worker stopped, the consumer records the job and moves on: it writes no notification.
    await server.module.fanout.stop();
    const songId = newId('song');
    await server.publish([songEvent({ songId, artistId })]);
    const job = await server.module.fanout.job(`NEW_RELEASE:${songId}`);
    expect(job).toMatchObject({ done: false, notified: 0 });
    expect((await inbox(followers[0]!)).notifications.totalCount).toBe(0);

    // Some recipients already have theirs (a worker that stopped before recording its progress).
    await server.module.notifications.notify(followers.slice(0, 150), {
      kind: 'NEW_RELEASE',
      sourceKey: `NEW_RELEASE:${songId}`,
      songId,
    });

    server.module.fanout.start();
    await releaseDone(songId);
    const finished = await server.module.fanout.job(`NEW_RELEASE:${songId}`);
    expect(finished).toMatchObject({ done: true, notified: followers.length - 150 });
    for (const user of [followers[0]!, followers[149]!, followers[150]!, followers.at(-1)!]) {
      const mine = await inbox(user);
      expect(mine.notifications.edges.map((e) => [e.node.kind, e.node.song?.id])).toEqual([
        ['NEW_RELEASE', songId],
      ]);
    }
  }, 60_000);
});

describe('NEW_RELEASE only from the artist owner', () => {
  it("does not notify an artist's followers of a song someone else uploaded under its name", async () => {
    const artistId = newId('artist');
    await server.publish([artistUpdated(artistId)]);
    const [owner, impostor, fan] = ['owner', 'impostor', 'fan'].map(newId);
    await server.ok(FOLLOW_ARTIST, { id: artistId }, fan);

    // The owner's first song makes them the artist's owner (and notifies the fan).
    const first = newId('song');
    await server.publish([songEvent({ songId: first, artistId, uploaderId: owner })]);
    await releaseDone(first);

    // Someone else uploads under the same artist name: nobody is notified, no job is recorded.
    const fake = newId('song');
    await server.publish([songEvent({ songId: fake, artistId, uploaderId: impostor })]);
    expect(await server.module.fanout.job(`NEW_RELEASE:${fake}`)).toBeNull();

    // The owner's next upload notifies again.
    const next = newId('song');
    await server.publish([songEvent({ songId: next, artistId, uploaderId: owner })]);
    await releaseDone(next);

    const songs = (await inbox(fan!)).notifications.edges.map((e) => e.node.song?.id);
    expect(songs.sort()).toEqual([first, next].sort());
  });

  it('caps the releases an artist sends its followers per day', async () => {
    const artistId = newId('artist');
    const [owner, fan] = ['owner', 'fan'].map(newId);
    await server.publish([artistUpdated(artistId)]);
    await server.ok(FOLLOW_ARTIST, { id: artistId }, fan);
    const songIds = Array.from({ length: 12 }, () => newId('song'));
    await server.publish(
      songIds.map((songId) => songEvent({ songId, artistId, uploaderId: owner })),
    );
    for (const songId of songIds.slice(0, 10)) await releaseDone(songId);
    for (const songId of songIds.slice(10))
      expect(await server.module.fanout.job(`NEW_RELEASE:${songId}`)).toBeNull();
    expect((await inbox(fan!, { first: 50 })).notifications.totalCount).toBe(10);

    // A day later the artist can release again.
    server.clock.advance(24 * 60 * 60 * 1_000 + 1);
    const later = newId('song');
    await server.publish([songEvent({ songId: later, artistId, uploaderId: owner })]);
    await releaseDone(later);
  });
});

describe('COMMENT_REPLY', () => {
  it('notifies the author of the comment replied to, not someone replying to themselves', async () => {
    const [author, replier] = [newId('user'), newId('user')];
    const songId = newId('song');
    const top = commentCreated({
      commentId: newId('comment'),
      authorId: author,
      songId,
      inReplyTo: null,
    });
    const reply = commentCreated({
      commentId: newId('comment'),
      authorId: replier,
      songId,
      inReplyTo: { commentId: top.aggregateId, authorId: author },
    });
    const selfReply = commentCreated({
      commentId: newId('comment'),
      authorId: author,
      songId,
      inReplyTo: { commentId: top.aggregateId, authorId: author },
    });
    await server.publish([top, reply, redelivered(reply), selfReply]);

    const mine = await inbox(author);
    expect(mine.notifications.edges.map((e) => e.node)).toEqual([
      expect.objectContaining({
        kind: 'COMMENT_REPLY',
        comment: { id: reply.aggregateId },
        actor: { id: replier },
        song: { id: songId },
      }),
    ]);
    expect((await inbox(replier)).notifications.totalCount).toBe(0);
  });
});

describe('reading notifications', () => {
  it('lists newest first, paged, counts the unread and marks them read', async () => {
    const me = newId('user');
    for (let i = 0; i < 3; i++) {
      await server.publish([
        commentCreated({
          commentId: `c-${i}-${me}`,
          authorId: newId('user'),
          songId: 'song-x',
          inReplyTo: { commentId: 'mine', authorId: me },
        }),
      ]);
      server.clock.advance(1_000);
    }
    const page = await inbox(me, { first: 2 });
    expect(page.unreadNotificationCount).toBe(3);
    expect(page.notifications.totalCount).toBe(3);
    expect(page.notifications.edges.map((e) => e.node.comment?.id)).toEqual([
      `c-2-${me}`,
      `c-1-${me}`,
    ]);
    const next = await inbox(me, { first: 2, after: page.notifications.pageInfo.endCursor });
    expect(next.notifications.edges.map((e) => e.node.comment?.id)).toEqual([`c-0-${me}`]);
    expect(next.notifications.pageInfo.hasNextPage).toBe(false);

    expect(await server.ok(MARK_READ, {}, me)).toEqual({ markNotificationsRead: 3 });
    expect(await server.ok(MARK_READ, {}, me)).toEqual({ markNotificationsRead: 0 });
    const read = await inbox(me);
    expect(read.unreadNotificationCount).toBe(0);
    expect(read.notifications.edges.every((e) => e.node.read)).toBe(true);
    expect(await server.errorOf(MARK_READ, {})).toEqual({ code: 'UNAUTHENTICATED' });
  });

  it('is null when signed out', async () => {
    expect(await server.ok(NOTIFICATIONS)).toEqual({ library: null });
  });
});
