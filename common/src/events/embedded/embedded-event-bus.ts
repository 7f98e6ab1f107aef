import type { Collection, Db } from 'mongodb';
import type { Logger } from 'pino';
import { parseEvent } from '../event-catalogue';
import type { EventEnvelope } from '../event-envelope';
import type { EventBus, SubscribeOptions, Subscription } from '../event-bus';
import type { Checkpoint } from './consumer-lease';
import type { DeadLetter } from './event-delivery';
import { EventLog, type EventLogHooks } from './event-log';
import { EmbeddedSubscription } from './embedded-subscription';
import { InstancePosition } from './instance-position';
import { WakeChannel } from './wake-channel';

export type { DeadLetter } from './event-delivery';

/** The shortest wait of a live subscriber between empty reads, right after events arrived (ms). */
export const LIVE_BUSY_POLL_INTERVAL_MS = 5;

export interface EmbeddedEventBusOptions {
  /** The bus's own database (e.g. `groovy_events`), shared by every service as their broker. */
  db: Db;
  logger: Logger;
  /** How often an idle consumer looks for new events (ms). */
  pollIntervalMs?: number;
  /**
   * How often an idle live subscriber (`subscribe({ live: true })`) looks for new events (ms,
   * default 20): events published by another process reach it within about this long (the engine
   * has no change streams or tailable cursors to wait on); events published through this bus wake
   * it at once. A live subscriber that just found events reads again at once, then polls after
   * LIVE_BUSY_POLL_INTERVAL_MS and doubles the wait after every empty read up to this interval: a
   * busy bus (Jam controls) is polled every few milliseconds, an idle one costs one counter read
   * per interval.
   */
  livePollIntervalMs?: number;
  /**
   * Publish-driven wake-ups between processes (default on): each publish appends a small document
   * to a capped collection that every bus instance with subscribers tails (one tailable awaitData
   * cursor per instance), so subscribers in other processes read the log when something was
   * published instead of polling it. While the cursor is open, `pollIntervalMs` and
   * `livePollIntervalMs` do not apply: an idle subscriber reads only every `safetyPollIntervalMs`.
   */
  wakeUps?: boolean;
  /** With wake-ups: how often an idle subscriber reads the log anyway (ms, default 5,000). */
  safetyPollIntervalMs?: number;
  /** With wake-ups: how long one wait for a wake-up lasts in the server (ms, default 10,000). */
  wakeAwaitMs?: number;
  /** How long a consumer waits for a missing sequence number before closing it as a gap (ms). */
  gapTimeoutMs?: number;
  /** Consumer lease: one instance of a consumer processes at a time; others take over after this (ms). */
  leaseMs?: number;
  /** First retry delay of a failing handler; doubles per attempt (ms). */
  retryDelayMs?: number;
  /** Test seams of the publish path (e.g. a pause between reserving sequence numbers and inserting). */
  hooks?: EventLogHooks;
}

/**
 * The embedded transport: an append-only event log in MongoDB with a sequence number per event,
 * one checkpoint per consumer, and a lease so only one instance of a consumer works at a time.
 * Works across processes with no extra server. Events are delivered in log order per aggregate (one
 * at a time, or up to `concurrency` aggregates at once); a failing handler is retried with backoff,
 * then dead-lettered. The lease is renewed while handlers run, however long they take.
 *
 * Sequence numbers are taken before the insert. A consumer that meets a missing number waits
 * `gapTimeoutMs` for the late insert, then closes the number with a gap marker; a publisher that
 * arrives after that (paused between the two steps) loses the number and appends its events again
 * at new numbers, so no event lands behind a consumer (see `EventLog` and the events README).
 */
export class EmbeddedEventBus implements EventBus {
  readonly kind = 'embedded' as const;
  private readonly log: EventLog;
  private readonly checkpoints: Collection<Checkpoint>;
  private readonly deadLetters: Collection<DeadLetter>;
  private readonly subscriptions = new Set<EmbeddedSubscription>();
  private readonly wakes: WakeChannel | undefined;
  private stopWaking: (() => void) | undefined;

  constructor(private readonly options: EmbeddedEventBusOptions) {
    this.log = new EventLog(options.db, options.hooks);
    this.wakes =
      options.wakeUps === false
        ? undefined
        : new WakeChannel({
            db: options.db,
            logger: options.logger,
            ...(options.wakeAwaitMs ? { awaitMs: options.wakeAwaitMs } : {}),
          });
    this.checkpoints = options.db.collection<Checkpoint>('consumer_checkpoints');
    this.deadLetters = options.db.collection<DeadLetter>('dead_letters');
  }

  async publish(events: readonly EventEnvelope[]): Promise<void> {
    if (events.length === 0) return;
    for (const event of events) parseEvent(event);
    await this.log.append(events);
    for (const subscription of this.subscriptions) subscription.wake();
    await this.wakes?.notify();
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    await this.log.ensureIndexes();
    const live = options.live === true;
    const wakes = this.wakes;
    const subscription = new EmbeddedSubscription(options, {
      ...(live ? { position: new InstancePosition(await this.log.lastSeq()) } : {}),
      log: this.log,
      checkpoints: this.checkpoints,
      deadLetters: this.deadLetters,
      logger: this.options.logger.child({ consumer: options.consumer, ...(live ? { live } : {}) }),
      ...(live
        ? {
            pollIntervalMs: this.options.livePollIntervalMs ?? 20,
            busyPollIntervalMs: Math.min(
              LIVE_BUSY_POLL_INTERVAL_MS,
              this.options.livePollIntervalMs ?? 20,
            ),
          }
        : { pollIntervalMs: this.options.pollIntervalMs ?? 50 }),
      gapTimeoutMs: this.options.gapTimeoutMs ?? 2_000,
      leaseMs: this.options.leaseMs ?? 10_000,
      retryDelayMs: this.options.retryDelayMs ?? 100,
      ...(wakes
        ? {
            wakeUps: {
              active: () => wakes.active,
              safetyPollIntervalMs: this.options.safetyPollIntervalMs ?? 5_000,
            },
          }
        : {}),
      onStop: () => this.subscriptions.delete(subscription),
    });
    this.subscriptions.add(subscription);
    // One wait in the server per bus instance, shared by all its subscriptions.
    this.stopWaking ??= wakes?.subscribe(() => {
      for (const each of this.subscriptions) each.wake();
    });
    subscription.start();
    return subscription;
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    this.stopWaking?.();
    await this.wakes?.stop();
  }

  /** Dead letters of a consumer, newest first (for operators and tests). */
  listDeadLetters(consumer: string): Promise<DeadLetter[]> {
    return this.deadLetters.find({ consumer }).sort({ failedAt: -1 }).toArray();
  }
}
