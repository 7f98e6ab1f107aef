import type { Stack } from './stack';

const PROBE_MOMENT = `mutation ProbeCommentTarget($input: AddCommentInput!) {
  addComment(input: $input) { id }
}`;

/**
 * Waits (bounded) until the comments subgraph knows the song and its duration, which it learns from
 * the songs events on the bus a moment after the song is READY. Probes with an impossible moment
 * (atMs -1), which is refused without writing anything: NOT_FOUND while the song is unknown,
 * "length not known yet" before its duration arrived, and the out-of-range error once both are there.
 */
export async function waitForCommentableSong(
  stack: Stack,
  token: string,
  songId: string,
): Promise<void> {
  let last = '';
  for (let attempt = 0; attempt < 150; attempt += 1) {
    const result = await stack.execute(
      PROBE_MOMENT,
      { input: { targetType: 'SONG', targetId: songId, body: 'probe', atMs: -1 } },
      { token },
    );
    const error = result.errors?.[0];
    last = JSON.stringify(result.errors ?? result.data);
    if (error?.extensions?.code === 'BAD_USER_INPUT' && /between/.test(error.message)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the comments subgraph never learned song ${songId}: ${last}`);
}

const ADD_COMMENT = `mutation AddTestComment($input: AddCommentInput!) {
  addComment(input: $input) { id }
}`;

/** Posts a comment through the router as `token`'s user; returns its id. */
export async function addComment(
  stack: Stack,
  token: string,
  input: {
    targetType: 'SONG' | 'ALBUM' | 'PLAYLIST';
    targetId: string;
    body: string;
    atMs?: number;
    parentId?: string;
  },
): Promise<string> {
  const result = await stack.execute<{ addComment: { id: string } }>(
    ADD_COMMENT,
    { input },
    { token },
  );
  if (!result.data?.addComment)
    throw new Error(`addComment failed: ${JSON.stringify(result.errors)}`);
  return result.data.addComment.id;
}
