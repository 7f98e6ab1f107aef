import type { Model, QueryFilter } from 'mongoose';
import type { EventEnvelope } from '../event-envelope';
import { appendToOutbox, OUTBOX_FIELD } from './outbox';

/** Tells the outbox relay that events were just recorded, so it publishes now rather than at its next poll. */
export interface OutboxNotifier {
  recorded(): void;
}

/** Until the relay runs (and in tools that write without one): events wait for the relay's first pass. */
export const NO_OUTBOX_NOTIFIER: OutboxNotifier = { recorded() {} };

/**
 * The aggregate's version counter: the field it is stored in and its value on a document (a
 * document written before the field existed reads as `of` says). Every write sets it to one more.
 */
export interface AggregateVersionField<TRecord> {
  field: keyof TRecord & string;
  of(record: TRecord): number;
}

/** One write of an aggregate: the fields to set and the events that describe it. */
export interface AggregateChange {
  set: Record<string, unknown>;
  events: readonly EventEnvelope[];
}

/** What `change` returns to write nothing: `reason` is handed back to the caller. */
export interface Declined<TReason> {
  decline: TReason;
}

export type WriteOutcome<TRecord, TReason> =
  | { outcome: 'written'; record: TRecord }
  /** No document matched `filter`. */
  | { outcome: 'missing' }
  /** `change` declined to write. */
  | { outcome: 'declined'; reason: TReason }
  /** Another writer won every attempt (only with `onConflict: 'return'`). */
  | { outcome: 'conflict' };

export interface WriteWithEventsOptions<TRecord, TReason> {
  model: Model<TRecord>;
  /** The document: its `_id` plus any condition the write depends on (e.g. a status). */
  filter: QueryFilter<TRecord>;
  version: AggregateVersionField<TRecord>;
  /**
   * What to write, given the document as it is now and the version the write gives it. Builds its
   * events from what it is handed (pure builders); returns `{ decline }` to write nothing.
   */
  change(
    current: TRecord,
    nextVersion: number,
  ): AggregateChange | Declined<TReason> | Promise<AggregateChange | Declined<TReason>>;
  /** Nudged after a successful write. */
  notifier: OutboxNotifier;
  /** The document as the caller already read it: the first attempt uses it instead of reading. */
  current?: TRecord;
  /** Attempts before giving up (default 5); 1 is a single conditional write, as sweeps do. */
  maxAttempts?: number;
  /** When every attempt lost: `throw` (default) an error naming `subject`, or `return` a conflict. */
  onConflict?: 'throw' | 'return';
  /** For the conflict error, e.g. `song 64a…`. */
  subject: string;
}

export const DEFAULT_MAX_WRITE_ATTEMPTS = 5;

/** Another writer changed the aggregate under every attempt of a write. */
export class ConcurrentWriteError extends Error {
  constructor(subject: string) {
    super(`${subject} kept changing under a write`);
    this.name = 'ConcurrentWriteError';
  }
}

/**
 * The one write path of an event-sourced aggregate (optimistic concurrency + transactional outbox):
 * read the document → build its change and events at the next version → compare-and-set on the
 * version read, setting the next version and appending the events to the document's outbox in the
 * same single-document write → nudge the relay. A lost race reads again and rebuilds, up to
 * `maxAttempts` times. The state and its events land together or not at all.
 */
export async function writeWithEvents<TRecord, TReason = never>(
  options: WriteWithEventsOptions<TRecord, TReason>,
): Promise<WriteOutcome<TRecord, TReason>> {
  const { model, filter, version } = options;
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_WRITE_ATTEMPTS;
  let known = options.current;
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const current = known ?? ((await model.findOne(filter as never).lean()) as TRecord | null);
    known = undefined;
    if (!current) return { outcome: 'missing' };
    const stored = (current as Record<string, unknown>)[version.field];
    const nextVersion = version.of(current) + 1;
    const change = await options.change(current, nextVersion);
    if ('decline' in change) return { outcome: 'declined', reason: change.decline };
    const written = (await model
      .findOneAndUpdate(
        { $and: [filter, { [version.field]: stored ?? null }] } as never,
        {
          $set: { ...change.set, [version.field]: nextVersion },
          ...appendToOutbox(change.events),
        } as never,
        { returnDocument: 'after' },
      )
      .lean()) as TRecord | null;
    if (written) {
      options.notifier.recorded();
      return { outcome: 'written', record: written };
    }
    // Someone else wrote the document in between: build the change again on what is there now.
  }
  if (options.onConflict === 'return') return { outcome: 'conflict' };
  throw new ConcurrentWriteError(options.subject);
}

/**
 * A new aggregate and its first events in one insert (the outbox's other write), then the nudge.
 * `record` carries its initial version field.
 */
export async function insertWithEvents<TRecord>(
  model: Model<TRecord>,
  record: Record<string, unknown>,
  events: readonly EventEnvelope[],
  notifier: OutboxNotifier,
): Promise<TRecord> {
  const created: unknown = await model.create({ ...record, [OUTBOX_FIELD]: [...events] } as never);
  notifier.recorded();
  return (created as { toObject(): TRecord }).toObject();
}
