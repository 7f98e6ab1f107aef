import {
  ADD_COMMENT,
  COMMENT,
  EDIT_COMMENT,
  LIKE_COMMENT,
  CommentsTestServer,
  DELETE_COMMENT,
  HIDE_COMMENT,
  MODERATION_QUEUE,
  moderator,
  newId,
  REPORT_COMMENT,
  targetComments,
  UNHIDE_COMMENT,
  type CommentView,
} from './comments-test-server';

describe('comments: reports, hiding and the moderation queue', () => {
  let server: CommentsTestServer;

  beforeAll(async () => {
    server = await CommentsTestServer.start();
  });
  afterAll(async () => {
    await server?.stop();
  });

  const commentAs = async (id: string, as?: string | ReturnType<typeof moderator>) =>
    (await server.ok<{ comment: CommentView }>(COMMENT, { id }, as)).comment;
  const report = (id: string, as: string, reason = 'spam') =>
    server.execute(REPORT_COMMENT, { id, reason }, as);

  it('takes one report per user and hides the comment at three different reporters', async () => {
    const song = await server.song(newId());
    const author = newId();
    const id = await server.comment(author, { targetId: song, body: 'buy my mixtape' });
    const [a, b, c] = [newId(), newId(), newId()];
    expect((await report(id, a)).data).toEqual({ reportComment: true });
    expect(await server.error(REPORT_COMMENT, { id, reason: 'again' }, a)).toMatchObject({
      code: 'CONFLICT',
    });
    expect(await server.error(REPORT_COMMENT, { id, reason: 'mine' }, author)).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await server.error(REPORT_COMMENT, { id, reason: '' }, b)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'reason',
    });
    expect(await server.error(REPORT_COMMENT, { id, reason: 'x' })).toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    await report(id, b);
    expect(await commentAs(id)).toMatchObject({ hidden: false, body: 'buy my mixtape' });
    expect((await targetComments(server, 'Song', song)).commentCount).toBe(1);
    await report(id, c, 'advertising');

    // Hidden: shown as hidden (body "") to everyone but its author (and moderators).
    expect(await commentAs(id)).toMatchObject({ hidden: true, body: '' });
    expect(await commentAs(id, a)).toMatchObject({ hidden: true, body: '' });
    expect(await commentAs(id, author)).toMatchObject({ hidden: true, body: 'buy my mixtape' });
    const seen = await targetComments(server, 'Song', song);
    expect(seen.commentCount).toBe(0);
    expect(seen.comments.edges.map((edge) => edge.node)).toMatchObject([
      { id, hidden: true, body: '' },
    ]);
  });

  it("lets the song's owner hide and unhide comments on it, and nobody else", async () => {
    const owner = newId();
    const song = await server.song(owner);
    const [author, stranger] = [newId(), newId()];
    const id = await server.comment(author, { targetId: song, body: 'rude words' });
    expect(await server.error(HIDE_COMMENT, { id }, stranger)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await server.error(HIDE_COMMENT, { id }, author)).toMatchObject({ code: 'FORBIDDEN' });
    const hidden = await server.ok<{ hideComment: CommentView }>(HIDE_COMMENT, { id }, owner);
    expect(hidden.hideComment).toMatchObject({ hidden: true, body: '', viewerCanModerate: true });
    expect((await targetComments(server, 'Song', song)).commentCount).toBe(0);
    const shown = await server.ok<{ unhideComment: CommentView }>(UNHIDE_COMMENT, { id }, owner);
    expect(shown.unhideComment).toMatchObject({ hidden: false, body: 'rude words' });
    expect((await targetComments(server, 'Song', song)).commentCount).toBe(1);
  });

  it('keeps the moderation queue for moderators only', async () => {
    expect(await server.error(MODERATION_QUEUE, {})).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await server.error(MODERATION_QUEUE, {}, newId())).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('deleting a hidden comment does not count it twice', async () => {
    const owner = newId();
    const song = await server.song(owner);
    const author = newId();
    const kept = await server.comment(author, { targetId: song });
    const id = await server.comment(author, { targetId: song });
    await server.ok(HIDE_COMMENT, { id }, owner);
    await server.ok(DELETE_COMMENT, { id }, author);
    expect((await targetComments(server, 'Song', song)).commentCount).toBe(1);
    expect((await commentAs(kept)).deleted).toBe(false);
  });
});

