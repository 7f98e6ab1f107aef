import type { Collection } from 'mongodb';
import type { Logger } from 'pino';
import type { SubscribeOptions, Subscription } from '../event-bus';
import { ConsumerLease, type Checkpoint, type SubscriberPosition } from './consumer-lease';
import { EventDelivery, type DeadLetter, type DeliveryOutcome } from './event-delivery';
import { isGapMarker, type EventLog, type LogEntry, type StoredEvent } from './event-log';

export interface SubscriptionDependencies {
  log: EventLog;
  checkpoints: Collection<Checkpoint>;
  deadLetters: Collection<DeadLetter>;
  logger: Logger;
  /** The longest wait between empty reads (ms). */
  pollIntervalMs: number;
  /**
   * The wait after the first empty read that follows events (ms; default pollIntervalMs): it
   * doubles after every further empty read, up to pollIntervalMs.
   */
  busyPollIntervalMs?: number;
  gapTimeoutMs: number;
  leaseMs: number;
  retryDelayMs: number;
  /** Where the subscriber keeps its position (default: the consumer's shared lease and checkpoint). */
  position?: SubscriberPosition;
  /**
   * Publish-driven wake-ups (`WakeChannel`): while `active()`, an idle subscriber waits for `wake()`
   * and reads again only every `safetyPollIntervalMs` without one, instead of polling.
   */
  wakeUps?: { active(): boolean; safetyPollIntervalMs: number };
  onStop(): void;
}

/** How long finished deliveries wait to share one checkpoint write. */
const COMMIT_DELAY_MS = 10;

/** Events a subscriber reads ahead of its lanes (waiting behind an earlier event of their aggregate). */
const MAX_LOOKAHEAD = 100;

