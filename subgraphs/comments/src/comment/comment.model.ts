import type { AggregateVersionField } from '@groovy/common/events';
import { Schema, type Connection, type Model, type Types } from 'mongoose';
import type { CommentTargetTypeValue } from '../target/target-key';

/** Who hid a comment: enough reports, the target's owner, or a moderator. */
export type HiddenBy = 'REPORTS' | 'OWNER' | 'MODERATOR';

/** What a comment change does to its target's visible count, waiting to be applied there. */
export interface PendingCountChange {
  /** `<commentId>:<comment version>`: applied at most once (the target remembers recent ones). */
  changeId: string;
  /**
   * RELISTED: a deleted top-level comment back in its target's list as the tombstone of a thread
   * (a reply raced its delete); it moves `listedCount` / `timedCount` only, and publishes nothing.
   */
  kind: 'CREATED' | 'DELETED' | 'HIDDEN' | 'UNHIDDEN' | 'RELISTED';
  /** +1, 0 or -1 on the target's visible comment count. */
  delta: number;
  /** +1, 0 or -1 on the target's listed top-level comments (`listedCount`). */
  listedDelta?: number;
  /** +1, 0 or -1 on the target's listed timed top-level comments (`timedCount`). */
  timedDelta?: number;
  at: Date;
}

export interface CommentRecord {
  _id: Types.ObjectId;
  /** `SONG:<id>`, `ALBUM:<id>`, `PLAYLIST:<id>` (see target-key.ts). */
  targetKey: string;
  targetType: CommentTargetTypeValue;
  targetId: string;
  authorId: string;
  /** Normalised text; "" once deleted. */
  body: string;
  /** The moment of the song it is pinned to; null when not timed (always null on replies). */
  atMs: number | null;
  /** The thread's top comment (for a reply), or null for a top-level comment. */
  parentId: Types.ObjectId | null;
  /** The comment a reply answers (the top comment, or another reply of the thread) and its author. */
  inReplyTo: { commentId: Types.ObjectId; authorId: string } | null;
  createdAt: Date;
  editedAt: Date | null;
  deleted: boolean;
  deletedAt: Date | null;
  hidden: boolean;
  hiddenBy: HiddenBy | null;
  /**
   * In its target's list of top-level comments: every comment until deleted; a deleted top-level
   * comment stays (as a tombstone) only while it has replies.
   */
  listed: boolean;
  /** Derived from the like records (comment-like.service.ts): recounted after every like change. */
  likeCount: number;
  /**
   * Likes and unlikes under way: each is recorded here before it touches its like record and
   * removed by the recount after it. One left behind (the process died in between) tells the
   * repair to recount this comment.
   */
  likeOps?: { opId: string; at: Date }[];
  /** Like tickets handed out: each like change takes one after writing its like record. */
  likeVersion?: number;
  /** The ticket `likeCount` was counted after (it includes every like change ticketed up to it). */
  likeCountAsOf?: number;
  /** Reports since the last review (a moderator's or the owner's hide or unhide). */
  openReportCount: number;
  lastReportedAt: Date | null;
  /** When reports were last reviewed: only reports after it count towards hiding. */
  reviewedAt: Date | null;
  /** In the moderators' queue: reported (or hidden by reports) and not reviewed since. */
  needsReview: boolean;
  /** Top-level comments: the order of creation on the target (see list-keys.ts); null on replies. */
  seq: number | null;
  /** Top-level comments: the key of its run of 64 in `seq` order; null on replies. */
  pageKey: string | null;
  /** Timed top-level comments: the key of its 5-second stretch of the song; null otherwise. */
  momentKey: string | null;
  /** The target was deleted: the comment is out of every list and unreachable. */
  targetGone: boolean;
  /** Count changes written here and not yet applied to the target (see CommentCountWriter). */
  pendingCountChanges: PendingCountChange[];
  version: number;
}

export type CommentModel = Model<CommentRecord>;

export const COMMENT_VERSION: AggregateVersionField<CommentRecord> = {
  field: 'version',
  of: (comment) => comment.version,
};

export function createCommentModel(connection: Connection): CommentModel {
  const pending = new Schema<PendingCountChange>(
    {
      changeId: String,
      kind: String,
      delta: Number,
      listedDelta: Number,
      timedDelta: Number,
      at: Date,
    },
    { _id: false },
  );
  const schema = new Schema<CommentRecord>(
    {
      targetKey: { type: String, required: true },
      targetType: { type: String, required: true },
      targetId: { type: String, required: true },
      authorId: { type: String, required: true },
      body: { type: String, default: '' },
      atMs: { type: Number, default: null },
      parentId: { type: Schema.Types.ObjectId, default: null },
      inReplyTo: {
        type: new Schema({ commentId: Schema.Types.ObjectId, authorId: String }, { _id: false }),
        default: null,
      },
      createdAt: { type: Date, required: true },
      editedAt: { type: Date, default: null },
      deleted: { type: Boolean, default: false },
      deletedAt: { type: Date, default: null },
      hidden: { type: Boolean, default: false },
      hiddenBy: { type: String, default: null },
      listed: { type: Boolean, default: true },
      likeCount: { type: Number, default: 0 },
      likeOps: {
        type: [new Schema({ opId: String, at: Date }, { _id: false })],
        default: () => [],
      },
      likeVersion: { type: Number, default: 0 },
      likeCountAsOf: { type: Number, default: 0 },
      openReportCount: { type: Number, default: 0 },
      lastReportedAt: { type: Date, default: null },
      reviewedAt: { type: Date, default: null },
      needsReview: { type: Boolean, default: false },
      seq: { type: Number, default: null },
      pageKey: { type: String, default: null },
      momentKey: { type: String, default: null },
      targetGone: { type: Boolean, default: false },
      pendingCountChanges: { type: [pending], default: () => [] },
      version: { type: Number, default: 1 },
    },
    { versionKey: false },
  );
  // Lists: a target's top-level comments by page and by moment (list-keys.ts), all of a target's
  // (its deletion), a thread's replies, the moderators' queue, unfinished count changes and likes.
  schema.index({ pageKey: 1 });
  schema.index({ momentKey: 1 });
  schema.index({ targetKey: 1 });
  schema.index({ parentId: 1, createdAt: 1 });
  schema.index({ needsReview: 1, lastReportedAt: -1 });
  schema.index({ 'pendingCountChanges.at': 1 }, { sparse: true });
  schema.index({ 'likeOps.at': 1 }, { sparse: true });
  return connection.model<CommentRecord>('Comment', schema, 'comments');
}
