import { ConflictError } from '@groovy/common/errors';
import type { EventEnvelope } from '@groovy/common/events';
import { Types } from 'mongoose';
import type { CounterName } from '../counter/counter.model';
import type { CounterCounts, CounterService, CountSnapshot } from '../counter/counter.service';
import { afterPosition, type Position } from '../paging/page';
import type { PendingCount, ToggleModel, ToggleRecord } from './toggle.model';

/** How a kind of toggle counts: whose counter, which count, and the event each switch publishes. */
export interface ToggleCounting {
  subject(targetId: string): string;
  counter: CounterName;
  event(
    on: boolean,
    toggle: { userId: string; targetId: string; at: Date; version: number },
    snapshot: CountSnapshot,
  ): EventEnvelope;
}

export interface ToggleOutcome {
  /** False when it already was in that state (idempotent: nothing written, nothing published). */
  changed: boolean;
  /** The target's counters right after this change was counted (to answer without reading them). */
  counter?: CounterCounts;
}

const MAX_SWITCH_ATTEMPTS = 25;

function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: number }).code === 11000;
}

/**
 * On/off relations with exact counts: likes and follows. A switch is a compare-and-set on the
 * toggle's version that also records the pending count change; the subject's counter then applies
 * it (exactly once, by op id) with its event; then the pending change is dropped. A process that
 * dies in between leaves the pending change, which `repairPending` applies later.
 */
export class ToggleService {
  constructor(
    private readonly toggles: ToggleModel,
    private readonly counters: CounterService,
    private readonly counting: ToggleCounting,
  ) {}

  async ensureIndexes(): Promise<void> {
    await this.toggles.syncIndexes();
  }

  async set(userId: string, targetId: string, on: boolean): Promise<ToggleOutcome> {
    const id = `${userId}:${targetId}`;
    for (let attempt = 0; attempt < MAX_SWITCH_ATTEMPTS; attempt++) {
      const current = await this.toggles.findById(id, { pendingCounts: 0 }).lean().exec();
      if ((current?.on ?? false) === on) return { changed: false };
      const at = new Date();
      const version = (current?.version ?? 0) + 1;
      const pending: PendingCount = {
        opId: new Types.ObjectId().toHexString(),
        delta: on ? 1 : -1,
        at,
        version,
      };
      if (!current) {
        try {
          await this.toggles.create({
            _id: id,
            userId,
            targetId,
            on,
            at,
            version,
            pendingCounts: [pending],
          });
        } catch (error) {
          if (isDuplicateKey(error)) continue;
          throw error;
        }
      } else {
        const switched = await this.toggles
          .updateOne(
            { _id: id, version: current.version },
            { $set: { on, at, version }, $push: { pendingCounts: pending } },
          )
          .exec();
        if (switched.matchedCount === 0) continue;
      }
      const snapshot = await this.applyPending({ _id: id, userId, targetId }, pending);
      return snapshot.counter ? { changed: true, counter: snapshot.counter } : { changed: true };
    }
    throw new ConflictError('This changed under too many concurrent requests; try again');
  }

  /** Applies pending count changes older than `olderThan` (left by a process that stopped mid-switch). */
  async repairPending(olderThan: Date): Promise<number> {
    const stuck = await this.toggles
      .find({ pendingCounts: { $elemMatch: { at: { $lt: olderThan } } } })
      .limit(1000)
      .lean()
      .exec();
    let repaired = 0;
    for (const toggle of stuck) {
      for (const pending of toggle.pendingCounts) {
        if (pending.at >= olderThan) continue;
        // Still pending? (Its switch, or another instance's repair, may have finished it since the
        // read above: the counter forgets settled op ids after a grace period, so read it again.)
        const still = await this.toggles
          .exists({ _id: toggle._id, 'pendingCounts.opId': pending.opId })
          .exec();
        if (!still) continue;
        await this.applyPending(toggle, pending);
        repaired += 1;
      }
    }
    return repaired;
  }

  private async applyPending(
    toggle: Pick<ToggleRecord, '_id' | 'userId' | 'targetId'>,
    pending: PendingCount,
  ): Promise<CountSnapshot> {
    const { userId, targetId } = toggle;
    const on = pending.delta > 0;
    const subject = this.counting.subject(targetId);
    const snapshot = await this.counters.apply(subject, this.counting.counter, {
      opId: pending.opId,
      delta: pending.delta,
      event: (snapshot) =>
        this.counting.event(
          on,
          { userId, targetId, at: pending.at, version: pending.version },
          snapshot,
        ),
    });
    await this.toggles
      .updateOne({ _id: toggle._id }, { $pull: { pendingCounts: { opId: pending.opId } } })
      .exec();
    this.counters.settled(subject, pending.opId);
    return snapshot;
  }

  /** Which of `targetIds` the user has switched on. */
  async onAmong(userId: string, targetIds: readonly string[]): Promise<Set<string>> {
    const found = await this.toggles
      .find(
        { _id: { $in: targetIds.map((targetId) => `${userId}:${targetId}`) }, on: true },
        {
          targetId: 1,
        },
      )
      .lean()
      .exec();
    return new Set(found.map((toggle) => toggle.targetId));
  }

  /** A user's switched-on toggles, newest first, from `after`; `limit` of them. */
  list(userId: string, after: Position | null, limit: number): Promise<ToggleRecord[]> {
    return this.toggles
      .find({ userId, on: true, targetDeleted: false, ...afterPosition(after, 'at', '_id') })
      .sort({ at: -1, _id: -1 })
      .limit(limit)
      .lean()
      .exec();
  }

  count(userId: string): Promise<number> {
    return this.toggles.countDocuments({ userId, on: true, targetDeleted: false }).exec();
  }

  /** The target is gone: it leaves every list (its toggles stay, so a replay cannot count them again). */
  async targetDeleted(targetId: string): Promise<void> {
    await this.toggles.updateMany({ targetId }, { $set: { targetDeleted: true } }).exec();
  }

  /** Users switched on for `targetId` after `afterUserId`, in user id order, `limit` of them (fan-out). */
  async usersOn(targetId: string, afterUserId: string | null, limit: number): Promise<string[]> {
    const found = await this.toggles
      .find(
        { targetId, on: true, ...(afterUserId ? { userId: { $gt: afterUserId } } : {}) },
        { userId: 1 },
      )
      .sort({ userId: 1 })
      .limit(limit)
      .lean()
      .exec();
    return found.map((toggle) => toggle.userId);
  }
}
