import { createEvent, type EventEnvelope } from '@groovy/common/events';
import type { CommentRecord, PendingCountChange } from '../comment/comment.model';

/** The target's count after a change, as every COMMENT_* event carries it. */
export interface TargetCount {
  commentCount: number;
  countVersion: number;
}

/** The COMMENT_* event of one count change of `comment` (pure: built from what the caller holds). */
export function commentChangeEvent(
  comment: CommentRecord,
  change: PendingCountChange,
  count: TargetCount,
): EventEnvelope {
  const commentId = comment._id.toHexString();
  const common = {
    commentId,
    target: { type: comment.targetType, id: comment.targetId },
    commentCount: count.commentCount,
    countVersion: count.countVersion,
  };
  const aggregateVersion = Number(change.changeId.split(':')[1]);
  const envelope = { version: 1, producer: 'comments', aggregateId: commentId, aggregateVersion };
  if (change.kind === 'CREATED') {
    return createEvent({
      ...envelope,
      type: 'COMMENT_CREATED',
      data: {
        ...common,
        authorId: comment.authorId,
        parentId: comment.parentId?.toHexString() ?? null,
        inReplyTo: comment.inReplyTo
          ? {
              commentId: comment.inReplyTo.commentId.toHexString(),
              authorId: comment.inReplyTo.authorId,
            }
          : null,
        atMs: comment.atMs,
        createdAt: comment.createdAt.toISOString(),
      },
    });
  }
  return createEvent({ ...envelope, type: `COMMENT_${change.kind}`, data: common });
}
