import { WindowRateLimiter } from '@groovy/common/limits';
import type { Collection, Db } from 'mongodb';
import { Types } from 'mongoose';
import type { Logger } from 'pino';
import type { CommentModel, CommentRecord } from '../comment/comment.model';
import { requireSignedIn, type CommentService } from '../comment/comment.service';
import type { Viewer } from '../viewer/viewer';

interface CommentLike {
  /** `<commentId>:<userId>`: one like per user, whatever the concurrency. */
  _id: string;
  commentId: string;
  userId: string;
  at: Date;
}

/** How many likes and unlikes one user may send per minute, across comments (env, README). */
export interface CommentLikeRates {
  likesPerMinute: number;
}

/** A like change whose marker is older than this was left by a process that died (or is stuck). */
const ABANDONED_AFTER_MS = 10_000;

/**
 * Likes on comments. A like is a document with a unique id per (comment, user), so duplicated and
 * concurrent requests make one record at most; the comment's `likeCount` is derived from those
 * records, never moved by an increment that a crash could lose or repeat:
 *
 * 1. the operation records itself on the comment (`likeOps`: id and time);
 * 2. it inserts or removes its like record;
 * 3. it takes a ticket (`likeVersion`, one atomic increment, after step 2), counts the comment's
 *    like records, and writes that count unless a count covering a later ticket is already there
 *    (`likeCountAsOf` < its ticket), removing its marker. A count taken after ticket T includes
 *    every like change that took a ticket up to T, so once `likeCountAsOf` ≥ T the operation's
 *    change is counted, whoever wrote it: no retry loop, however many like at once.
 *
 * A process that dies between 1 and 3 leaves its marker; `repairAbandoned` (at startup and then
 * periodically) takes a ticket and recounts those comments. Recounting is idempotent, so repairing
 * an operation that was only slow is harmless: its own step 3 comes after.
 *
 * Each like or unlike counts every like of the comment, so each takes a slot of its user's
 * `likesPerMinute` first (RATE_LIMITED beyond, shared by every instance): one request of many
 * aliased likes cannot make the subgraph count a popular comment's likes hundreds of times.
 */
export class CommentLikeService {
  private ready: Promise<unknown> | undefined;
  private readonly limiter: WindowRateLimiter;

  constructor(
    private readonly db: () => Db,
    private readonly comments: CommentModel,
    private readonly commentService: CommentService,
    private readonly logger: Logger,
    private readonly rates: CommentLikeRates,
  ) {
    this.limiter = new WindowRateLimiter(db, 'comment_like_rates');
  }

  private get likes(): Collection<CommentLike> {
    return this.db().collection<CommentLike>('comment_likes');
  }

  ensureIndexes(): Promise<unknown> {
    this.ready ??= Promise.all([
      this.likes.createIndex({ userId: 1, commentId: 1 }),
      this.likes.createIndex({ commentId: 1 }),
      this.limiter.ensureIndexes(),
    ]);
    return this.ready;
  }

  async like(viewer: Viewer, id: string): Promise<CommentRecord> {
    const userId = requireSignedIn(viewer);
    await this.takeSlot(userId);
    const { comment } = await this.commentService.requireInteractive('id', id, viewer);
    const commentId = comment._id.toHexString();
    return this.change(comment, async () => {
      try {
        await this.likes.insertOne({
          _id: `${commentId}:${userId}`,
          commentId,
          userId,
          at: new Date(),
        });
        return true;
      } catch (error) {
        if ((error as { code?: number }).code === 11000) return false;
        throw error;
      }
    });
  }

  async unlike(viewer: Viewer, id: string): Promise<CommentRecord> {
    const userId = requireSignedIn(viewer);
    await this.takeSlot(userId);
    const { comment } = await this.commentService.requireActionable('id', id, viewer);
    return this.change(comment, async () => {
      const removed = await this.likes.deleteOne({ _id: `${comment._id.toHexString()}:${userId}` });
      return removed.deletedCount === 1;
    });
  }

