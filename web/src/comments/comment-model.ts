/**
 * What the conversation components know about a comment: the fields of API.md's `Comment` they
 * render. The generated `CommentFieldsFragment` (comments.operations.ts) fits this shape; the pure
 * logic (state, markers, permissions) depends only on it, so it is testable without codegen.
 */

export type CommentTargetType = 'SONG' | 'ALBUM' | 'PLAYLIST';
export type CommentOrder = 'NEWEST' | 'OLDEST' | 'TIMELINE';

export interface CommentAuthor {
  id: string;
  displayName: string;
  avatarUrl: string | null;
}

export interface CommentNode {
  id: string;
  body: string;
  author: CommentAuthor | null;
  createdAt: string;
  editedAt: string | null;
  atMs: number | null;
  replyCount: number;
  deleted: boolean;
  hidden: boolean;
  likeCount: number;
  likedByMe: boolean;
}

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

/** One page of a comment connection (API.md conventions: edges, pageInfo, totalCount). */
export interface CommentPage<C extends CommentNode = CommentNode> {
  nodes: C[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** A comment's body: 1 to 2,000 characters after trimming (the comments subgraph's rule). */
export const COMMENT_BODY_MAX = 2000;
/** The author may edit within 15 minutes of posting. */
export const COMMENT_EDIT_WINDOW_MS = 15 * 60 * 1000;
/** Top-level comments per page of the conversation. */
export const COMMENTS_PAGE_SIZE = 20;
/** Replies per "n replies" expansion / "more replies". */
export const REPLIES_PAGE_SIZE = 20;
