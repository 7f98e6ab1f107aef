import { ConflictError, ForbiddenError, NotFoundError } from '@groovy/common/errors';
import { writeWithEvents } from '@groovy/common/events';
import type { Collection, Db } from 'mongodb';
import type { Types } from 'mongoose';
import { normaliseReportReason } from '../comment/comment-body';
import {
  COMMENT_VERSION,
  type CommentModel,
  type CommentRecord,
  type HiddenBy,
} from '../comment/comment.model';
import { countChange, requireSignedIn, type CommentService } from '../comment/comment.service';
import type { CommentCountWriter } from '../target/comment-count-writer';
import { ownsTarget } from '../target/target.service';
import type { Viewer } from '../viewer/viewer';
import { decodeQueueCursor, encodeQueueCursor } from './queue-cursor';

interface CommentReport {
  /** `<commentId>:<reporterId>`: one report per user. */
  _id: string;
  commentId: string;
  reporterId: string;
  reason: string;
  at: Date;
}

export interface ModerationRules {
  reportsToHide: number;
}

export interface QueueEntry {
  record: CommentRecord;
  cursor: string;
  reasons: string[];
}

export interface QueuePage {
  entries: QueueEntry[];
  hasNextPage: boolean;
  countAll(): Promise<number>;
}

const NO_EVENTS = { recorded() {} };

/** Reasons shown per queued comment (the latest). */
const MAX_REASONS_SHOWN = 10;

/** Reports, hiding and unhiding, and the moderators' queue. */
export class ModerationService {
  private ready: Promise<unknown> | undefined;

  constructor(
    private readonly db: () => Db,
    private readonly comments: CommentModel,
    private readonly commentService: CommentService,
    private readonly counts: CommentCountWriter,
    private readonly rules: ModerationRules,
  ) {}

  private get reports(): Collection<CommentReport> {
    return this.db().collection<CommentReport>('comment_reports');
  }

  ensureIndexes(): Promise<unknown> {
    this.ready ??= this.reports.createIndex({ commentId: 1, at: 1 });
    return this.ready;
  }

  /** One report per user; at `reportsToHide` reports from different users since the last review, hidden. */
  async report(viewer: Viewer, id: string, reason: string): Promise<void> {
    const userId = requireSignedIn(viewer);
    const text = normaliseReportReason('reason', reason);
    const { comment } = await this.commentService.requireInteractive('id', id, viewer);
    if (comment.authorId === userId) throw new ForbiddenError('You cannot report your own comment');
    const commentId = comment._id.toHexString();
    const now = new Date();
    try {
      await this.reports.insertOne({
        _id: `${commentId}:${userId}`,
        commentId,
        reporterId: userId,
        reason: text,
        at: now,
      });
    } catch (error) {
      if ((error as { code?: number }).code === 11000)
        throw new ConflictError('You already reported this comment');
      throw error;
    }
    const open = await this.reports.countDocuments({
      commentId,
      ...(comment.reviewedAt ? { at: { $gt: comment.reviewedAt } } : {}),
    });
    await this.comments.updateOne(
      { _id: comment._id },
      { $set: { openReportCount: open, lastReportedAt: now, needsReview: true } },
    );
    if (open >= this.rules.reportsToHide && !comment.hidden)
      await this.setHidden(comment._id, true, 'REPORTS', false);
  }

  /** Hides a comment: its target's owner or a moderator. */
  async hide(viewer: Viewer, id: string): Promise<CommentRecord> {
    const by = await this.decider(viewer, id);
    return this.setHidden(by.comment._id, true, by.role, by.role === 'MODERATOR');
  }

  /** Shows a hidden comment again: its target's owner (unless a moderator hid it) or a moderator. */
  async unhide(viewer: Viewer, id: string): Promise<CommentRecord> {
    const by = await this.decider(viewer, id);
    return this.setHidden(by.comment._id, false, by.role, by.role === 'MODERATOR');
  }

