import { generateTone, registerListener, Stack, uploadSong, waitUntilProcessed } from '../testkit';

const ADD_COMMENT = `mutation Add($input: AddCommentInput!) {
  addComment(input: $input) { id body atMs author { id displayName } }
}`;
const SONG_COMMENTS = `query SongComments($id: ID!) {
  song(id: $id) {
    id title commentCount
    comments(first: 10) {
      totalCount
      edges { node { id body atMs author { id displayName } replyCount
        replies { edges { node { id body replyTo { displayName } parent { id } } } } } }
    }
  }
}`;
const COMMENT = 'query Comment($id: ID!) { comment(id: $id) { id body } }';
const DELETE_SONG = 'mutation Delete($id: ID!) { deleteSong(id: $id) }';

interface AddedComment {
  id: string;
  body: string;
  atMs: number | null;
  author: { id: string; displayName: string } | null;
}

interface SongComments {
  song: {
    id: string;
    title: string;
    commentCount: number;
    comments: {
      totalCount: number;
      edges: Array<{
        node: {
          id: string;
          body: string;
          atMs: number | null;
          author: { id: string; displayName: string } | null;
          replyCount: number;
          replies: {
            edges: Array<{
              node: {
                id: string;
                body: string;
                replyTo: { displayName: string } | null;
                parent: { id: string };
              };
            }>;
          };
        };
      }>;
    };
  } | null;
}

// Events end to end: songs publishes SONG_* through its outbox, the comments subgraph learns the
// song (owner, READY, duration) from the embedded bus; the router joins comments (comments) with
// their authors (auth) and the song (songs); SONG_DELETED takes the song's comments out of every list.
describe('comments across processes (songs → event bus → comments, through the router)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await Stack.start({ media: true, comments: true });
  }, 180_000);
  afterAll(() => stack?.stop());

  /** addComment, retried (bounded) while comments has not heard of the target yet (NOT_FOUND). */
  async function addOnceKnown(
    token: string,
    input: Record<string, unknown>,
  ): Promise<AddedComment> {
    for (let attempt = 0; attempt < 150; attempt += 1) {
      const result = await stack.execute<{ addComment: AddedComment }>(
        ADD_COMMENT,
        { input },
        { token },
      );
      if (result.data?.addComment) return result.data.addComment;
      expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('comments never heard of the song');
  }

  it("comments on a READY song, with a reply; a deleted song's comments vanish", async () => {
    const uploader = await registerListener(stack, 'Comment Uploader');
    const listener = await registerListener(stack, 'Timed Listener');
    const replier = await registerListener(stack, 'Quick Replier');
    const upload = await uploadSong(
      stack,
      uploader.session.accessToken,
      {
        title: 'Talk Over Me',
        artistName: 'The Commenters',
        fileName: 't.mp3',
        contentType: 'audio/mpeg',
      },
      generateTone(3).bytes,
    );
    const song = await waitUntilProcessed(stack, upload.song.id, uploader.session.accessToken);
    expect(song.status).toBe('READY');
    const atMs = Math.floor((song.durationMs ?? 0) / 2);

    // comments hears of the READY song through the bus: until then the song is NOT_FOUND there.
    const added = await addOnceKnown(listener.session.accessToken, {
      targetType: 'SONG',
      targetId: song.id,
      body: 'That bridge!',
      atMs,
    });
    expect(added).toMatchObject({
      body: 'That bridge!',
      atMs,
      author: { displayName: 'Timed Listener' },
    });
    const top = added.id;
    const tooLate = await stack.execute(
      ADD_COMMENT,
      {
        input: {
          targetType: 'SONG',
          targetId: song.id,
          body: 'after the end',
          atMs: (song.durationMs ?? 0) + 1000,
        },
      },
      { token: listener.session.accessToken },
    );
    expect(tooLate.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'atMs',
    });

    const reply = await stack.execute<{ addComment: { id: string } }>(
      ADD_COMMENT,
      { input: { targetType: 'SONG', targetId: song.id, body: 'Agreed', parentId: top } },
      { token: replier.session.accessToken },
    );
    expect(reply.errors).toBeUndefined();

    const seen = await stack.execute<SongComments>(SONG_COMMENTS, { id: song.id });
    expect(seen.errors).toBeUndefined();
    expect(seen.data!.song).toMatchObject({
      title: 'Talk Over Me',
      commentCount: 2,
      comments: {
        totalCount: 1,
        edges: [
          {
            node: {
              id: top,
              body: 'That bridge!',
              atMs,
              author: { displayName: 'Timed Listener' },
              replyCount: 1,
              replies: {
                edges: [
                  {
                    node: {
                      id: reply.data!.addComment.id,
                      body: 'Agreed',
                      replyTo: { displayName: 'Timed Listener' },
                      parent: { id: top },
                    },
                  },
                ],
              },
            },
          },
        ],
      },
    });

    // The uploader deletes the song: songs publishes SONG_DELETED, comments drops its comments.
    const deleted = await stack.execute(
      DELETE_SONG,
      { id: song.id },
      { token: uploader.session.accessToken },
    );
    expect(deleted.errors).toBeUndefined();
    let gone = false;
    for (let attempt = 0; attempt < 150 && !gone; attempt += 1) {
      const found = await stack.execute<{ comment: { id: string } | null }>(COMMENT, { id: top });
      gone = found.data?.comment === null;
      if (!gone) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(gone).toBe(true);
    const replyAfter = await stack.execute<{ comment: { id: string } | null }>(COMMENT, {
      id: reply.data!.addComment.id,
    });
    expect(replyAfter.data).toEqual({ comment: null });
    const again = await stack.execute(
      ADD_COMMENT,
      { input: { targetType: 'SONG', targetId: song.id, body: 'still here?' } },
      { token: listener.session.accessToken },
    );
    expect(again.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
