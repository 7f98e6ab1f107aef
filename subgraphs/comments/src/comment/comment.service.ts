import {
  BadUserInputError,
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
} from '@groovy/common/errors';
import { writeWithEvents } from '@groovy/common/events';
import { Types } from 'mongoose';
import type { CommentAbuseGuard } from '../abuse/comment-abuse-guard';
import { parseObjectId, validObjectIds } from '../object-id';
import type { CommentCountWriter } from '../target/comment-count-writer';
import { targetKeyOf, type CommentTargetTypeValue } from '../target/target-key';
import type { TargetRecord } from '../target/target.model';
import { canSeeTarget, ownsTarget, type TargetService } from '../target/target.service';
import type { Viewer } from '../viewer/viewer';
import { normaliseCommentBody } from './comment-body';
import {
  MOMENT_BUCKET_MS,
  PAGE_BUCKET_SIZE,
  momentBucketOf,
  momentKeyOf,
  pageBucketOf,
  pageKeyOf,
} from './list-keys';
import {
  afterCursorFilter,
  cursorValuesOf,
  decodeCommentCursor,
  encodeCommentCursor,
  sortOf,
  type CommentCursor,
  type PageOrder,
} from './comment-page';
import {
  COMMENT_VERSION,
  type CommentModel,
  type CommentRecord,
  type PendingCountChange,
} from './comment.model';

export interface NewComment {
  targetType: CommentTargetTypeValue;
  targetId: string;
  body: string;
  atMs?: number | null | undefined;
  parentId?: string | null | undefined;
}

export interface CommentPage {
  comments: { record: CommentRecord; cursor: string }[];
  hasNextPage: boolean;
  countAll(): Promise<number>;
  /** Where the next page starts when it is not the last comment's cursor (a page cut short). */
  endCursor?: string;
}

export interface CommentRules {
  editWindowSeconds: number;
}

/** Runs (list-keys.ts) read at once at first, and at most (when runs turn out empty). */
const RUNS_PER_READ = 1;
const MAX_KEYS_PER_READ = 64;
/**
 * Reads one page may make at most: a page of runs emptied by deletes (or of a long song's silent
 * stretches) stops there, short, with hasNextPage and a cursor at the point it scanned to.
 */
export const MAX_READS_PER_PAGE = 8;
/** The largest number a cursor holds (15 digits): "after every comment of this moment". */
const CURSOR_MAX = 999_999_999_999_999;

interface ScanResult {
  records: CommentRecord[];
  /** Set when the read cap stopped the scan before the list's end: the values to resume after. */
  resumeAfter: number[] | null;
}

/** Never listed, never found: comments of deleted targets. */
const REACHABLE = { targetGone: false };

/** Threads, timed comments, edits and deletes: the rules of the conversation. */
export class CommentService {
  constructor(
    private readonly comments: CommentModel,
    private readonly targets: TargetService,
    private readonly counts: CommentCountWriter,
    private readonly abuse: CommentAbuseGuard,
    private readonly rules: CommentRules,
  ) {}

