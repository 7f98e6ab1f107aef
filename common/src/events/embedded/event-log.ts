import type { Collection, Db } from 'mongodb';
import type { EventEnvelope } from '../event-envelope';

/** An event in the log, at its sequence number. */
export interface StoredEvent {
  _id: string;
  seq: number;
  envelope: EventEnvelope;
  publishedAt: Date;
}

/** A closed gap: a sequence number no event will ever take (its publisher died, or lost it to this). */
export interface GapMarker {
  _id: string;
  seq: number;
  gap: true;
  publishedAt: Date;
}

export type LogEntry = StoredEvent | GapMarker;

export function isGapMarker(entry: LogEntry): entry is GapMarker {
  return (entry as GapMarker).gap === true;
}

/** Test seams of the publish path (never set in production). */
export interface EventLogHooks {
  /** Runs after sequence numbers were reserved and before the events are inserted at them. */
  afterReserve?(reserved: { first: number; last: number }): Promise<void>;
}

/** Whether every write error of `error` is a duplicate key (11000). */
export function isDuplicateKeyError(error: unknown): boolean {
  const { code, writeErrors } = error as { code?: number; writeErrors?: unknown };
  const errors =
    writeErrors === undefined ? [] : ([] as Array<{ code?: number }>).concat(writeErrors as never);
  return errors.length > 0 ? errors.every((e) => e.code === 11000) : code === 11000;
}

/** Rounds of "reserve numbers, insert" a publish may take (a round is lost only to a gap marker or a racing publish). */
const MAX_APPEND_ATTEMPTS = 10;

/**
 * The append-only log of the embedded bus: one document per event with a unique, gapless-once-closed
 * sequence number. Publishers reserve numbers (`$inc` on a counter) and then insert at them; a
 * consumer that waited long enough at a missing number closes it with a gap marker. The unique index
 * on `seq` lets exactly one of the two take a number: a publisher that lost its numbers to gap
 * markers (it was paused between reserving and inserting) reserves new ones and inserts again, so
 * its events land ahead of every consumer instead of behind it.
 */
export class EventLog {
  readonly entries: Collection<LogEntry>;
  private readonly sequences: Collection<{ _id: string; value: number }>;
  private indexesReady: Promise<void> | undefined;

  constructor(
    db: Db,
    private readonly hooks: EventLogHooks = {},
  ) {
    this.entries = db.collection<LogEntry>('events');
    this.sequences = db.collection<{ _id: string; value: number }>('sequences');
  }

  ensureIndexes(): Promise<void> {
    this.indexesReady ??= this.entries
      .createIndex({ seq: 1 }, { unique: true })
      .then(() => undefined);
    return this.indexesReady;
  }

  /**
   * Appends the events not in the log yet (by id), in their order, at consecutive fresh sequence
   * numbers. Numbers taken by gap markers meanwhile are given up and the rest inserted again at new
   * ones; numbers this call reserved and did not use are closed at once, so no consumer waits on them.
   */
  async append(events: readonly EventEnvelope[]): Promise<void> {
    await this.ensureIndexes();
    let pending = events.filter(
      (event, index) => events.findIndex((e) => e.id === event.id) === index,
    );
    for (let attempt = 1; pending.length > 0; attempt += 1) {
      if (attempt > MAX_APPEND_ATTEMPTS) {
        throw new Error(
          `could not append ${pending.length} events: their sequence numbers were taken ${MAX_APPEND_ATTEMPTS} times in a row`,
        );
      }
      // Already-published ids (a relay retrying, or an insert of this call that went through) keep their number.
      const ids = pending.map((event) => event.id);
      const known = new Set(
        (await this.entries.find({ _id: { $in: ids } }, { projection: { _id: 1 } }).toArray()).map(
          (doc) => doc._id,
        ),
      );
      pending = pending.filter((event) => !known.has(event.id));
      if (pending.length === 0) return;
      const last = await this.reserve(pending.length);
      const first = last - pending.length + 1;
      await this.hooks.afterReserve?.({ first, last });
      const publishedAt = new Date();
      const docs: StoredEvent[] = pending.map((envelope, index) => ({
        _id: envelope.id,
        seq: first + index,
        envelope,
        publishedAt,
      }));
      try {
        // Ordered: an event is never inserted after a later one of this call failed.
        await this.entries.insertMany(docs, { ordered: true });
        return;
      } catch (error) {
        // A concurrent publish of the same id won (that copy is delivered), or a consumer closed one of
        // these numbers as a gap: give up the unused numbers and insert the rest again.
        if (!isDuplicateKeyError(error)) throw error;
        await this.closeUnused(first, last);
      }
    }
  }

