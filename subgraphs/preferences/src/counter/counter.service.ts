import { writeWithEvents, type EventEnvelope, type OutboxNotifier } from '@groovy/common/events';
import {
  COUNTER_VERSION,
  type CounterModel,
  type CounterName,
  type CounterRecord,
} from './counter.model';

/** A counter's value after a change, and that value's version (the events' `countVersion`). */
export interface CountSnapshot {
  count: number;
  countVersion: number;
  /** The subject's counters right after the write that applied the change (absent if none was needed). */
  counter?: CounterCounts;
}

/** One change of one count: its id (for exactly-once), +1 or −1, and the event announcing the result. */
export interface CounterChange {
  opId: string;
  delta: 1 | -1;
  event(snapshot: CountSnapshot): EventEnvelope;
}

interface Queued {
  counter: CounterName;
  change: CounterChange;
  resolve(snapshot: CountSnapshot): void;
  reject(error: unknown): void;
}

/** Changes folded into one write at most (one compare-and-set, one event each). */
const MAX_BATCH = 500;
/** A write that keeps losing to other processes gives up after this many attempts (the op stays pending). */
const MAX_ATTEMPTS = 100;

/** A counter as read for fields (without its outbox and applied ids). */
export type CounterCounts = Omit<CounterRecord, '_outbox' | 'appliedOps'>;

export const subjectKey = (kind: 'song' | 'artist' | 'user', id: string) => `${kind}:${id}`;

/**
 * Exact counts under concurrency. Changes of one subject queue up in this process and are written
 * together: one compare-and-set on the counter document sets the new counts, their versions, the
 * applied change ids and one event per change, each event carrying the count right after its
 * change. Other processes writing the same subject make the compare-and-set retry. A change whose
 * id the counter already applied is skipped (its snapshot is the current one).
 */
export interface CounterServiceOptions {
  /** Where the time is read (the module's clock). */
  now?: () => Date;
  /**
   * How long a settled change id stays in `appliedOps` after its marker was dropped: a repair
   * (another instance's, or an overlapping run) may have read the marker just before it was
   * dropped and apply it later; the id must still be there then. Longer than any repair pass.
   */
  settledGraceMs?: number;
}

/**
 * Default `settledGraceMs`. A repair reads each marker again right before applying it, so it holds
 * a marker it read for one counter write (seconds at worst); a minute keeps hot subjects' `appliedOps`
 * short (one minute of their changes) while covering that.
 */
export const SETTLED_GRACE_MS = 60_000;

export class CounterService {
  private readonly queues = new Map<string, Queued[]>();
  /**
   * Per subject: applied change ids whose callers dropped their pending marker (see `settled`),
   * with when (ms).
   */
  private readonly settledOps = new Map<string, Map<string, number>>();
  private readonly now: () => Date;
  private readonly settledGraceMs: number;

  constructor(
    private readonly counters: CounterModel,
    private readonly outbox: OutboxNotifier,
    options: CounterServiceOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.settledGraceMs = options.settledGraceMs ?? SETTLED_GRACE_MS;
  }

  apply(subject: string, counter: CounterName, change: CounterChange): Promise<CountSnapshot> {
    return new Promise((resolve, reject) => {
      const queue = this.queues.get(subject);
      const queued = { counter, change, resolve, reject };
      if (queue) queue.push(queued);
      else {
        this.queues.set(subject, [queued]);
        void this.drain(subject);
      }
    });
  }

  /**
   * The caller dropped its pending marker of this applied change, so no repair reading markers
   * from now on can apply it again. A repair that read the marker just before (another instance's,
   * or an overlapping run) still may: the id stays for `settledGraceMs`, then is forgotten with the
   * subject's next write, or by `forgetSettled`. A counter therefore remembers the changes that
   * may still be retried, however many changes it gets meanwhile (ids of a process that stopped in
   * between stay: harmless).
   */
  settled(subject: string, opId: string, at = this.now().getTime()): void {
    const ops = this.settledOps.get(subject);
    if (ops) ops.set(opId, at);
    else this.settledOps.set(subject, new Map([[opId, at]]));
  }

  /**
   * Takes out of memory the settled ids of `subject` that are past the grace period (a repair that
   * read their marker before it was dropped has applied it, or been refused, by then).
   */
  private takeMatured(subject: string): Map<string, number> | undefined {
    const ops = this.settledOps.get(subject);
    if (!ops) return undefined;
    const cutoff = this.now().getTime() - this.settledGraceMs;
    const matured = new Map([...ops].filter(([, at]) => at <= cutoff));
    for (const opId of matured.keys()) ops.delete(opId);
    if (ops.size === 0) this.settledOps.delete(subject);
    return matured.size > 0 ? matured : undefined;
  }