  /** Stored comments by id (deleted ones included, those of deleted targets not). */
  async findByIds(ids: readonly string[]): Promise<(CommentRecord | null)[]> {
    const found = await this.comments
      .find({ _id: { $in: validObjectIds(ids) }, ...REACHABLE })
      .lean<CommentRecord[]>();
    const byId = new Map(found.map((comment) => [comment._id.toHexString(), comment]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /** A comment `viewer` may act on: it exists, is not deleted and its target is visible to them. */
  async requireActionable(
    field: string,
    id: string,
    viewer: Viewer,
  ): Promise<{ comment: CommentRecord; target: TargetRecord }> {
    const objectId = parseObjectId(field, id);
    const comment = await this.comments
      .findOne({ _id: objectId, ...REACHABLE })
      .lean<CommentRecord>();
    const [target] = comment ? await this.targets.findByKeys([comment.targetKey]) : [null];
    if (!comment || comment.deleted || !canSeeTarget(target, viewer))
      throw new NotFoundError('Comment', id);
    return { comment, target: target! };
  }

  /**
   * A comment `viewer` may reply to, like or report: actionable, and when hidden only by its
   * author and moderators (to anyone else a hidden comment is not there: NOT_FOUND).
   */
  async requireInteractive(
    field: string,
    id: string,
    viewer: Viewer,
  ): Promise<{ comment: CommentRecord; target: TargetRecord }> {
    const found = await this.requireActionable(field, id, viewer);
    if (!mayInteractWith(found.comment, viewer)) throw new NotFoundError('Comment', id);
    return found;
  }

  async add(viewer: Viewer, input: NewComment): Promise<CommentRecord> {
    const userId = requireSignedIn(viewer);
    const body = normaliseCommentBody('body', input.body);
    if (typeof input.targetId !== 'string' || !/^[\w-]{1,64}$/.test(input.targetId))
      throw new BadUserInputError('targetId', 'Not a valid id');
    const target = await this.targets.requireVisible(input.targetType, input.targetId, viewer);
    const thread = input.parentId ? await this.threadOf(input.parentId, target._id, viewer) : null;
    const atMs = input.atMs ?? null;
    if (atMs !== null) validateMoment(atMs, target, thread !== null);

    const forget = await this.abuse.admit(userId, body);
    const _id = new Types.ObjectId();
    const now = new Date();
    const targetKey = targetKeyOf(input.targetType, input.targetId);
    const seq = thread ? null : await this.targets.nextSeq(targetKey);
    const created: Omit<CommentRecord, 'pendingCountChanges'> & {
      pendingCountChanges: PendingCountChange[];
    } = {
      _id,
      targetKey,
      targetType: input.targetType,
      targetId: input.targetId,
      authorId: userId,
      body,
      atMs,
      parentId: thread ? thread.top._id : null,
      inReplyTo: thread
        ? { commentId: thread.answered._id, authorId: thread.answered.authorId }
        : null,
      createdAt: now,
      editedAt: null,
      deleted: false,
      deletedAt: null,
      hidden: false,
      hiddenBy: null,
      listed: true,
      likeCount: 0,
      openReportCount: 0,
      lastReportedAt: null,
      reviewedAt: null,
      needsReview: false,
      seq,
      pageKey: seq === null ? null : pageKeyOf(targetKey, pageBucketOf(seq)),
      momentKey:
        seq === null || atMs === null ? null : momentKeyOf(targetKey, momentBucketOf(atMs)),
      targetGone: false,
      pendingCountChanges: [
        {
          changeId: `${_id.toHexString()}:1`,
          kind: 'CREATED',
          delta: 1,
          listedDelta: thread ? 0 : 1,
          timedDelta: !thread && atMs !== null ? 1 : 0,
          at: now,
        },
      ],
      version: 1,
    };
    let record: CommentRecord;
    try {
      record = (await this.comments.create(created)).toObject() as CommentRecord;
    } catch (error) {
      await forget();
      throw error;
    }
    await this.counts.apply(record);
    // The thread's top comment may have been deleted since threadOf read it, by a delete that saw
    // no replies yet and took it out of the list: put it back (as the tombstone over this reply).
    if (thread) await this.relistThreadIfReplied(thread.top._id);
    return { ...record, pendingCountChanges: [] };
  }

  /**
   * A deleted top-level comment that is out of its target's list while it has replies goes back
   * in (the tombstone that keeps the thread). A delete and a reply racing each other both call
   * this after their own write, so whichever comes second sees the other's and repairs the list;
   * the compare-and-set on the comment's version relists it once.
   */
  private async relistThreadIfReplied(topId: Types.ObjectId): Promise<void> {
    const written = await writeWithEvents<CommentRecord, 'listed' | 'no replies'>({
      model: this.comments,
      filter: { _id: topId, parentId: null, deleted: true, listed: false, ...REACHABLE },
      version: COMMENT_VERSION,
      notifier: NO_EVENTS,
      subject: `comment ${topId.toHexString()}`,
      maxAttempts: 20,
      change: async (current, nextVersion) => {
        if (current.listed) return { decline: 'listed' };
        const replied = await this.comments.exists({ parentId: topId, deleted: false });
        if (!replied) return { decline: 'no replies' };
        return {
          set: {
            listed: true,
            pendingCountChanges: [
              ...current.pendingCountChanges,
              {
                ...countChange(current, nextVersion, 'RELISTED', 0),
                listedDelta: 1,
                timedDelta: current.atMs === null ? 0 : 1,
              },
            ],
          },
          events: [],
        };
      },
    });
    if (written.outcome === 'written') await this.counts.apply(written.record);
  }

  /** The thread a reply joins (its top comment) and the comment it answers. */
  private async threadOf(
    parentId: string,
    targetKey: string,
    viewer: Viewer,
  ): Promise<{ top: CommentRecord; answered: CommentRecord }> {
    const { comment: answered } = await this.requireInteractive('parentId', parentId, viewer);
    if (answered.targetKey !== targetKey)
      throw new BadUserInputError('parentId', 'That comment is on something else');
    if (!answered.parentId) return { top: answered, answered };
    const [top] = await this.findByIds([answered.parentId.toHexString()]);
    if (!top || top.deleted || !mayInteractWith(top, viewer))
      throw new NotFoundError('Comment', parentId);
    return { top, answered };
  }

  async edit(viewer: Viewer, id: string, body: string): Promise<CommentRecord> {
    const userId = requireSignedIn(viewer);
    const text = normaliseCommentBody('body', body);
    const { comment } = await this.requireActionable('id', id, viewer);
    if (comment.authorId !== userId) throw new ForbiddenError('Only its author can edit a comment');
    const windowMs = this.rules.editWindowSeconds * 1000;
    if (Date.now() - comment.createdAt.getTime() > windowMs)
      throw new ForbiddenError(
        `A comment can be edited for ${Math.round(windowMs / 60_000)} minutes after it was posted`,
      );
    if (underModeration(comment)) throw new ForbiddenError(UNDER_MODERATION);
    const giveBack = await this.abuse.admitEdit(userId);
    const written = await writeWithEvents<CommentRecord, 'deleted' | 'moderated'>({
      model: this.comments,
      filter: { _id: comment._id },
      version: COMMENT_VERSION,
      notifier: NO_EVENTS,
      current: comment,
      subject: `comment ${id}`,
      change: (current) =>
        current.deleted
          ? { decline: 'deleted' }
          : underModeration(current)
            ? { decline: 'moderated' }
            : { set: { body: text, editedAt: new Date() }, events: [] },
    });
    if (written.outcome !== 'written') await giveBack();
    if (written.outcome === 'declined' && written.reason === 'moderated')
      throw new ForbiddenError(UNDER_MODERATION);
    if (written.outcome !== 'written') throw new NotFoundError('Comment', id);
    return written.record;
  }

  /** Soft delete by its author, the target's owner or a moderator: body "", author hidden, thread kept. */
  async delete(viewer: Viewer, id: string): Promise<void> {
    const userId = requireSignedIn(viewer);
    const { comment, target } = await this.requireActionable('id', id, viewer);
    if (comment.authorId !== userId && !ownsTarget(target, viewer) && !viewer.moderator)
      throw new ForbiddenError(
        'Only its author, the owner of what it is on, or a moderator can delete a comment',
      );
    const hasReplies =
      comment.parentId === null &&
      (await this.comments.exists({ parentId: comment._id, deleted: false })) !== null;
    const written = await writeWithEvents<CommentRecord, 'deleted'>({
      model: this.comments,
      filter: { _id: comment._id },
      version: COMMENT_VERSION,
      notifier: NO_EVENTS,
      current: comment,
      subject: `comment ${id}`,
      maxAttempts: 20,
      change: (current, nextVersion) =>
        current.deleted
          ? { decline: 'deleted' }
          : {
              set: {
                deleted: true,
                deletedAt: new Date(),
                body: '',
                listed: hasReplies,
                needsReview: false,
                pendingCountChanges: [
                  ...current.pendingCountChanges,
                  {
                    ...countChange(current, nextVersion, 'DELETED', current.hidden ? 0 : -1),
                    // Out of its target's list unless it stays as a tombstone over its replies.
                    ...(current.listed && !hasReplies && current.parentId === null
                      ? { listedDelta: -1, timedDelta: current.atMs === null ? 0 : -1 }
                      : {}),
                  },
                ],
              },
              events: [],
            },
    });
    if (written.outcome !== 'written') throw new NotFoundError('Comment', id);
    await this.counts.apply(written.record);
    // A reply posted after `hasReplies` was read: the thread keeps its top comment in the list.
    if (!written.record.listed && written.record.parentId === null)
      await this.relistThreadIfReplied(written.record._id);
  }

  /**
   * A target's top-level comments, in `order`: read run by run (list-keys.ts) until the page is
   * full, so a page costs a few index lookups however many comments the target has.
   */
  async listTopLevel(
    target: TargetRecord,
    order: PageOrder,
    first: number,
    after: string | null | undefined,
  ): Promise<CommentPage> {
    if (order === 'TIMELINE' && target.type !== 'SONG')
      throw new BadUserInputError('order', 'TIMELINE orders song comments only');
    const total = order === 'TIMELINE' ? (target.timedCount ?? 0) : (target.listedCount ?? 0);
    const countAll = async () => total;
    const cursor = after ? decodeCommentCursor(after, order) : null;
    if (cursor) validateListCursor(cursor, order, target);
    if (first === 0) return { comments: [], hasNextPage: false, countAll };
    const found =
      order === 'TIMELINE'
        ? await this.readTimeline(target, first + 1, cursor?.values)
        : await this.readRuns(target, order, first + 1, cursor?.values[0]);
    const records = found.records.slice(0, first);
    const comments = records.map((record) => ({
      record,
      cursor: encodeCommentCursor({
        order,
        values: order === 'TIMELINE' ? [record.atMs!, record.seq!] : [record.seq!],
        id: record._id,
      }),
    }));
    if (found.resumeAfter && found.records.length <= first)
      return {
        comments,
        hasNextPage: true,
        countAll,
        endCursor: encodeCommentCursor({
          order,
          values: found.resumeAfter,
          id: SCAN_POINT_ID,
        }),
      };
    return { comments, hasNextPage: found.records.length > first, countAll };
  }

  /** NEWEST (seq descending) or OLDEST (ascending), after `afterSeq`: `wanted` comments at most. */
  private async readRuns(
    target: TargetRecord,
    order: 'NEWEST' | 'OLDEST',
    wanted: number,
    afterSeq: number | undefined,
  ): Promise<ScanResult> {
    const last = pageBucketOf(target.lastSeq ?? 0);
    const newest = order === 'NEWEST';
    const start = Math.min(
      last,
      afterSeq === undefined ? (newest ? last : 0) : pageBucketOf(afterSeq),
    );
    const beyond = (seq: number) =>
      afterSeq === undefined || (newest ? seq < afterSeq : seq > afterSeq);
    const collected: CommentRecord[] = [];
    let width = RUNS_PER_READ;
    let reads = 0;
    let bucket = start;
    const more = () => (newest ? bucket >= 0 : bucket <= last);
    while (more()) {
      if (reads === MAX_READS_PER_PAGE)
        return {
          records: sortRuns(collected, newest),
          // Every run before `bucket` (in this order) is read: resume at its edge.
          resumeAfter: [newest ? (bucket + 1) * PAGE_BUCKET_SIZE : bucket * PAGE_BUCKET_SIZE - 1],
        };
      const buckets: number[] = [];
      for (let index = 0; index < width; index++) {
        const next = newest ? bucket - index : bucket + index;
        if (next < 0 || next > last) break;
        buckets.push(next);
      }
      if (buckets.length === 0) break;
      bucket = newest ? bucket - buckets.length : bucket + buckets.length;
      reads++;
      const read = await this.comments
        .find({
          pageKey: { $in: buckets.map((b) => pageKeyOf(target._id, b)) },
          listed: true,
          ...REACHABLE,
        })
        .lean<CommentRecord[]>();
      collected.push(...read.filter((comment) => beyond(comment.seq!)));
      if (collected.length >= wanted) break;
      // Runs emptied by deletes: read more of them at once next time.
      if (read.length === 0) width = Math.min(width * 2, MAX_KEYS_PER_READ);
    }
    return { records: sortRuns(collected, newest).slice(0, wanted), resumeAfter: null };
  }

  /** TIMELINE (atMs, then seq), after the cursor's (atMs, seq): `wanted` comments at most. */
  private async readTimeline(
    target: TargetRecord,
    wanted: number,
    after: number[] | undefined,
  ): Promise<ScanResult> {
    const [afterAtMs, afterSeq] = after ?? [];
    const last = momentBucketOf(target.durationMs ?? 0);
    const beyond = (comment: CommentRecord) =>
      afterAtMs === undefined ||
      comment.atMs! > afterAtMs ||
      (comment.atMs === afterAtMs && comment.seq! > (afterSeq ?? 0));
    const collected: CommentRecord[] = [];
    const sorted = () => collected.sort((a, b) => a.atMs! - b.atMs! || a.seq! - b.seq!);
    let width = RUNS_PER_READ;
    let reads = 0;
    for (let bucket = afterAtMs === undefined ? 0 : momentBucketOf(afterAtMs); bucket <= last;) {
      if (reads === MAX_READS_PER_PAGE)
        return {
          records: sorted(),
          // Every stretch before `bucket` is read: resume after the last moment before it.
          resumeAfter: [bucket * MOMENT_BUCKET_MS - 1, CURSOR_MAX],
        };
      const buckets: number[] = [];
      for (let index = 0; index < width && bucket + index <= last; index++)
        buckets.push(bucket + index);
      if (buckets.length === 0) break;
      bucket += buckets.length;
      reads++;
      const read = await this.comments
        .find({
          momentKey: { $in: buckets.map((b) => momentKeyOf(target._id, b)) },
          listed: true,
          ...REACHABLE,
        })
        .lean<CommentRecord[]>();
      collected.push(...read.filter(beyond));
      // A moment's comments all come in one read: the page can stop once it is full.
      if (collected.length >= wanted) break;
      if (read.length === 0) width = Math.min(width * 2, MAX_KEYS_PER_READ);
    }
    return { records: sorted().slice(0, wanted), resumeAfter: null };
  }

  /** A thread's replies, oldest first (deleted ones left out). */
  async listReplies(
    parentId: Types.ObjectId,
    first: number,
    after: string | null | undefined,
  ): Promise<CommentPage> {
    return this.page({ parentId, deleted: false, ...REACHABLE }, 'OLDEST', first, after);
  }

  /** The first `limit` replies (oldest first, not deleted) of each of `parentIds`, in one read. */
  async firstRepliesOf(parentIds: readonly string[], limit: number): Promise<CommentRecord[][]> {
    const rows = await this.comments.aggregate<{ _id: Types.ObjectId; replies: CommentRecord[] }>([
      { $match: { parentId: { $in: validObjectIds(parentIds) }, deleted: false, ...REACHABLE } },
      { $sort: { parentId: 1, createdAt: 1, _id: 1 } },
      { $group: { _id: '$parentId', replies: { $push: '$$ROOT' } } },
      { $project: { replies: { $slice: ['$replies', limit] } } },
    ]);
    const byId = new Map(rows.map((row) => [row._id.toHexString(), row.replies]));
    return parentIds.map((id) => byId.get(id) ?? []);
  }

  /** A thread's first page of replies from records already read (firstRepliesOf). */
  repliesPageOf(
    records: CommentRecord[],
    first: number,
    countAll: () => Promise<number>,
  ): CommentPage {
    return {
      comments: records.slice(0, first).map((record) => ({
        record,
        cursor: encodeCommentCursor({
          order: 'OLDEST',
          values: cursorValuesOf('OLDEST', record),
          id: record._id,
        }),
      })),
      hasNextPage: records.length > first,
      countAll,
    };
  }

  /** Replies (not deleted) of each of `parentIds`, in one read. */
  async replyCounts(parentIds: readonly string[]): Promise<number[]> {
    const rows = await this.comments.aggregate<{ _id: Types.ObjectId; count: number }>([
      { $match: { parentId: { $in: validObjectIds(parentIds) }, deleted: false } },
      { $group: { _id: '$parentId', count: { $sum: 1 } } },
    ]);
    const byId = new Map(rows.map((row) => [row._id.toHexString(), row.count]));
    return parentIds.map((id) => byId.get(id) ?? 0);
  }

  private async page(
    filter: Record<string, unknown>,
    order: PageOrder,
    first: number,
    after: string | null | undefined,
  ): Promise<CommentPage> {
    const countAll = () => this.comments.countDocuments(filter).exec();
    if (first === 0 && !after) return { comments: [], hasNextPage: false, countAll };
    const paged = after
      ? { $and: [filter, afterCursorFilter(decodeCommentCursor(after, order))] }
      : filter;
    const found = await this.comments
      .find(paged)
      .sort(sortOf(order))
      .limit(first + 1)
      .lean<CommentRecord[]>();
    return {
      comments: found.slice(0, first).map((record) => ({
        record,
        cursor: encodeCommentCursor({
          order,
          values: cursorValuesOf(order, record),
          id: record._id,
        }),
      })),
      hasNextPage: found.length > first,
      countAll,
    };
  }
}

const UNDER_MODERATION =
  'This comment was reported or hidden and is waiting for a moderator; it cannot be edited until then';

/** Reported since the last review, or hidden: its text must stay what the reporters saw. */
function underModeration(comment: CommentRecord): boolean {
  return comment.hidden || comment.openReportCount > 0;
}

/** A hidden comment takes replies, likes and reports only from its author and moderators. */
function mayInteractWith(comment: CommentRecord, viewer: Viewer): boolean {
  return !comment.hidden || viewer.moderator || comment.authorId === viewer.userId;
}

/** The id a cursor at a scanned point (not at a comment) carries. */
const SCAN_POINT_ID = new Types.ObjectId('000000000000000000000000');

function sortRuns(records: CommentRecord[], newest: boolean): CommentRecord[] {
  return records.sort((a, b) => (newest ? b.seq! - a.seq! : a.seq! - b.seq!));
}

/** A cursor of this target's list: no position past its last comment (or the song's end). */
function validateListCursor(cursor: CommentCursor, order: PageOrder, target: TargetRecord): void {
  const beyondEnd =
    order === 'TIMELINE'
      ? cursor.values.length !== 2 || cursor.values[0]! > (target.durationMs ?? 0)
      : cursor.values.length !== 1 || cursor.values[0]! > (target.lastSeq ?? 0);
  if (beyondEnd)
    throw new BadUserInputError(
      'after',
      'Not a position in this list; pass an endCursor or edge cursor you were given',
    );
}

/** The count change a comment write causes, recorded with it (applied by CommentCountWriter). */
export function countChange(
  comment: Pick<CommentRecord, '_id'>,
  nextVersion: number,
  kind: PendingCountChange['kind'],
  delta: number,
): PendingCountChange {
  return { changeId: `${comment._id.toHexString()}:${nextVersion}`, kind, delta, at: new Date() };
}

/** Comment writes carry no events themselves: their target's count write does. */
const NO_EVENTS = { recorded() {} };

export function requireSignedIn(viewer: Viewer): string {
  if (!viewer.userId) throw new UnauthenticatedError('Sign in to comment');
  return viewer.userId;
}

function validateMoment(atMs: number, target: TargetRecord, isReply: boolean): void {
  if (isReply)
    throw new BadUserInputError('atMs', 'A reply takes the moment of its thread; leave atMs out');
  if (target.type !== 'SONG')
    throw new BadUserInputError('atMs', 'Only song comments can be pinned to a moment');
  if (target.durationMs === null)
    throw new BadUserInputError('atMs', "This song's length is not known yet");
  if (!Number.isInteger(atMs) || atMs < 0 || atMs > target.durationMs)
    throw new BadUserInputError(
      'atMs',
      `atMs must be between 0 and the song's length (${Math.floor(target.durationMs)} ms)`,
    );
}
