import type { CommentNode, CommentPage } from '../comment-model';

/** A comment with plausible defaults; tests override what they look at. */
export function comment(id: string, overrides: Partial<CommentNode> = {}): CommentNode {
  return {
    id,
    body: `comment ${id}`,
    author: { id: 'user-a', displayName: 'Ada Lovelace', avatarUrl: null },
    createdAt: '2026-12-02T12:00:00.000Z',
    editedAt: null,
    atMs: null,
    replyCount: 0,
    deleted: false,
    hidden: false,
    likeCount: 0,
    likedByMe: false,
    ...overrides,
  };
}

export function page(
  nodes: CommentNode[],
  hasNextPage = false,
  totalCount = nodes.length,
): CommentPage {
  return { nodes, pageInfo: { hasNextPage, endCursor: nodes.at(-1)?.id ?? null }, totalCount };
}