  /**
   * The last sequence number handed out (0 before the first publish): where a subscriber that starts
   * at "now" begins. One document read, whatever the log's size. A publish that reserved its numbers
   * and has not inserted yet counts as before "now".
   */
  async lastSeq(): Promise<number> {
    await this.ensureIndexes();
    const counter = await this.sequences.findOne({ _id: 'events' });
    return counter?.value ?? 0;
  }

  /**
   * Up to `limit` entries from sequence number `from` on, in order (the first one is the first
   * entry at or after `from`). Costs the same whatever the log's size: the counter (one document)
   * says whether anything was handed out at or after `from` — an idle poll stops there — and the
   * entries are looked up by equality on the unique `seq` index (`$in` of the next `limit`
   * numbers; an engine without range scans, like the embedded one, would otherwise scan the whole
   * log on every poll). Only when that window holds nothing although numbers were handed out (a
   * publish between reserving and inserting, or a hole of `limit` or more numbers) does it fall
   * back to a range query.
   */
  async readFrom(from: number, limit: number): Promise<LogEntry[]> {
    if ((await this.lastSeq()) < from) return [];
    const window: number[] = [];
    for (let seq = from; seq < from + limit; seq += 1) window.push(seq);
    const entries = await this.entries
      .find({ seq: { $in: window } })
      .sort({ seq: 1 })
      .toArray();
    if (entries.length > 0) return entries;
    return this.entries
      .find({ seq: { $gte: from } })
      .sort({ seq: 1 })
      .limit(limit)
      .toArray();
  }

  /**
   * Closes the sequence numbers `from`..`to` (the first 1,000 of them) that hold nothing yet with gap markers. A number whose
   * event landed first keeps it; a publisher arriving later loses the number and takes a new one.
   */
  closeGaps(from: number, to: number): Promise<void> {
    const seqs: number[] = [];
    // At most 1,000 at a time (the caller reads again and closes the rest): a bounded write.
    for (let seq = from; seq <= Math.min(to, from + 999); seq += 1) seqs.push(seq);
    return this.close(seqs);
  }

  private async close(seqs: readonly number[]): Promise<void> {
    if (seqs.length === 0) return;
    const publishedAt = new Date();
    const markers: GapMarker[] = seqs.map((seq) => ({
      _id: `gap:${seq}`,
      seq,
      gap: true,
      publishedAt,
    }));
    try {
      await this.entries.insertMany(markers, { ordered: false });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }

  private async reserve(count: number): Promise<number> {
    const counter = await this.sequences.findOneAndUpdate(
      { _id: 'events' },
      { $inc: { value: count } },
      { upsert: true, returnDocument: 'after' },
    );
    return counter!.value;
  }

  private async closeUnused(first: number, last: number): Promise<void> {
    const used = new Set(
      (
        await this.entries
          .find({ seq: { $gte: first, $lte: last } }, { projection: { seq: 1 } })
          .toArray()
      ).map((doc) => doc.seq),
    );
    const unused: number[] = [];
    for (let seq = first; seq <= last; seq += 1) if (!used.has(seq)) unused.push(seq);
    await this.close(unused);
  }
}