  /** Comments waiting for a moderator: reported (or hidden by reports) and not reviewed since. */
  async queue(viewer: Viewer, first: number, after: string | null | undefined): Promise<QueuePage> {
    requireModerator(viewer);
    const filter = { needsReview: true, deleted: false, targetGone: false };
    const countAll = () => this.comments.countDocuments(filter).exec();
    const cursor = after ? decodeQueueCursor(after) : null;
    const paged = cursor
      ? {
          $and: [
            filter,
            {
              $or: [
                { lastReportedAt: { $lt: cursor.lastReportedAt } },
                { lastReportedAt: cursor.lastReportedAt, _id: { $lt: cursor.id } },
              ],
            },
          ],
        }
      : filter;
    const found =
      first === 0
        ? []
        : await this.comments
            .find(paged)
            .sort({ lastReportedAt: -1, _id: -1 })
            .limit(first + 1)
            .lean<CommentRecord[]>();
    const page = found.slice(0, first);
    const reports = await this.reports
      .find({ commentId: { $in: page.map((comment) => comment._id.toHexString()) } })
      .sort({ at: -1 })
      .toArray();
    return {
      entries: page.map((record) => ({
        record,
        cursor: encodeQueueCursor({
          lastReportedAt: record.lastReportedAt ?? new Date(0),
          id: record._id,
        }),
        reasons: reports
          .filter(
            (report) =>
              report.commentId === record._id.toHexString() &&
              (!record.reviewedAt || report.at > record.reviewedAt),
          )
          .slice(0, MAX_REASONS_SHOWN)
          .map((report) => report.reason),
      })),
      hasNextPage: found.length > first,
      countAll,
    };
  }

  private async decider(
    viewer: Viewer,
    id: string,
  ): Promise<{ comment: CommentRecord; role: HiddenBy }> {
    requireSignedIn(viewer);
    const { comment, target } = await this.commentService.requireActionable('id', id, viewer);
    if (viewer.moderator) return { comment, role: 'MODERATOR' };
    if (ownsTarget(target, viewer)) return { comment, role: 'OWNER' };
    throw new ForbiddenError(
      'Only the owner of what it is on, or a moderator, can hide or show a comment',
    );
  }

  /**
   * Hides or shows. Who hid it only ever rises (REPORTS < OWNER < MODERATOR), and only someone of
   * that rank or above shows it again: an owner cannot undo a moderator's hide by hiding it again
   * first. `reviewed` (a moderator decided) takes it out of the queue and starts the report count
   * afresh.
   */
  private async setHidden(
    id: Types.ObjectId,
    hidden: boolean,
    by: HiddenBy,
    reviewed: boolean,
  ): Promise<CommentRecord> {
    const written = await writeWithEvents<CommentRecord, 'deleted' | 'outranked'>({
      model: this.comments,
      filter: { _id: id },
      version: COMMENT_VERSION,
      notifier: NO_EVENTS,
      subject: `comment ${id.toHexString()}`,
      maxAttempts: 20,
      change: (current, nextVersion) => {
        if (current.deleted) return { decline: 'deleted' };
        if (!hidden && current.hidden && outranks(current.hiddenBy, by))
          return { decline: 'outranked' };
        const review = reviewed
          ? { needsReview: false, reviewedAt: new Date(), openReportCount: 0 }
          : {};
        if (current.hidden === hidden)
          return {
            set: {
              ...review,
              ...(hidden && !outranks(current.hiddenBy, by) ? { hiddenBy: by } : {}),
            },
            events: [],
          };
        return {
          set: {
            ...review,
            hidden,
            hiddenBy: hidden ? by : null,
            pendingCountChanges: [
              ...current.pendingCountChanges,
              countChange(current, nextVersion, hidden ? 'HIDDEN' : 'UNHIDDEN', hidden ? -1 : 1),
            ],
          },
          events: [],
        };
      },
    });
    if (written.outcome === 'declined' && written.reason === 'outranked')
      throw new ForbiddenError('A moderator hid this comment; only a moderator can show it again');
    if (written.outcome !== 'written') throw new NotFoundError('Comment', id.toHexString());
    await this.counts.apply(written.record);
    return written.record;
  }
}

const HIDE_RANK: Record<HiddenBy, number> = { REPORTS: 0, OWNER: 1, MODERATOR: 2 };

/** Whether a hide by `current` stands above a decision by `by`. */
function outranks(current: HiddenBy | null, by: HiddenBy): boolean {
  return current !== null && HIDE_RANK[current] > HIDE_RANK[by];
}

export function requireModerator(viewer: Viewer): void {
  requireSignedIn(viewer);
  if (!viewer.moderator) throw new ForbiddenError('Only moderators can see the moderation queue');
}