/** The ordering key of a stored event: its aggregate (a malformed one is its own). */
function aggregateOf(stored: StoredEvent): string {
  return typeof stored.envelope?.aggregateId === 'string'
    ? stored.envelope.aggregateId
    : `#${stored._id}`;
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
 * the other, in log order. The checkpoint moves to the highest sequence number below which every
 * event was handled (or dead-lettered), so a crash redelivers the events that were not finished
 * (and, at least once, finished ones after them). A sequence number missing for `gapTimeoutMs` is
 * closed with a gap marker (see `EventLog`): its late event, if any, is appended again further on.
 */
export class EmbeddedSubscription implements Subscription {
  private readonly concurrency: number;
  private readonly lease: SubscriberPosition;
  private readonly delivery: EventDelivery;
  private stopped = false;
  private loop: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  /** A wake-up came since the current turn started reading: the next wait ends at once. */
  private woken = false;
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
  private buffer: LogEntry[] = [];
  /** When this instance last renewed (or took) the lease. */
  private leaseRenewedAt = 0;
  /** A checkpoint write is scheduled (finished deliveries are saved together). */
  private commitTimer: NodeJS.Timeout | undefined;
  /** The next wait between empty reads (ms): busyPollIntervalMs after events, doubling to pollIntervalMs. */
  private pollWaitMs: number;

  constructor(
    private readonly options: SubscribeOptions,
    private readonly deps: SubscriptionDependencies,
  ) {
    this.concurrency = Math.max(1, Math.floor(options.concurrency ?? 1));
    this.pollWaitMs = deps.pollIntervalMs;
    this.lease =
      deps.position ?? new ConsumerLease(deps.checkpoints, options.consumer, deps.leaseMs);
    this.delivery = new EventDelivery(options, {
      deadLetters: deps.deadLetters,
      logger: deps.logger,
      retryDelayMs: deps.retryDelayMs,
      stopping: () => this.stopped,
    });
  }

  start(): void {
    this.loop = this.run();
  }

  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.loop;
    await this.lease.release();
    this.deps.onStop();
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      let progressed = false;
      let failed = false;
      // A wake-up from here on (an event appended after this read began) ends the next wait at once.
      this.woken = false;
      try {
        progressed = await this.step();
      } catch (error) {
        failed = true;
        if (!this.stopped)
          this.deps.logger.error({ err: error }, 'event consumer loop failed; retrying');
      }
      if (progressed) this.pollWaitMs = this.deps.busyPollIntervalMs ?? this.deps.pollIntervalMs;
      else if (!this.stopped) {
        await this.idle(this.nextWaitMs(failed));
        this.pollWaitMs = Math.min(this.pollWaitMs * 2, this.deps.pollIntervalMs);
      }
    }
    // Stopping: no new deliveries; let the running ones finish, then save how far they got.
    await this.drain();
    if (this.commitTimer) clearTimeout(this.commitTimer);
    this.commitTimer = undefined;
    await this.commit();
  }

  /**
   * Renews (or takes) the lease when due and hands out what fits; true when something was handed
   * out (or a gap closed). The log is read 100 entries at a time into a buffer that later turns drain
   * first, so an event waiting for a free lane costs no read and no lease write.
   */
  private async step(): Promise<boolean> {
    // Deliveries left over from a lease this instance lost: let them end before taking it again.
    if (!this.holding && this.inFlight.size > 0) return false;
    if (!this.holding || Date.now() - this.leaseRenewedAt >= this.deps.leaseMs / 3) {
      const renewing = Date.now();
      const checkpoint = await this.lease.acquire();
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
      } else if (checkpoint.seq > this.committed) {
        // Another instance held the lease meanwhile (this one let it lapse while idle) and moved the
        // checkpoint: never write it back below that, and skip what that instance already handled.
        this.committed = checkpoint.seq;
        if (checkpoint.seq >= this.nextSeq) {
          this.nextSeq = checkpoint.seq + 1;
          this.gapSince = undefined;
          this.buffer = [];
        }
      }
    }
    if (this.inFlight.size >= MAX_LOOKAHEAD || this.stopped) return false;
    if (!this.buffer.length) this.buffer = await this.deps.log.readFrom(this.nextSeq, 100);
    let progressed = false;
    while (this.buffer.length) {
      const entry = this.buffer[0]!;
      if (this.stopped || !this.holding || this.inFlight.size >= MAX_LOOKAHEAD) break;
      if (entry.seq !== this.nextSeq) {
        this.buffer = []; // read again: the missing entry, or the gap markers closing it
        if (!this.gapPassed(this.nextSeq)) break;
        this.deps.logger.warn(
          { missing: { from: this.nextSeq, to: entry.seq - 1 } },
          'closing a sequence gap (a publisher paused or died before inserting; a late insert is appended again)',
        );
        await this.deps.log.closeGaps(this.nextSeq, entry.seq - 1);
        return true;
      }
      const stored = isGapMarker(entry) ? undefined : entry;
      const subscribed = stored !== undefined && this.options.types.includes(stored.envelope?.type);
      // A new aggregate needs a free lane; one already in flight queues behind its previous event.
      if (subscribed && !this.tails.has(aggregateOf(stored)) && this.tails.size >= this.concurrency)
        break;
      this.buffer.shift();
      this.gapSince = undefined;
      this.nextSeq = entry.seq + 1;
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
      .then(() => this.delivery.deliver(stored))
      .catch((error: unknown): DeliveryOutcome => {
        this.deps.logger.error(
          { err: error, eventId: stored._id },
          'event delivery failed; it will be redelivered',
        );
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

  /** Every sequence number up to this one is finished: handled, dead-lettered, not subscribed or a closed gap. */
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
        if (!(await this.lease.saveCheckpoint(mark))) {
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
        nextRenewal = (await this.renewWhileStopping())
          ? this.leaseRenewedAt + interval
          : Date.now() + interval / 3;
      }
    }
  }

  /**
   * Extends the lease this instance holds; false when the write failed (try again). It never takes
   * the lease: while stopping, a lease lost to another instance stays lost.
   */
  private async renewWhileStopping(): Promise<boolean> {
    const renewing = Date.now();
    try {
      if (await this.lease.renew(renewing)) {
        this.leaseRenewedAt = renewing;
      } else {
        this.holding = false;
        this.deps.logger.warn(
          'lost the consumer lease while stopping; unfinished events will be delivered again',
        );
      }
      return true;
    } catch (error) {
      this.deps.logger.warn(
        { err: error },
        'could not renew the consumer lease while stopping; retrying',
      );
      return false;
    }
  }

  /**
   * How long to wait before the next read when nothing was handed out. With wake-ups active the
   * subscriber sleeps until one arrives (at most `safetyPollIntervalMs`), except for what needs a
   * clock: renewing the lease while handlers run (every `leaseMs / 3`), closing a gap after
   * `gapTimeoutMs`, retrying after a failed read. An idle holder lets its lease lapse: it takes it
   * again (or finds another instance took it, and carries on from its checkpoint) on the next turn.
   */
  private nextWaitMs(failed: boolean): number {
    const wakeUps = this.deps.wakeUps;
    if (failed || !wakeUps?.active()) return this.pollWaitMs;
    let wait = wakeUps.safetyPollIntervalMs;
    if (this.inFlight.size > 0) wait = Math.min(wait, this.deps.leaseMs / 3);
    if (this.gapSince)
      wait = Math.min(wait, this.gapSince.at + this.deps.gapTimeoutMs - Date.now() + 1);
    return wait;
  }

  private idle(waitMs: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.woken) {
        resolve();
        return;
      }
      // Never longer than a third of the lease while handlers run: each turn of the loop renews it.
      const cap = this.inFlight.size > 0 || !this.deps.wakeUps ? this.deps.leaseMs / 3 : Infinity;
      const timer = setTimeout(done, Math.max(1, Math.floor(Math.min(waitMs, cap))));
      const wake = () => done();
      this.wakeUp = wake;
      function done() {
        clearTimeout(timer);
        resolve();
      }
    });
  }

  private gapPassed(seq: number): boolean {
    const now = Date.now();
    if (!this.gapSince || this.gapSince.seq !== seq) this.gapSince = { seq, at: now };
    return now - this.gapSince.at >= this.deps.gapTimeoutMs;
  }
}
