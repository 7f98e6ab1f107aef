import { randomUUID } from 'node:crypto';
import type { Collection, Db } from 'mongodb';
import type { Logger } from 'pino';
import { parseEvent, InvalidEventError } from '../event-catalogue';
import type { EventEnvelope } from '../event-envelope';
import type { EventBus, SubscribeOptions, Subscription } from '../event-bus';

interface StoredEvent {
  _id: string;
  seq: number;
  envelope: EventEnvelope;
  publishedAt: Date;
}

interface Checkpoint {
  _id: string;
  seq: number;
  leaseOwner: string | null;
  leaseExpiresAt: Date;
}

export interface DeadLetter {
  _id: string;
  consumer: string;
  event: unknown;
  error: string;
  attempts: number;
  failedAt: Date;
}

export interface EmbeddedEventBusOptions {
  /** The bus's own database (e.g. `groovy_events`), shared by every service as their broker. */
  db: Db;
  logger: Logger;
  /** How often an idle consumer looks for new events (ms). */
  pollIntervalMs?: number;
  /** How long a consumer waits for a missing sequence number before skipping it (ms). */
  gapTimeoutMs?: number;
  /** Consumer lease: one instance of a consumer processes at a time; others take over after this (ms). */
  leaseMs?: number;
  /** First retry delay of a failing handler; doubles per attempt (ms). */
  retryDelayMs?: number;
}

/**
 * The embedded transport: an append-only event log in MongoDB with a sequence number per event,
 * one checkpoint per consumer, and a lease so only one instance of a consumer works at a time.
 * Works across processes with no extra server. Events are delivered in log order per aggregate (one
 * at a time, or up to `concurrency` aggregates at once); a failing handler is retried with backoff,
 * then dead-lettered. The lease is renewed while handlers run, however long they take.
 *
 * Sequence numbers are taken before the insert, so a publisher that dies in between leaves a gap;
 * a consumer that meets a gap waits `gapTimeoutMs` for the late insert before moving past it.
 */
export class EmbeddedEventBus implements EventBus {
  readonly kind = 'embedded' as const;
  private readonly events: Collection<StoredEvent>;
  private readonly checkpoints: Collection<Checkpoint>;
  private readonly deadLetters: Collection<DeadLetter>;
  private readonly subscriptions = new Set<EmbeddedSubscription>();
  private indexesReady: Promise<void> | undefined;

  constructor(private readonly options: EmbeddedEventBusOptions) {
    this.events = options.db.collection<StoredEvent>('events');
    this.checkpoints = options.db.collection<Checkpoint>('consumer_checkpoints');
    this.deadLetters = options.db.collection<DeadLetter>('dead_letters');
  }

  private ensureIndexes(): Promise<void> {
    this.indexesReady ??= this.events.createIndex({ seq: 1 }, { unique: true }).then(() => undefined);
    return this.indexesReady;
  }