  /** One like or unlike of `userId` counted (per root field, so aliases count), before any read. */
  private takeSlot(userId: string): Promise<void> {
    return this.limiter.take(userId, {
      action: 'comment likes and unlikes',
      limit: this.rates.likesPerMinute,
      windowMs: 60_000,
    });
  }

  /** Which of `commentIds` `userId` likes, in one read. */
  async likedBy(userId: string, commentIds: readonly string[]): Promise<boolean[]> {
    const found = await this.likes
      .find(
        { _id: { $in: commentIds.map((id) => `${id}:${userId}`) } },
        { projection: { commentId: 1 } },
      )
      .toArray();
    const liked = new Set(found.map((like) => like.commentId));
    return commentIds.map((id) => liked.has(id));
  }

  /** Recounts the comments whose like changes were left unfinished (older than 10 s); how many. */
  async repairAbandoned(now = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - ABANDONED_AFTER_MS);
    const abandoned = await this.comments
      .find({ 'likeOps.at': { $lt: cutoff } }, { _id: 1 })
      .limit(500)
      .lean<Pick<CommentRecord, '_id'>[]>();
    for (const { _id } of abandoned) await this.recount(_id, { abandonedBefore: cutoff });
    if (abandoned.length > 0)
      this.logger.info({ comments: abandoned.length }, 'unfinished like counts recounted');
    return abandoned.length;
  }

  /** Steps 1–3 above around `write`, which says whether it really changed a like record. */
  private async change(
    comment: CommentRecord,
    write: () => Promise<boolean>,
  ): Promise<CommentRecord> {
    const opId = new Types.ObjectId().toHexString();
    await this.comments.updateOne(
      { _id: comment._id },
      { $push: { likeOps: { opId, at: new Date() } } },
    );
    const changed = await write();
    if (!changed) {
      const untouched = await this.comments
        .findOneAndUpdate(
          { _id: comment._id },
          { $pull: { likeOps: { opId } } },
          { returnDocument: 'after' },
        )
        .lean<CommentRecord>();
      return untouched ?? comment;
    }
    return (await this.recount(comment._id, { opId })) ?? comment;
  }

  /**
   * Step 3: a ticket, a count, and the count written unless one covering a later ticket is there;
   * removes the marker of operation `opId` (or, for the repair, the markers older than
   * `abandonedBefore`). Returns the comment as it then is.
   */
  private async recount(
    commentId: Types.ObjectId,
    finishing: { opId: string } | { abandonedBefore: Date },
  ): Promise<CommentRecord | null> {
    const pull =
      'opId' in finishing
        ? { likeOps: { opId: finishing.opId } }
        : { likeOps: { at: { $lt: finishing.abandonedBefore } } };
    const ticketed = await this.comments
      .findOneAndUpdate(
        { _id: commentId },
        { $inc: { likeVersion: 1 } },
        { returnDocument: 'after', projection: { likeVersion: 1 } },
      )
      .lean<Pick<CommentRecord, 'likeVersion'>>();
    if (!ticketed) return null;
    const ticket = ticketed.likeVersion!;
    const likeCount = await this.likes.countDocuments({ commentId: commentId.toHexString() });
    const written = await this.comments
      .findOneAndUpdate(
        {
          _id: commentId,
          $or: [{ likeCountAsOf: { $lt: ticket } }, { likeCountAsOf: { $exists: false } }],
        },
        { $set: { likeCount, likeCountAsOf: ticket }, $pull: pull },
        { returnDocument: 'after' },
      )
      .lean<CommentRecord>();
    // Not written: a count covering a later ticket (so this change too) is there already.
    return (
      written ??
      this.comments
        .findOneAndUpdate({ _id: commentId }, { $pull: pull }, { returnDocument: 'after' })
        .lean<CommentRecord>()
    );
  }
}
