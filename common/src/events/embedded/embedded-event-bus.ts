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
 * Works across processes with no extra server. Events are delivered in log order (hence in order
 * per aggregate); a failing handler is retried with backoff, then dead-lettered.
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

class EmbeddedSubscription implements Subscription {
  private readonly owner = randomUUID();
  private stopped = false;
  private loop: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  private gapSince: { seq: number; at: number } | undefined;

  constructor(
    private readonly options: SubscribeOptions,
    private readonly deps: SubscriptionDependencies,
  ) {}

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
        const checkpoint = await this.acquireLease();
        if (checkpoint) progressed = await this.processBatch(checkpoint.seq);
      } catch (error) {
        if (!this.stopped) this.deps.logger.error({ err: error }, 'event consumer loop failed; retrying');
      }
      if (!progressed && !this.stopped) await this.idle();
    }
  }

  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.deps.pollIntervalMs);
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

  /** Processes events after `seq`; true when the checkpoint moved. */
  private async processBatch(seq: number): Promise<boolean> {
    const batch = await this.deps.events.find({ seq: { $gt: seq } }).sort({ seq: 1 }).limit(100).toArray();
    let expected = seq + 1;
    let moved = false;
    for (const stored of batch) {
      if (this.stopped) break;
      if (stored.seq !== expected) {
        if (!this.gapPassed(expected)) break;
        this.deps.logger.warn({ missing: expected, next: stored.seq }, 'skipping a sequence gap (a publisher died before inserting)');
      }
      this.gapSince = undefined;
      await this.deliver(stored);
      const saved = await this.deps.checkpoints.updateOne(
        { _id: this.options.consumer, leaseOwner: this.owner },
        { $set: { seq: stored.seq } },
      );
      if (saved.matchedCount === 0) return moved; // lost the lease: another instance carries on
      expected = stored.seq + 1;
      moved = true;
    }
    return moved;
  }

  private gapPassed(seq: number): boolean {
    const now = Date.now();
    if (!this.gapSince || this.gapSince.seq !== seq) this.gapSince = { seq, at: now };
    return now - this.gapSince.at >= this.deps.gapTimeoutMs;
  }

  private async deliver(stored: StoredEvent): Promise<void> {
    if (!this.options.types.includes(stored.envelope.type)) return;
    let event: EventEnvelope;
    try {
      event = parseEvent(stored.envelope);
    } catch (error) {
      await this.deadLetter(stored, error, 0);
      return;
    }
    const maxAttempts = this.options.maxAttempts ?? 5;
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.options.handler(event);
        return;
      } catch (error) {
        if (attempt >= maxAttempts || error instanceof InvalidEventError) {
          await this.deadLetter(stored, error, attempt);
          return;
        }
        this.deps.logger.warn({ err: error, eventId: event.id, attempt }, 'event handler failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, this.deps.retryDelayMs * 2 ** (attempt - 1)));
        // Renew the lease so a slow retry is not mistaken for a dead instance.
        await this.acquireLease();
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