  async publish(events: readonly EventEnvelope[]): Promise<void> {
    if (events.length === 0) return;
    for (const event of events) parseEvent(event);
    await this.ensureIndexes();
    // Already-published ids (a relay retrying) are not given new sequence numbers.
    const known = new Set(
      (await this.events.find({ _id: { $in: events.map((e) => e.id) } }, { projection: { _id: 1 } }).toArray()).map(
        (doc) => doc._id,
      ),
    );
    const fresh = events.filter((event, index) => !known.has(event.id) && events.findIndex((e) => e.id === event.id) === index);
    if (fresh.length === 0) return;
    const counter = await this.options.db
      .collection<{ _id: string; value: number }>('sequences')
      .findOneAndUpdate({ _id: 'events' }, { $inc: { value: fresh.length } }, { upsert: true, returnDocument: 'after' });
    const last = counter!.value;
    const publishedAt = new Date();
    const docs = fresh.map((envelope, index) => ({
      _id: envelope.id,
      seq: last - fresh.length + 1 + index,
      envelope,
      publishedAt,
    }));
    try {
      await this.events.insertMany(docs, { ordered: false });
    } catch (error) {
      // A concurrent publish of the same event id won: that copy is the one delivered.
      const writeErrors = (error as { writeErrors?: Array<{ code: number }> }).writeErrors;
      if (!writeErrors || writeErrors.some((e) => e.code !== 11000)) throw error;
    }
    for (const subscription of this.subscriptions) subscription.wake();
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    await this.ensureIndexes();
    const subscription = new EmbeddedSubscription(options, {
      events: this.events,
      checkpoints: this.checkpoints,
      deadLetters: this.deadLetters,
      logger: this.options.logger.child({ consumer: options.consumer }),
      pollIntervalMs: this.options.pollIntervalMs ?? 50,
      gapTimeoutMs: this.options.gapTimeoutMs ?? 2_000,
      leaseMs: this.options.leaseMs ?? 10_000,
      retryDelayMs: this.options.retryDelayMs ?? 100,
      onStop: () => this.subscriptions.delete(subscription),
    });
    this.subscriptions.add(subscription);
    subscription.start();
    return subscription;
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
  }

  /** Dead letters of a consumer, newest first (for operators and tests). */
  listDeadLetters(consumer: string): Promise<DeadLetter[]> {
    return this.deadLetters.find({ consumer }).sort({ failedAt: -1 }).toArray();
  }
}

interface SubscriptionDependencies {
  events: Collection<StoredEvent>;
  checkpoints: Collection<Checkpoint>;
  deadLetters: Collection<DeadLetter>;
  logger: Logger;
  pollIntervalMs: number;
  gapTimeoutMs: number;
  leaseMs: number;
  retryDelayMs: number;
  onStop(): void;
}

type DeliveryOutcome = 'handled' | 'dead-lettered' | 'abandoned';

/** How long finished deliveries wait to share one checkpoint write. */
const COMMIT_DELAY_MS = 10;

/** Events a subscriber reads ahead of its lanes (waiting behind an earlier event of their aggregate). */
const MAX_LOOKAHEAD = 100;

/** The ordering key of a stored event: its aggregate (a malformed one is its own). */
function aggregateOf(stored: StoredEvent): string {
  return typeof stored.envelope?.aggregateId === 'string' ? stored.envelope.aggregateId : `#${stored._id}`;
}

