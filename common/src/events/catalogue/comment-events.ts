import { z } from 'zod';
import { defineEventType } from '../event-catalogue';

/**
 * comments: the conversation under songs, albums and playlists. `aggregateId` is the comment's id
 * and `aggregateVersion` its version after the change. Every event also carries the target's
 * visible comment count after the change with `countVersion`, a counter that grows with every
 * change of that target: a read model keeps the count of the highest `countVersion` it has seen,
 * whatever order events of different comments arrive in.
 */
const id = z.string().min(1);

export const COMMENT_TARGET_TYPES = ['SONG', 'ALBUM', 'PLAYLIST'] as const;

const target = z.object({ type: z.enum(COMMENT_TARGET_TYPES), id });
const targetCount = {
  target,
  /** Visible comments (replies included) on the target after this change. */
  commentCount: z.number().int().nonnegative(),
  countVersion: z.number().int().positive(),
};

/** comments: a comment or a reply was posted. */
export const CommentCreated = defineEventType(
  'comments',
  'COMMENT_CREATED',
  1,
  z.object({
    commentId: id,
    authorId: id,
    /** The thread's top comment for a reply; null for a top-level comment. */
    parentId: id.nullable(),
    /** The comment this one answers (for a reply to a reply, the reply) and its author. */
    inReplyTo: z.object({ commentId: id, authorId: id }).nullable(),
    atMs: z.number().int().nonnegative().nullable(),
    createdAt: z.iso.datetime(),
    ...targetCount,
  }),
);

/** comments: a comment was deleted (soft: its thread stays). */
export const CommentDeleted = defineEventType(
  'comments',
  'COMMENT_DELETED',
  1,
  z.object({ commentId: id, ...targetCount }),
);

/** comments: moderation hid a comment (three reports, the target's owner or a moderator). */
export const CommentHidden = defineEventType(
  'comments',
  'COMMENT_HIDDEN',
  1,
  z.object({ commentId: id, ...targetCount }),
);

/** comments: a moderator or the target's owner made a hidden comment visible again. */
export const CommentUnhidden = defineEventType(
  'comments',
  'COMMENT_UNHIDDEN',
  1,
  z.object({ commentId: id, ...targetCount }),
);