describe('comments: moderators (the MODERATOR role in the router-signed identity)', () => {
  let server: CommentsTestServer;

  beforeAll(async () => {
    server = await CommentsTestServer.start();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('moderators see hidden bodies, work the queue, hide, unhide and delete anything', async () => {
    const owner = newId();
    const song = await server.song(owner);
    const author = newId();
    const mod = moderator();
    const reported = await server.comment(author, { targetId: song, body: 'spammy' });
    const other = await server.comment(author, { targetId: song, body: 'fine' });
    for (const reporter of [newId(), newId(), newId()])
      await server.ok(
        REPORT_COMMENT,
        { id: reported, reason: `spam from ${reporter.slice(-4)}` },
        reporter,
      );

    const queue = await server.ok<{
      moderationQueue: {
        totalCount: number;
        edges: { reportCount: number; reasons: string[]; node: CommentView }[];
      };
    }>(MODERATION_QUEUE, {}, mod);
    expect(queue.moderationQueue.totalCount).toBe(1);
    expect(queue.moderationQueue.edges[0]).toMatchObject({
      reportCount: 3,
      node: { id: reported, hidden: true, body: 'spammy', viewerCanModerate: true },
    });
    expect(queue.moderationQueue.edges[0]!.reasons).toHaveLength(3);

    // A moderator's decision takes it out of the queue; the owner cannot undo a moderator's hide.
    const shown = await server.ok<{ unhideComment: CommentView }>(
      UNHIDE_COMMENT,
      { id: reported },
      mod,
    );
    expect(shown.unhideComment).toMatchObject({ hidden: false, body: 'spammy' });
    expect(
      (await server.ok<{ moderationQueue: { totalCount: number } }>(MODERATION_QUEUE, {}, mod))
        .moderationQueue.totalCount,
    ).toBe(0);
    await server.ok(HIDE_COMMENT, { id: reported }, mod);
    expect(await server.error(UNHIDE_COMMENT, { id: reported }, owner)).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await server.ok(DELETE_COMMENT, { id: other }, mod)).toEqual({ deleteComment: true });
    expect((await targetComments(server, 'Song', song)).commentCount).toBe(0);
  });

  it("never lets an owner undo a moderator's hide, nor take a reported comment off the queue", async () => {
    const owner = newId();
    const song = await server.song(owner);
    const id = await server.comment(newId(), { targetId: song, body: 'bad' });
    await server.ok(HIDE_COMMENT, { id }, moderator());
    // Hiding it again as the owner does not make it the owner's hide.
    await server.ok(HIDE_COMMENT, { id }, owner);
    expect(await server.error(UNHIDE_COMMENT, { id }, owner)).toMatchObject({ code: 'FORBIDDEN' });
    expect((await server.ok<{ comment: CommentView }>(COMMENT, { id }, owner)).comment.hidden).toBe(
      true,
    );

    const reported = await server.comment(newId(), { targetId: song, body: 'reported thrice' });
    for (const reporter of [newId(), newId(), newId()])
      await server.ok(REPORT_COMMENT, { id: reported, reason: 'abuse' }, reporter);
    const shown = await server.ok<{ unhideComment: CommentView }>(
      UNHIDE_COMMENT,
      { id: reported },
      owner,
    );
    expect(shown.unhideComment.hidden).toBe(false);
    const queue = await server.ok<{ moderationQueue: { edges: { node: { id: string } }[] } }>(
      MODERATION_QUEUE,
      { first: 50 },
      moderator(),
    );
    expect(queue.moderationQueue.edges.map((edge) => edge.node.id)).toContain(reported);
  });

  it('refuses edits while a comment is reported or hidden, so moderators judge what was reported', async () => {
    const author = newId();
    const owner = newId();
    const song = await server.song(owner);
    const reported = await server.comment(author, { targetId: song, body: 'ABUSIVE TEXT' });
    await server.ok(REPORT_COMMENT, { id: reported, reason: 'abuse' }, newId());
    const edit = await server.error(EDIT_COMMENT, { id: reported, body: 'harmless' }, author);
    expect(edit).toMatchObject({ code: 'FORBIDDEN' });
    expect(edit.message).toMatch(/moderator/);

    const hidden = await server.comment(author, { targetId: song, body: 'rude' });
    await server.ok(HIDE_COMMENT, { id: hidden }, owner);
    expect(await server.error(EDIT_COMMENT, { id: hidden, body: 'nice' }, author)).toMatchObject({
      code: 'FORBIDDEN',
    });
    const queue = await server.ok<{
      moderationQueue: { edges: { node: { id: string; body: string } }[] };
    }>(MODERATION_QUEUE, { first: 50 }, moderator());
    expect(queue.moderationQueue.edges.find((edge) => edge.node.id === reported)?.node.body).toBe(
      'ABUSIVE TEXT',
    );
    // Reviewed by a moderator (shown again): editable again.
    await server.ok(UNHIDE_COMMENT, { id: reported }, moderator());
    expect(
      (
        await server.ok<{ editComment: CommentView }>(
          EDIT_COMMENT,
          { id: reported, body: 'sorry' },
          author,
        )
      ).editComment.body,
    ).toBe('sorry');
  });

  it('a hidden comment takes replies, likes and reports only from its author and moderators', async () => {
    const author = newId();
    const owner = newId();
    const song = await server.song(owner);
    const id = await server.comment(author, { targetId: song, body: 'hidden one' });
    await server.ok(HIDE_COMMENT, { id }, owner);
    const stranger = newId();
    const reply = (as: string | ReturnType<typeof moderator>) =>
      server.execute(
        ADD_COMMENT,
        {
          input: { targetType: 'SONG', targetId: song, body: `reply ${newId()}`, parentId: id },
        },
        as,
      );
    for (const as of [stranger, owner]) {
      expect(await server.error(LIKE_COMMENT, { id }, as)).toMatchObject({ code: 'NOT_FOUND' });
      expect(await server.error(REPORT_COMMENT, { id, reason: 'x' }, as)).toMatchObject({
        code: 'NOT_FOUND',
      });
      expect((await reply(as)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    expect((await reply(author)).errors).toBeUndefined();
    expect((await reply(moderator())).errors).toBeUndefined();
    await server.ok(LIKE_COMMENT, { id }, moderator());
    const seen = await server.ok<{ comment: CommentView }>(COMMENT, { id }, author);
    expect(seen.comment).toMatchObject({ replyCount: 2, likeCount: 1 });
  });
});