  /** Forgets the matured settled ids of subjects no write has carried them to (background, periodic). */
  async forgetSettled(): Promise<number> {
    const settled = [...this.settledOps.keys()]
      .map((subject) => [subject, this.takeMatured(subject)] as const)
      .filter((entry): entry is readonly [string, Map<string, number>] => entry[1] !== undefined);
    if (settled.length === 0) return 0;
    await this.counters
      .bulkWrite(
        settled.map(([subject, ops]) => ({
          updateOne: {
            filter: { _id: subject },
            update: { $pull: { appliedOps: { $in: [...ops.keys()] } } },
          },
        })),
        { ordered: false },
      )
      .catch((error: unknown) => {
        for (const [subject, ops] of settled) this.settleAgain(subject, ops);
        throw error;
      });
    return settled.reduce((sum, [, ops]) => sum + ops.size, 0);
  }

  /** The counters of these subjects (missing ones read as zero). */
  async find(subjects: readonly string[]): Promise<Map<string, CounterCounts>> {
    const found = await this.counters
      .find({ _id: { $in: [...subjects] } }, { _outbox: 0, appliedOps: 0 })
      .lean()
      .exec();
    return new Map(found.map((counter) => [counter._id, counter]));
  }

  private async drain(subject: string): Promise<void> {
    const queue = this.queues.get(subject)!;
    while (queue.length > 0) {
      const batch = queue.splice(0, MAX_BATCH);
      try {
        const snapshots = await this.write(subject, batch);
        batch.forEach((queued, index) => queued.resolve(snapshots[index]!));
      } catch (error) {
        for (const queued of batch) queued.reject(error);
      }
    }
    this.queues.delete(subject);
  }

  private async write(subject: string, batch: Queued[]): Promise<CountSnapshot[]> {
    // One read: the compare-and-set starts from it (a missing counter is created first).
    const existing = await this.counters.findById(subject).lean<CounterRecord>().exec();
    if (!existing) await this.create(subject);
    let snapshots: CountSnapshot[] = [];
    const forgetting = this.takeMatured(subject);
    const written = await writeWithEvents({
      model: this.counters,
      filter: { _id: subject },
      ...(existing ? { current: existing } : {}),
      version: COUNTER_VERSION,
      notifier: this.outbox,
      maxAttempts: MAX_ATTEMPTS,
      subject: `counter ${subject}`,
      change: (current) => {
        const values: Record<string, number> = {};
        const applied = new Set(current.appliedOps ?? []);
        const events: EventEnvelope[] = [];
        const newOps: string[] = [];
        snapshots = batch.map(({ counter, change }) => {
          const versionField = `${counter}Version`;
          values[counter] ??= current[counter] ?? 0;
          values[versionField] ??= (current[versionField as keyof CounterRecord] as number) ?? 0;
          if (!applied.has(change.opId)) {
            applied.add(change.opId);
            newOps.push(change.opId);
            values[counter] += change.delta;
            values[versionField] += 1;
            const snapshot = {
              count: Math.max(0, values[counter]),
              countVersion: values[versionField],
            };
            events.push(change.event(snapshot));
            return snapshot;
          }
          return { count: Math.max(0, values[counter]), countVersion: values[versionField] };
        });
        if (newOps.length === 0) return { decline: 'applied' as const };
        const kept = (current.appliedOps ?? []).filter((opId) => !forgetting?.has(opId));
        return {
          set: { ...values, appliedOps: [...kept, ...newOps] },
          events,
        };
      },
    }).catch((error: unknown) => {
      this.settleAgain(subject, forgetting);
      throw error;
    });
    if (written.outcome !== 'written') {
      this.settleAgain(subject, forgetting);
      return snapshots;
    }
    const { _outbox: _events, appliedOps: _ops, ...counts } = written.record as CounterRecord;
    return snapshots.map((snapshot) => ({ ...snapshot, counter: counts }));
  }

  private async create(subject: string): Promise<void> {
    await this.counters
      .create({
        _id: subject,
        likeCount: 0,
        likeCountVersion: 0,
        playCount: 0,
        playCountVersion: 0,
        followerCount: 0,
        followerCountVersion: 0,
        appliedOps: [],
        version: 0,
        _outbox: [],
      })
      .catch((error: { code?: number }) => {
        if (error.code !== 11000) throw error; // created meanwhile by another request
      });
  }

  private settleAgain(subject: string, opIds: Map<string, number> | undefined): void {
    for (const [opId, at] of opIds ?? []) this.settled(subject, opId, at);
  }
}
