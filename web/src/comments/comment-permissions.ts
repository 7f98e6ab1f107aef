import { COMMENT_EDIT_WINDOW_MS, type CommentNode } from './comment-model';

/**
 * Which actions the page offers on a comment (the comments subgraph decides for real: a stale page
 * that offers an action gets FORBIDDEN, shown as a message).
 */

export interface Viewer {
  /** The signed-in user's id; null when signed out. */
  userId: string | null;
  /** The target's owner (the song's uploader, the playlist's owner): may delete any comment on it. */
  isTargetOwner: boolean;
}

export function isOwnComment(comment: CommentNode, viewer: Viewer): boolean {
  return viewer.userId !== null && comment.author?.id === viewer.userId;
}

/** The author, within 15 minutes of posting, on a comment that is not deleted. */
export function canEdit(comment: CommentNode, viewer: Viewer, nowMs: number): boolean {
  if (comment.deleted || !isOwnComment(comment, viewer)) return false;
  const created = Date.parse(comment.createdAt);
  return Number.isFinite(created) && nowMs - created < COMMENT_EDIT_WINDOW_MS;
}

/** Milliseconds left to edit (0 when the window has closed): the page re-renders when it closes. */
export function editTimeLeft(comment: CommentNode, nowMs: number): number {
  const created = Date.parse(comment.createdAt);
  if (!Number.isFinite(created)) return 0;
  return Math.max(0, created + COMMENT_EDIT_WINDOW_MS - nowMs);
}

export function canDelete(comment: CommentNode, viewer: Viewer): boolean {
  if (comment.deleted || viewer.userId === null) return false;
  return isOwnComment(comment, viewer) || viewer.isTargetOwner;
}

/** Anyone signed in, on someone else's comment that is still there. */
export function canReport(comment: CommentNode, viewer: Viewer): boolean {
  return (
    viewer.userId !== null && !comment.deleted && !comment.hidden && !isOwnComment(comment, viewer)
  );
}

export function canLike(comment: CommentNode, viewer: Viewer): boolean {
  return viewer.userId !== null && !comment.deleted;
}

export function canReply(comment: CommentNode, viewer: Viewer): boolean {
  return viewer.userId !== null && !comment.deleted;
}