/** Whether `promise` settles within `ms` (no timer is left behind either way). */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), Math.max(0, ms));
  });
  try {
    return await Promise.race([promise.then(() => true as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * One subscriber of a consumer. Its loop holds the consumer's lease (renewing it on every turn, at
 * least every `leaseMs / 3`, whatever the handlers are doing, and after `stop()` while it waits for
 * the running handlers, so a handler that runs longer than the lease keeps it), reads the log after
 * the checkpoint and hands events to the handler on at most `concurrency` lanes, one lane per
 * aggregate in flight: different aggregates run side by side, the events of one aggregate one after
 * the other, in log order. The checkpoint moves to the
 * highest sequence number below which every event was handled (or dead-lettered), so a crash
 * redelivers the events that were not finished (and, at least once, finished ones after them).
 */
class EmbeddedSubscription implements Subscription {
  private readonly owner = randomUUID();
  private readonly concurrency: number;
  private stopped = false;
  private loop: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  private gapSince: { seq: number; at: number } | undefined;
  /** Whether this instance held the consumer's lease at its last renewal. */
  private holding = false;
  /** The next sequence number to read (meaningful while holding). */
  private nextSeq = 1;
  /** The checkpoint as last saved by this instance. */
  private committed = 0;
  /** Events handed to the handler and not finished, by sequence number (ascending): their aggregate. */
  private readonly inFlight = new Map<number, string>();
  /** The lanes: per aggregate in flight, its last event; the next event of that aggregate starts after it. */
  private readonly tails = new Map<string, Promise<void>>();
  /** The lowest event given up at shutdown (its handler failed while stopping): the checkpoint stays below it. */
  private abandonedFrom: number | undefined;
  private commits: Promise<void> = Promise.resolve();
  /** Read from the log and not handed out yet (waiting for a lane), in sequence order. */
  private buffer: StoredEvent[] = [];
  /** When this instance last renewed (or took) the lease. */
  private leaseRenewedAt = 0;
  /** A checkpoint write is scheduled (finished deliveries are saved together). */
  private commitTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly options: SubscribeOptions,
    private readonly deps: SubscriptionDependencies,
  ) {
    this.concurrency = Math.max(1, Math.floor(options.concurrency ?? 1));
  }

  start(): void {
    this.loop = this.run();
  }

  wake(): void {
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.loop;
    await this.deps.checkpoints
      .updateOne({ _id: this.options.consumer, leaseOwner: this.owner }, { $set: { leaseOwner: null, leaseExpiresAt: new Date(0) } })
      .catch(() => undefined);
    this.deps.onStop();
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      let progressed = false;
      try {
        progressed = await this.step();
      } catch (error) {
        if (!this.stopped) this.deps.logger.error({ err: error }, 'event consumer loop failed; retrying');
      }
      if (!progressed && !this.stopped) await this.idle();
    }
    // Stopping: no new deliveries; let the running ones finish, then save how far they got.
    await this.drain();
    if (this.commitTimer) clearTimeout(this.commitTimer);
    this.commitTimer = undefined;
    await this.commit();
  }

  /**
   * Renews (or takes) the lease when due and hands out what fits; true when something was handed
   * out. The log is read 100 events at a time into a buffer that later turns drain first, so an
   * event waiting for a free lane costs no read and no lease write.
   */
  private async step(): Promise<boolean> {
    // Deliveries left over from a lease this instance lost: let them end before taking it again.
    if (!this.holding && this.inFlight.size > 0) return false;
    if (!this.holding || Date.now() - this.leaseRenewedAt >= this.deps.leaseMs / 3) {
      const renewing = Date.now();
      const checkpoint = await this.acquireLease();
      if (!checkpoint) {
        this.holding = false;
        this.buffer = [];
        return false;
      }
      this.leaseRenewedAt = renewing;
      if (!this.holding) {
        this.holding = true;
        this.nextSeq = checkpoint.seq + 1;
        this.committed = checkpoint.seq;
        this.gapSince = undefined;
        this.abandonedFrom = undefined;
        this.buffer = [];
      }
    }
    if (this.inFlight.size >= MAX_LOOKAHEAD || this.stopped) return false;
    if (!this.buffer.length) {
      this.buffer = await this.deps.events.find({ seq: { $gte: this.nextSeq } }).sort({ seq: 1 }).limit(100).toArray();
    }
    let progressed = false;
    while (this.buffer.length) {
      const stored = this.buffer[0]!;
      if (this.stopped || !this.holding || this.inFlight.size >= MAX_LOOKAHEAD) break;
      if (stored.seq !== this.nextSeq) {
        if (!this.gapPassed(this.nextSeq)) {
          this.buffer = []; // read again: the missing event may still arrive
          break;
        }
        this.deps.logger.warn({ missing: this.nextSeq, next: stored.seq }, 'skipping a sequence gap (a publisher died before inserting)');
      }
      const subscribed = this.options.types.includes(stored.envelope?.type);
      // A new aggregate needs a free lane; one already in flight queues behind its previous event.
      if (subscribed && !this.tails.has(aggregateOf(stored)) && this.tails.size >= this.concurrency) break;
      this.buffer.shift();
      this.gapSince = undefined;
      this.nextSeq = stored.seq + 1;
      progressed = true;
      if (subscribed) this.dispatch(stored);
    }
    if (progressed && this.inFlight.size === 0) void this.commit();
    return progressed;
  }

  /** Starts the delivery of `stored` once the previous event of its aggregate is finished. */
  private dispatch(stored: StoredEvent): void {
    const aggregate = aggregateOf(stored);
    this.inFlight.set(stored.seq, aggregate);
    const previous = this.tails.get(aggregate) ?? Promise.resolve();
    const done: Promise<void> = previous
      .then(() => this.deliver(stored))
      .catch((error: unknown): DeliveryOutcome => {
        this.deps.logger.error({ err: error, eventId: stored._id }, 'event delivery failed; it will be redelivered');
        return 'abandoned';
      })
      .then((outcome) => {
        this.inFlight.delete(stored.seq);
        if (this.tails.get(aggregate) === done) this.tails.delete(aggregate);
        if (outcome === 'abandoned') {
          this.abandonedFrom = Math.min(this.abandonedFrom ?? stored.seq, stored.seq);
          // Not stopping (e.g. the dead-letter write failed): once the rest is done, start again
          // from the checkpoint, which stays below this event, so it is delivered again.
          if (!this.stopped) this.holding = false;
        }
        this.scheduleCommit();
        this.wake();
      });
    this.tails.set(aggregate, done);
  }

  /** Every sequence number up to this one is finished: handled, dead-lettered or not subscribed. */
  private watermark(): number {
    let mark = this.nextSeq - 1;
    const lowestInFlight = this.inFlight.keys().next();
    if (!lowestInFlight.done) mark = Math.min(mark, lowestInFlight.value - 1);
    if (this.abandonedFrom !== undefined) mark = Math.min(mark, this.abandonedFrom - 1);
    return mark;
  }

  /** Saves the checkpoint soon: deliveries finishing within a few milliseconds share one write. */
  private scheduleCommit(): void {
    if (this.commitTimer) return;
    this.commitTimer = setTimeout(() => {
      this.commitTimer = undefined;
      void this.commit();
    }, COMMIT_DELAY_MS);
  }

  /** Saves the watermark as the checkpoint (one write at a time; only while holding the lease). */
  private commit(): Promise<void> {
    this.commits = this.commits.then(async () => {
      const mark = this.watermark();
      if (!this.holding || mark <= this.committed) return;
      try {
        const saved = await this.deps.checkpoints.updateOne(
          { _id: this.options.consumer, leaseOwner: this.owner },
          { $set: { seq: mark } },
        );
        if (saved.matchedCount === 0) {
          // Lost the lease: another instance carries on from the last saved checkpoint.
          this.holding = false;
          return;
        }
        this.committed = mark;
      } catch (error) {
        this.deps.logger.warn({ err: error }, 'could not save the checkpoint; will retry');
      }
    });
    return this.commits;
  }

  /**
   * Waits for the running deliveries to end, renewing the lease at least every `leaseMs / 3`
   * meanwhile (the loop that otherwise renews it has ended): a handler that outlives the lease must
   * not let another instance take the consumer over and deliver its event again.
   */
  private async drain(): Promise<void> {
    const interval = this.deps.leaseMs / 3;
    let nextRenewal = this.leaseRenewedAt + interval;
    while (this.tails.size > 0) {
      const running = Promise.all([...this.tails.values()]);
      if (!this.holding) {
        // Lost the lease: nothing to keep, and the checkpoint will not be written.
        await running;
        continue;
      }
      if (!(await settlesWithin(running, nextRenewal - Date.now()))) {
        // A failed renewal is tried again after `leaseMs / 9`, well before the lease runs out.
        nextRenewal = (await this.renewLease()) ? this.leaseRenewedAt + interval : Date.now() + interval / 3;
      }
    }
  }

  /**
   * Extends the lease this instance holds; false when the write failed (try again). It never takes
   * the lease: while stopping, a lease lost to another instance stays lost.
   */
  private async renewLease(): Promise<boolean> {
    const renewing = Date.now();
    try {
      const renewed = await this.deps.checkpoints.updateOne(
        { _id: this.options.consumer, leaseOwner: this.owner },
        { $set: { leaseExpiresAt: new Date(renewing + this.deps.leaseMs) } },
      );
      if (renewed.matchedCount === 0) {
        this.holding = false;
        this.deps.logger.warn('lost the consumer lease while stopping; unfinished events will be delivered again');
      } else {
        this.leaseRenewedAt = renewing;
      }
      return true;
    } catch (error) {
      this.deps.logger.warn({ err: error }, 'could not renew the consumer lease while stopping; retrying');
      return false;
    }
  }

  private idle(): Promise<void> {
    return new Promise((resolve) => {
      // Never longer than a third of the lease: each turn of the loop renews it.
      const timer = setTimeout(done, Math.min(this.deps.pollIntervalMs, Math.max(1, Math.floor(this.deps.leaseMs / 3))));
      const wake = () => done();
      this.wakeUp = wake;
      function done() {
        clearTimeout(timer);
        resolve();
      }
    });
  }

  /** The checkpoint when this instance holds (or just took) the consumer's lease; null otherwise. */
  private async acquireLease(): Promise<Checkpoint | null> {
    const now = new Date();
    try {
      return await this.deps.checkpoints.findOneAndUpdate(
        {
          _id: this.options.consumer,
          $or: [{ leaseOwner: this.owner }, { leaseOwner: null }, { leaseExpiresAt: { $lt: now } }],
        },
        {
          $set: { leaseOwner: this.owner, leaseExpiresAt: new Date(now.getTime() + this.deps.leaseMs) },
          $setOnInsert: { seq: 0 },
        },
        { upsert: true, returnDocument: 'after' },
      );
    } catch (error) {
      if ((error as { code?: number }).code === 11000) return null; // another instance holds it
      throw error;
    }
  }

  private gapPassed(seq: number): boolean {
    const now = Date.now();
    if (!this.gapSince || this.gapSince.seq !== seq) this.gapSince = { seq, at: now };
    return now - this.gapSince.at >= this.deps.gapTimeoutMs;
  }

  /**
   * Runs the handler, retrying with backoff; dead-letters after `maxAttempts`. A failure while the
   * subscription is stopping is not retried nor dead-lettered: the event stays unacknowledged and is
   * delivered again after a restart.
   */
  private async deliver(stored: StoredEvent): Promise<DeliveryOutcome> {
    if (this.stopped) return 'abandoned'; // waited behind its aggregate until the stop
    let event: EventEnvelope;
    try {
      event = parseEvent(stored.envelope);
    } catch (error) {
      await this.deadLetter(stored, error, 0);
      return 'dead-lettered';
    }
    const maxAttempts = this.options.maxAttempts ?? 5;
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.options.handler(event);
        return 'handled';
      } catch (error) {
        if (error instanceof InvalidEventError || (attempt >= maxAttempts && !this.stopped)) {
          await this.deadLetter(stored, error, attempt);
          return 'dead-lettered';
        }
        if (this.stopped) {
          this.deps.logger.warn({ err: error, eventId: event.id, attempt }, 'event handler failed while stopping; left for redelivery');
          return 'abandoned';
        }
        this.deps.logger.warn({ err: error, eventId: event.id, attempt }, 'event handler failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, this.deps.retryDelayMs * 2 ** (attempt - 1)));
        if (this.stopped) return 'abandoned';
      }
    }
  }

  private async deadLetter(stored: StoredEvent, error: unknown, attempts: number): Promise<void> {
    this.deps.logger.error(
      { err: error, eventId: stored._id, type: stored.envelope.type, attempts },
      'event dead-lettered',
    );
    await this.deps.deadLetters.updateOne(
      { _id: `${this.options.consumer}:${stored._id}` },
      {
        $set: {
          consumer: this.options.consumer,
          event: stored.envelope,
          error: error instanceof Error ? error.message : String(error),
          attempts,
          failedAt: new Date(),
        },
      },
      { upsert: true },
    );
  }
}
