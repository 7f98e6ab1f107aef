import {
  ADD_COMMENT,
  COMMENT,
  CommentsTestServer,
  DELETE_COMMENT,
  EDIT_COMMENT,
  newId,
  targetComments,
  TARGET_COMMENTS,
  type CommentView,
} from './comments-test-server';

describe('comments: posting, threads, timed comments, edits and deletes', () => {
  let server: CommentsTestServer;

  beforeAll(async () => {
    server = await CommentsTestServer.start({ COMMENTS_PER_MINUTE: '1000' });
  });
  afterAll(async () => {
    await server?.stop();
  });

  const add = (as: string | undefined, input: Record<string, unknown>) =>
    server.error(ADD_COMMENT, { input: { targetType: 'SONG', body: 'hello', ...input } }, as);

  it('posts a comment on a song, shown newest first with its count', async () => {
    const [owner, alice, bob] = [newId(), newId(), newId()];
    const song = await server.song(owner);
    const first = await server.ok<{ addComment: CommentView }>(
      ADD_COMMENT,
      {
        input: { targetType: 'SONG', targetId: song, body: '  What a drop! https://x.example/a  ' },
      },
      alice,
    );
    expect(first.addComment).toMatchObject({
      body: 'What a drop! https://x.example/a',
      author: { id: alice },
      deleted: false,
      hidden: false,
      likeCount: 0,
      atMs: null,
      parent: null,
      targetType: 'SONG',
      targetId: song,
      viewerCanEdit: true,
      viewerCanDelete: true,
    });
    const second = await server.comment(bob, { targetId: song, body: 'Line one\n\n\n\nline  two' });

    const seen = await targetComments(server, 'Song', song);
    expect(seen.commentCount).toBe(2);
    expect(seen.comments.totalCount).toBe(2);
    expect(seen.comments.edges.map((edge) => edge.node.id)).toEqual([second, first.addComment.id]);
    expect(seen.comments.edges[0]!.node.body).toBe('Line one\n\nline two');
    // Anonymous readers see comments but can do nothing with them.
    expect(seen.comments.edges[0]!.node).toMatchObject({
      viewerCanEdit: false,
      viewerCanDelete: false,
    });

    const oldest = await targetComments(server, 'Song', song, { order: 'OLDEST' });
    expect(oldest.comments.edges.map((edge) => edge.node.id)).toEqual([
      first.addComment.id,
      second,
    ]);
  });

  it('comments on albums and public playlists; private playlists only for their owner and collaborators', async () => {
    const [owner, friend, stranger] = [newId(), newId(), newId()];
    const album = await server.album(owner);
    await server.comment(stranger, { targetType: 'ALBUM', targetId: album });
    expect((await targetComments(server, 'Album', album)).commentCount).toBe(1);

    const playlist = await server.playlist(owner, {
      visibility: 'PRIVATE',
      collaboratorIds: [friend],
    });
    await server.comment(friend, { targetType: 'PLAYLIST', targetId: playlist });
    expect(await add(stranger, { targetType: 'PLAYLIST', targetId: playlist })).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(
      (await targetComments(server, 'Playlist', playlist, { as: stranger })).commentCount,
    ).toBe(0);
    expect((await targetComments(server, 'Playlist', playlist, { as: owner })).commentCount).toBe(
      1,
    );

    await server.playlist(owner, { id: playlist, visibility: 'PUBLIC' });
    await server.comment(stranger, { targetType: 'PLAYLIST', targetId: playlist });
    expect((await targetComments(server, 'Playlist', playlist)).commentCount).toBe(2);
  });

  it('refuses targets that do not exist or the caller may not see, and anonymous writers', async () => {
    const owner = newId();
    const processing = await server.song(owner, { status: 'PROCESSING', durationMs: null });
    expect(await add(newId(), { targetId: newId() })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await add(newId(), { targetId: processing })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await add(newId(), { targetType: 'ALBUM', targetId: newId() })).toMatchObject({
      code: 'NOT_FOUND',
    });
    // Its uploader sees a song before it is READY.
    await server.comment(owner, { targetId: processing });
    const song = await server.song(owner);
    expect(await add(undefined, { targetId: song })).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('refuses empty, oversize and invisible-character bodies naming body, and keeps 2,000 characters', async () => {
    const song = await server.song(newId());
    const user = newId();
    for (const body of ['', '   \n\t  ']) {
      expect(await add(user, { targetId: song, body })).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'body',
      });
    }
    const tooLong = await add(user, { targetId: song, body: 'é'.repeat(2001) });
    expect(tooLong).toMatchObject({ code: 'BAD_USER_INPUT', field: 'body' });
    expect(tooLong.message).toMatch(/2000/);
    for (const body of ['evil \u202Eoverride', 'zero\u200Bwidth', 'bell\u0007']) {
      expect(await add(user, { targetId: song, body })).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'body',
      });
    }
    const longest = 'a'.repeat(1999) + '👍';
    const id = await server.comment(user, { targetId: song, body: `  ${longest}  ` });
    const stored = await server.ok<{ comment: CommentView }>(COMMENT, { id });
    expect(stored.comment.body).toBe(longest);
  });

  it('pins song comments to a moment within the song, and lists the timeline by moment', async () => {
    const owner = newId();
    const song = await server.song(owner, { durationMs: 200_000 });
    const user = newId();
    const late = await server.comment(user, { targetId: song, atMs: 200_000 });
    const early = await server.comment(user, { targetId: song, atMs: 0 });
    const middle = await server.comment(user, { targetId: song, atMs: 95_500 });
    await server.comment(user, { targetId: song });

    expect(await add(user, { targetId: song, atMs: 200_001 })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'atMs',
    });
    expect(await add(user, { targetId: song, atMs: -1 })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'atMs',
    });
    const album = await server.album(owner);
    expect(await add(user, { targetType: 'ALBUM', targetId: album, atMs: 10 })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'atMs',
    });
    const unknownLength = await server.song(owner, { durationMs: null });
    expect(await add(user, { targetId: unknownLength, atMs: 10 })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'atMs',
    });

    const timeline = await targetComments(server, 'Song', song, { order: 'TIMELINE' });
    expect(timeline.comments.edges.map((edge) => [edge.node.id, edge.node.atMs])).toEqual([
      [early, 0],
      [middle, 95_500],
      [late, 200_000],
    ]);
    expect(timeline.comments.totalCount).toBe(3);
    expect(timeline.commentCount).toBe(4);
    const onAlbum = await server.execute(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Album { comments(order: TIMELINE) { totalCount } } } }`,
      { r: [{ __typename: 'Album', id: album }] },
    );
    expect(onAlbum.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'order',
    });
  });

  it('threads are one level deep: a reply to a reply joins the top comment and records whom it answers', async () => {
    const song = await server.song(newId());
    const [alice, bob, carol] = [newId(), newId(), newId()];
    const top = await server.comment(alice, { targetId: song, atMs: 1000 });
    const reply = await server.comment(bob, { targetId: song, parentId: top });
    const answer = await server.comment(carol, { targetId: song, parentId: reply });

    const thread = await server.ok<{
      comment: CommentView & { replies: { totalCount: number; edges: { node: CommentView }[] } };
    }>(COMMENT, { id: top });
    expect(thread.comment.replyCount).toBe(2);
    expect(thread.comment.replies.totalCount).toBe(2);
    expect(thread.comment.replies.edges.map((edge) => edge.node)).toMatchObject([
      { id: reply, parent: { id: top }, inReplyTo: { id: top }, replyTo: { id: alice } },
      { id: answer, parent: { id: top }, inReplyTo: { id: reply }, replyTo: { id: bob } },
    ]);

    // Only top-level comments are listed on the song; replies count towards commentCount.
    const seen = await targetComments(server, 'Song', song);
    expect(seen.comments.edges.map((edge) => edge.node.id)).toEqual([top]);
    expect(seen.commentCount).toBe(3);

    expect(await add(carol, { targetId: song, parentId: top, atMs: 5 })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'atMs',
    });
    const other = await server.song(newId());
    expect(await add(carol, { targetId: other, parentId: top })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'parentId',
    });
    expect(await add(carol, { targetId: song, parentId: newId() })).toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('pages with cursors and sane page sizes', async () => {
    const song = await server.song(newId());
    const user = newId();
    const ids: string[] = [];
    // Posted through the service: this test is about reading pages (posting is tested above).
    for (let index = 0; index < 7; index++)
      ids.push(await server.seedComment(user, { targetId: song }));
    const newestFirst = [...ids].reverse();
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await targetComments(server, 'Song', song, {
        first: 3,
        ...(after ? { after } : {}),
      });
      expect(page.comments.totalCount).toBe(7);
      seen.push(...page.comments.edges.map((edge) => edge.node.id));
      if (!page.comments.pageInfo.hasNextPage) break;
      after = page.comments.pageInfo.endCursor!;
    }
    expect(seen).toEqual(newestFirst);

    const tooMany = await server.execute(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Song { comments(first: 51) { totalCount } } } }`,
      { r: [{ __typename: 'Song', id: song }] },
    );
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'first',
    });
    const badCursor = await server.execute(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Song { comments(after: "nope") { totalCount } } } }`,
      { r: [{ __typename: 'Song', id: song }] },
    );
    expect(badCursor.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
  });

  it('pages across many runs of comments, in every order, around deleted ones', async () => {
    const owner = newId();
    const song = await server.song(owner, { durationMs: 600_000 });
    const user = newId();
    const ids: string[] = [];
    const moments = new Map<string, number>();
    // Posted and deleted through the service (the mutations' own rules, counts and list keys,
    // without a GraphQL round trip each): this test is about reading the pages back.
    for (let index = 0; index < 150; index++) {
      // Timed ones spread over the song, out of posting order.
      const atMs = index % 3 === 0 ? (index * 7_919) % 600_000 : null;
      const id = await server.seedComment(user, { targetId: song, atMs });
      ids.push(id);
      if (atMs !== null) moments.set(id, atMs);
    }
    // Delete a whole run of 64 and a few more (no replies: they leave the list).
    const deleted = new Set([...ids.slice(10, 80), ids[120]!, ids[149]!]);
    for (const id of deleted) await server.seedDelete(owner, id);
    const listed = ids.filter((id) => !deleted.has(id));

    const readAll = async (order: string) => {
      const seen: string[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await targetComments(server, 'Song', song, {
          first: 17,
          order,
          ...(after ? { after } : {}),
        });
        seen.push(...page.comments.edges.map((edge) => edge.node.id));
        if (!page.comments.pageInfo.hasNextPage) return { seen, total: page.comments.totalCount };
        after = page.comments.pageInfo.endCursor!;
      }
    };
    expect(await readAll('NEWEST')).toEqual({ seen: [...listed].reverse(), total: listed.length });
    expect(await readAll('OLDEST')).toEqual({ seen: listed, total: listed.length });
    const timed = listed
      .filter((id) => moments.has(id))
      .sort((a, b) => moments.get(a)! - moments.get(b)! || ids.indexOf(a) - ids.indexOf(b));
    expect(await readAll('TIMELINE')).toEqual({ seen: timed, total: timed.length });
  }, 180_000);

  it('lets the author edit within 15 minutes, and nobody else', async () => {
    const song = await server.song(newId());
    const [author, other] = [newId(), newId()];
    const id = await server.comment(author, { targetId: song, body: 'frist' });
    const edited = await server.ok<{ editComment: CommentView }>(
      EDIT_COMMENT,
      { id, body: ' first ' },
      author,
    );
    expect(edited.editComment.body).toBe('first');
    expect(edited.editComment.editedAt).not.toBeNull();

    expect(await server.error(EDIT_COMMENT, { id, body: 'mine now' }, other)).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await server.error(EDIT_COMMENT, { id, body: '' }, author)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'body',
    });
    // Posted 16 minutes ago: too late.
    await server.subgraph.connection
      .collection('comments')
      .updateOne(
        { _id: new (await import('mongoose')).Types.ObjectId(id) },
        { $set: { createdAt: new Date(Date.now() - 16 * 60_000) } },
      );
    const late = await server.error(EDIT_COMMENT, { id, body: 'again' }, author);
    expect(late).toMatchObject({ code: 'FORBIDDEN' });
    expect(late.message).toMatch(/15 minutes/);
    const stored = await server.ok<{ comment: CommentView }>(COMMENT, { id }, author);
    expect(stored.comment).toMatchObject({ body: 'first', viewerCanEdit: false });
  });

  it('soft-deletes by the author, the owner of the song or nobody else; the thread stays', async () => {
    const owner = newId();
    const song = await server.song(owner);
    const [alice, bob, carol] = [newId(), newId(), newId()];
    const top = await server.comment(alice, { targetId: song });
    const reply = await server.comment(bob, { targetId: song, parentId: top });
    const lonely = await server.comment(carol, { targetId: song });
    expect((await targetComments(server, 'Song', song)).commentCount).toBe(3);

    expect(await server.error(DELETE_COMMENT, { id: top }, bob)).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await server.ok(DELETE_COMMENT, { id: top }, alice)).toEqual({ deleteComment: true });
    expect(await server.error(DELETE_COMMENT, { id: top }, alice)).toMatchObject({
      code: 'NOT_FOUND',
    });
    // The song's uploader may delete any comment on it.
    await server.ok(DELETE_COMMENT, { id: lonely }, owner);

    const seen = await targetComments(server, 'Song', song);
    expect(seen.commentCount).toBe(1);
    // The deleted top comment stays as a tombstone because it has a reply; the lonely one is gone.
    expect(seen.comments.edges.map((edge) => edge.node)).toMatchObject([
      { id: top, deleted: true, body: '', author: null, replyCount: 1 },
    ]);
    const thread = await server.ok<{
      comment: CommentView & { replies: { edges: { node: CommentView }[] } };
    }>(COMMENT, { id: top });
    expect(thread.comment.replies.edges.map((edge) => edge.node.id)).toEqual([reply]);
    // No replies to a deleted comment, and no edits of it.
    expect(await add(carol, { targetId: song, parentId: top })).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await server.error(EDIT_COMMENT, { id: top, body: 'x' }, alice)).toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  describe('a delete racing a reply keeps the thread in the list', () => {
    const commentModel = () => server.subgraph.connection.model('Comment');
    afterEach(() => jest.restoreAllMocks());

    const expectThreadListed = async (song: string, top: string, reply: string) => {
      const seen = await targetComments(server, 'Song', song);
      expect(seen.comments.totalCount).toBe(1);
      expect(seen.comments.edges.map((edge) => edge.node)).toMatchObject([
        { id: top, deleted: true, body: '', replyCount: 1 },
      ]);
      const thread = await server.ok<{
        comment: { replies: { edges: { node: { id: string } }[] } };
      }>(COMMENT, { id: top });
      expect(thread.comment.replies.edges.map((edge) => edge.node.id)).toEqual([reply]);
      expect(seen.commentCount).toBe(1);
    };

    it('the reply lands after the delete looked for replies, before it wrote', async () => {
      const [alice, bob] = [newId(), newId()];
      const song = await server.song(newId());
      const top = await server.comment(alice, { targetId: song, body: 'going soon' });
      const model = commentModel();
      const realExists = model.exists.bind(model);
      let reply = '';
      // The delete's "has it replies?" read answers (none yet); then the reply is posted; then the
      // delete writes what it read.
      jest.spyOn(model, 'exists').mockImplementationOnce(((filter: never) => {
        const answer = realExists(filter);
        return answer.then(async (found: unknown) => {
          reply = await server.comment(bob, { targetId: song, parentId: top, body: 'wait!' });
          return found;
        });
      }) as never);
      await server.ok(DELETE_COMMENT, { id: top }, alice);
      await expectThreadListed(song, top, reply);
    });

    it('the delete finishes after the reply checked its thread, before the reply was written', async () => {
      const [alice, bob] = [newId(), newId()];
      const song = await server.song(newId());
      const top = await server.comment(alice, { targetId: song, body: 'going now' });
      const model = commentModel();
      const realCreate = model.create.bind(model);
      jest.spyOn(model, 'create').mockImplementationOnce((async (document: never) => {
        await server.ok(DELETE_COMMENT, { id: top }, alice);
        return realCreate(document);
      }) as never);
      const reply = await server.comment(bob, { targetId: song, parentId: top, body: 'too late?' });
      await expectThreadListed(song, top, reply);
    });
  });

  it("a deleted song's comments disappear from every list", async () => {
    const owner = newId();
    const song = await server.song(owner);
    const user = newId();
    const top = await server.comment(user, { targetId: song });
    const reply = await server.comment(user, { targetId: song, parentId: top });
    await server.deleteSong(song);
    const seen = await targetComments(server, 'Song', song);
    expect(seen).toMatchObject({ commentCount: 0, comments: { totalCount: 0, edges: [] } });
    expect(await server.ok(COMMENT, { id: top })).toEqual({ comment: null });
    expect(await server.ok(COMMENT, { id: reply })).toEqual({ comment: null });
    expect(await add(user, { targetId: song })).toMatchObject({ code: 'NOT_FOUND' });
  });

  describe('forged cursors and long scans', () => {
    const forged = (order: string, values: string) =>
      Buffer.from(`comment:v1:${order}:${values}:${newId()}`).toString('base64url');
    const targetsCollection = () => server.subgraph.connection.collection('comment_targets');

    it('refuses a cursor past the last comment (or the end of the song) with BAD_USER_INPUT on after', async () => {
      const song = await server.song(newId(), { durationMs: 60_000 });
      await server.comment(newId(), { targetId: song, body: 'one', atMs: 1_000 });
      for (const [order, values] of [
        ['NEWEST', '999999999999999'],
        ['OLDEST', '999999999999999'],
        ['TIMELINE', '999999999999999,1'],
      ] as const) {
        const error = await server.error(TARGET_COMMENTS, {
          representations: [{ __typename: 'Song', id: song }],
          order,
          after: forged(order, values),
        });
        expect({ order, ...error }).toMatchObject({
          order,
          code: 'BAD_USER_INPUT',
          field: 'after',
        });
      }
    });

    it('stops a page after a few reads over emptied runs, with a cursor to go on from', async () => {
      const song = await server.song(newId(), { durationMs: 3_600_000 });
      const early = await server.comment(newId(), { targetId: song, body: 'early', atMs: 0 });
      const late = await server.comment(newId(), { targetId: song, body: 'late', atMs: 3_600_000 });
      // As if 30,000 comments had been posted and deleted after `early`.
      await targetsCollection().updateOne(
        { _id: `SONG:${song}` as never },
        { $set: { lastSeq: 30_000 } },
      );
      await server.subgraph.connection
        .collection('comments')
        .updateOne(
          { _id: new (await import('mongoose')).Types.ObjectId(late) },
          { $set: { seq: 30_000, pageKey: `SONG:${song}#${Math.floor(30_000 / 64)}` } },
        );
      for (const order of ['NEWEST', 'OLDEST', 'TIMELINE']) {
        const seen: string[] = [];
        let after: string | undefined;
        let pages = 0;
        for (;;) {
          pages++;
          const { comments } = await targetComments(server, 'Song', song, {
            order,
            first: 1,
            ...(after ? { after } : {}),
          });
          seen.push(...comments.edges.map((edge) => edge.node.id));
          if (!comments.pageInfo.hasNextPage) break;
          expect(comments.pageInfo.endCursor).not.toBeNull();
          after = comments.pageInfo.endCursor!;
          expect(pages).toBeLessThan(60);
        }
        expect({ order, seen }).toEqual({
          order,
          seen: order === 'NEWEST' ? [late, early] : [early, late],
        });
        // Short pages (8 reads cover ~190 runs or stretches): more pages than comments.
        expect(pages).toBeGreaterThanOrEqual(3);
      }
    });
  });

  it('reads the replies of a whole page of comments in a few reads, not two per comment', async () => {
    const song = await server.song(newId());
    const tops: string[] = [];
    // Posted through the service: this test counts the reads of one page, not posting. Six
    // threads (1 to 3 replies each) are a whole page: reading two per comment would take 12.
    for (let i = 0; i < 6; i++) {
      const top = await server.seedComment(newId(), { targetId: song, body: `top ${i}` });
      tops.push(top);
      for (let r = 0; r < (i % 3) + 1; r++)
        await server.seedComment(newId(), {
          targetId: song,
          body: `reply ${i}.${r}`,
          parentId: top,
        });
    }
    const mongoose = (await import('mongoose')).default;
    const reads: string[] = [];
    mongoose.set('debug', (collection: string, method: string) => {
      if (collection === 'comments') reads.push(method);
    });
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Song { comments(first: 20) {
      edges { node { id replyCount replies(first: 2) { totalCount pageInfo { hasNextPage }
      edges { node { id body } } } } } } } } }`;
    let data: {
      _entities: {
        comments: {
          edges: {
            node: {
              id: string;
              replyCount: number;
              replies: { totalCount: number; pageInfo: { hasNextPage: boolean }; edges: unknown[] };
            };
          }[];
        };
      }[];
    };
    try {
      data = await server.ok(query, { r: [{ __typename: 'Song', id: song }] });
    } finally {
      mongoose.set('debug', false);
    }
    const nodes = data._entities[0]!.comments.edges.map((edge) => edge.node);
    expect(nodes).toHaveLength(6);
    for (const node of nodes) {
      const i = tops.indexOf(node.id);
      expect(node.replyCount).toBe((i % 3) + 1);
      expect(node.replies.totalCount).toBe((i % 3) + 1);
      expect(node.replies.edges).toHaveLength(Math.min(2, (i % 3) + 1));
      expect(node.replies.pageInfo.hasNextPage).toBe((i % 3) + 1 > 2);
    }
    // The page's runs, the replies of all threads, their counts.
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.length).toBeLessThanOrEqual(3);
  });
});
