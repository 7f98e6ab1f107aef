import { writeWithEvents, type OutboxNotifier } from '@groovy/common/events';
import type { Logger } from 'pino';
import type { CommentModel, CommentRecord, PendingCountChange } from '../comment/comment.model';
import { commentChangeEvent } from '../events/comment-events';
import {
  APPLIED_CHANGES_KEPT,
  TARGET_VERSION,
  type TargetModel,
  type TargetRecord,
} from './target.model';

/** A lost compare-and-set is retried this often: every writer of one target races on its version. */
const MAX_COUNT_WRITE_ATTEMPTS = 200;
/** A pending change older than this was left by a process that died (or is stuck): finish it. */
const ABANDONED_AFTER_MS = 10_000;

/**
 * Keeps each target's visible comment count, and publishes the COMMENT_* events that carry it.
 *
 * Services run without multi-document transactions, so a comment change takes two writes: the
 * comment itself, with the count change it causes recorded in its `pendingCountChanges`; then the
 * target, where the count moves, `countVersion` grows and the event joins the target's outbox in
 * one compare-and-set. The target remembers the changes it applied, so applying one again (a retry,
 * the repair after a crash between the two writes) changes nothing. Last, the comment's pending
 * change is removed.
 */
export class CommentCountWriter {
  constructor(
    private readonly comments: CommentModel,
    private readonly targets: TargetModel,
    private readonly outbox: OutboxNotifier,
    private readonly logger: Logger,
  ) {}

  /** Applies `comment`'s pending count changes to its target, in order. */
  async apply(comment: CommentRecord): Promise<void> {
    for (const change of comment.pendingCountChanges) await this.applyOne(comment, change);
  }

  private async applyOne(comment: CommentRecord, change: PendingCountChange): Promise<void> {
    const written = await writeWithEvents<TargetRecord, 'already applied'>({
      model: this.targets,
      filter: { _id: comment.targetKey },
      version: TARGET_VERSION,
      notifier: this.outbox,
      subject: `comment target ${comment.targetKey}`,
      maxAttempts: MAX_COUNT_WRITE_ATTEMPTS,
      change: (target) => {
        if ((target.appliedChanges ?? []).includes(change.changeId))
          return { decline: 'already applied' };
        const visibleCountMoves = change.kind !== 'RELISTED';
        const count = {
          commentCount: Math.max(0, (target.commentCount ?? 0) + change.delta),
          countVersion: (target.countVersion ?? 0) + (visibleCountMoves ? 1 : 0),
        };
        return {
          set: {
            ...count,
            listedCount: Math.max(0, (target.listedCount ?? 0) + (change.listedDelta ?? 0)),
            timedCount: Math.max(0, (target.timedCount ?? 0) + (change.timedDelta ?? 0)),
            appliedChanges: [...(target.appliedChanges ?? []), change.changeId].slice(
              -APPLIED_CHANGES_KEPT,
            ),
          },
          events: visibleCountMoves ? [commentChangeEvent(comment, change, count)] : [],
        };
      },
    });
    if (written.outcome === 'missing')
      this.logger.warn(
        { commentId: comment._id.toHexString(), target: comment.targetKey },
        'count change for an unknown target dropped',
      );
    await this.comments.updateOne(
      { _id: comment._id },
      { $pull: { pendingCountChanges: { changeId: change.changeId } } },
    );
  }

  /** Finishes count changes a process left behind (it died between the comment's write and the target's). */
  async repairAbandoned(now = new Date()): Promise<number> {
    const abandoned = await this.comments
      .find({ 'pendingCountChanges.at': { $lt: new Date(now.getTime() - ABANDONED_AFTER_MS) } })
      .limit(500)
      .lean<CommentRecord[]>();
    for (const comment of abandoned) await this.apply(comment);
    if (abandoned.length > 0)
      this.logger.info({ comments: abandoned.length }, 'abandoned count changes finished');
    return abandoned.length;
  }
}
