import { Types } from 'mongoose';
import { CommentAbuseGuard } from '../abuse/comment-abuse-guard';
import {
  ADD_COMMENT,
  COMMENT,
  CommentsTestServer,
  EDIT_COMMENT,
  LIKE_COMMENT,
  newId,
  UNLIKE_COMMENT,
  type CommentView,
} from './comments-test-server';

describe('comments: likes stay exact; rate limit and duplicates', () => {
  let server: CommentsTestServer;

  beforeAll(async () => {
    server = await CommentsTestServer.start();
  });
  afterAll(async () => {
    await server?.stop();
  });

  const likeCountOf = async (id: string, as?: string) =>
    (await server.ok<{ comment: CommentView }>(COMMENT, { id }, as)).comment;

  it('likes once per user: duplicates change nothing, likedByMe says whose', async () => {
    const song = await server.song(newId());
    const [author, fan] = [newId(), newId()];
    const id = await server.comment(author, { targetId: song });
    const liked = await server.ok<{ likeComment: { likeCount: number; likedByMe: boolean } }>(
      LIKE_COMMENT,
      { id },
      fan,
    );
    expect(liked.likeComment).toEqual({ id, likeCount: 1, likedByMe: true });
    await server.ok(LIKE_COMMENT, { id }, fan);
    expect(await likeCountOf(id, fan)).toMatchObject({ likeCount: 1, likedByMe: true });
    expect(await likeCountOf(id, author)).toMatchObject({ likeCount: 1, likedByMe: false });
    expect(await likeCountOf(id)).toMatchObject({ likeCount: 1, likedByMe: false });
    await server.ok(UNLIKE_COMMENT, { id }, fan);
    await server.ok(UNLIKE_COMMENT, { id }, fan);
    expect(await likeCountOf(id, fan)).toMatchObject({ likeCount: 0, likedByMe: false });
    expect(await server.error(LIKE_COMMENT, { id })).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await server.error(LIKE_COMMENT, { id: newId() }, fan)).toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('keeps likeCount exact under 50 concurrent likes and unlikes, each sent twice', async () => {
    const song = await server.song(newId());
    const id = await server.comment(newId(), { targetId: song });
    const users = Array.from({ length: 50 }, () => newId());
    // Everyone likes (twice, at once); then the first 20 unlike (twice, at once) while the other
    // 30 like again.
    await Promise.all(
      users.flatMap((user) => [LIKE_COMMENT, LIKE_COMMENT].map((q) => server.ok(q, { id }, user))),
    );
    expect((await likeCountOf(id)).likeCount).toBe(50);
    await Promise.all(
      users.flatMap((user, index) =>
        index < 20
          ? [server.ok(UNLIKE_COMMENT, { id }, user), server.ok(UNLIKE_COMMENT, { id }, user)]
          : [server.ok(LIKE_COMMENT, { id }, user)],
      ),
    );
    expect((await likeCountOf(id)).likeCount).toBe(30);
    expect((await likeCountOf(id, users[0])).likedByMe).toBe(false);
    expect((await likeCountOf(id, users[49])).likedByMe).toBe(true);
  });

  it('limits a user to 60 likes and unlikes a minute, aliases counted one by one, with retryAfterSeconds, and not others', async () => {
    const song = await server.song(newId());
    const id = await server.comment(newId(), { targetId: song });
    const [busy, calm] = [newId(), newId()];
    // 121 aliased root fields in one request: whatever the minute boundary, at least 61 fall in
    // one minute. Mutation fields run one after another; the first refused one ends the request.
    const fields = Array.from({ length: 121 }, (_, index) =>
      index % 2 === 0
        ? `f${index}: likeComment(id: $id) { likeCount }`
        : `f${index}: unlikeComment(id: $id) { likeCount }`,
    );
    const result = await server.execute(
      `mutation Burst($id: ID!) { ${fields.join(' ')} }`,
      { id },
      busy,
    );
    const refused = result.errors?.[0];
    expect(refused?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect(refused?.message).toMatch(/comment likes and unlikes/);
    expect(Number(String(refused?.path?.[0]).slice(1))).toBeGreaterThanOrEqual(60);
    const retryAfter = refused?.extensions?.retryAfterSeconds as number;
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await server.ok(LIKE_COMMENT, { id }, calm)).toMatchObject({
      likeComment: { likedByMe: true },
    });
  });

  it('limits a user to 10 comments a minute, with retryAfterSeconds, and not others', async () => {
    const song = await server.song(newId());
    const [busy, calm] = [newId(), newId()];
    for (let index = 0; index < 10; index++) await server.comment(busy, { targetId: song });
    const limited = await server.error(
      ADD_COMMENT,
      { input: { targetType: 'SONG', targetId: song, body: 'one more' } },
      busy,
    );
    expect(limited.code).toBe('RATE_LIMITED');
    expect(limited.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(limited.retryAfterSeconds).toBeLessThanOrEqual(60);
    await server.comment(calm, { targetId: song });
  });

  it('the rate limit holds under concurrent posts', async () => {
    const song = await server.song(newId());
    const user = newId();
    const results = await Promise.all(
      Array.from({ length: 15 }, (_, index) =>
        server.execute(
          ADD_COMMENT,
          { input: { targetType: 'SONG', targetId: song, body: `burst ${index}` } },
          user,
        ),
      ),
    );
    const codes = results.map((result) => result.errors?.[0]?.extensions?.code ?? 'OK');
    expect(codes.filter((code) => code === 'OK')).toHaveLength(10);
    expect(codes.filter((code) => code === 'RATE_LIMITED')).toHaveLength(5);
  });

  it('refuses the same body twice within a minute from one user, as a CONFLICT naming body', async () => {
    const song = await server.song(newId());
    const other = await server.song(newId());
    const [user, someoneElse] = [newId(), newId()];
    await server.comment(user, { targetId: song, body: 'first!' });
    const duplicate = await server.error(
      ADD_COMMENT,
      { input: { targetType: 'SONG', targetId: other, body: '  first!  ' } },
      user,
    );
    expect(duplicate).toMatchObject({ code: 'CONFLICT', field: 'body' });
    expect(duplicate.message).toMatch(/same comment/);
    // Others may say the same; the user may say something else.
    await server.comment(someoneElse, { targetId: song, body: 'first!' });
    await server.comment(user, { targetId: song, body: 'second!' });
  });

  it('refused duplicates and refused comments take no slot of the minute', async () => {
    const song = await server.song(newId());
    const user = newId();
    await server.comment(user, { targetId: song, body: 'same again' });
    for (let i = 0; i < 12; i++)
      expect(
        await server.error(
          ADD_COMMENT,
          { input: { targetType: 'SONG', targetId: song, body: 'same again' } },
          user,
        ),
      ).toMatchObject({ code: 'CONFLICT' });
    // A reply to a comment that is not there: refused before it counts.
    await server.error(
      ADD_COMMENT,
      { input: { targetType: 'SONG', targetId: song, body: 'orphan', parentId: newId() } },
      user,
    );
    // Nine more make ten in the minute: all accepted; the eleventh is the limit.
    for (let i = 0; i < 9; i++) await server.comment(user, { targetId: song, body: `post ${i}` });
    expect(
      await server.error(
        ADD_COMMENT,
        { input: { targetType: 'SONG', targetId: song, body: 'one more' } },
        user,
      ),
    ).toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('repairs likeCount after a process died between a like record and its count', async () => {
    const song = await server.song(newId());
    const id = await server.comment(newId(), { targetId: song });
    const [fan, other, late] = [newId(), newId(), newId()];
    await server.ok(LIKE_COMMENT, { id }, fan);
    // What a process leaves when it dies after writing its like record (and its marker), before
    // the count: a record the count does not include. Another died after recording its marker only.
    const db = server.subgraph.connection.getClient().db(server.subgraph.connection.name);
    const stale = new Date(Date.now() - 60_000);
    await db.collection('comment_likes').insertOne({
      _id: `${id}:${other}` as never,
      commentId: id,
      userId: other,
      at: stale,
    });
    await db.collection('comments').updateOne({ _id: new Types.ObjectId(id) }, {
      $push: {
        likeOps: {
          $each: [
            { opId: newId(), at: stale },
            { opId: newId(), at: stale },
          ],
        },
      },
    } as never);
    expect((await likeCountOf(id)).likeCount).toBe(1);
    const likes = server.subgraph.module.likes;
    expect(await likes.repairAbandoned()).toBe(1);
    expect((await likeCountOf(id, other)).likeCount).toBe(2);
    expect((await likeCountOf(id, other)).likedByMe).toBe(true);
    // Finished: nothing left to repair; the next like counts from there.
    expect(await likes.repairAbandoned()).toBe(0);
    await server.ok(LIKE_COMMENT, { id }, late);
    expect((await likeCountOf(id)).likeCount).toBe(3);
  });

  it('counts edits in the same minute as posts: RATE_LIMITED with retryAfterSeconds', async () => {
    const song = await server.song(newId());
    const user = newId();
    const id = await server.comment(user, { targetId: song, body: 'v0' });
    for (let i = 1; i < 10; i++) await server.ok(EDIT_COMMENT, { id, body: `v${i}` }, user);
    const limited = await server.error(EDIT_COMMENT, { id, body: 'v10' }, user);
    expect(limited.code).toBe('RATE_LIMITED');
    expect(limited.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(limited.retryAfterSeconds).toBeLessThanOrEqual(60);
    // The text stays the last accepted edit; posting is limited too (the same minute).
    expect((await likeCountOf(id)).body).toBe('v9');
    expect(
      await server.error(
        ADD_COMMENT,
        { input: { targetType: 'SONG', targetId: song, body: 'more' } },
        user,
      ),
    ).toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('gives back only its own slot of the minute when an edit is not written, not every action of the same millisecond', async () => {
    const db = () => server.subgraph.connection.getClient().db(server.subgraph.connection.name);
    const guard = new CommentAbuseGuard(db, { commentsPerMinute: 3, duplicateWindowSeconds: 60 });
    const user = newId();
    const now = new Date();
    // Three actions in the same millisecond (a burst of aliased mutations): the minute is full.
    await guard.admit(user, 'first', now);
    await guard.admit(user, 'second', now);
    const giveBack = await guard.admitEdit(user, now);
    await expect(guard.admitEdit(user, now)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    // The edit was not written after all: one slot back, the two posts still count.
    await giveBack();
    await guard.admitEdit(user, now);
    await expect(guard.admit(user, 'third', now)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  });
});
