import type { Collection, Document } from 'mongodb';
import type { Logger } from 'pino';
import type { EventBus } from '../event-bus';
import type { EventEnvelope } from '../event-envelope';

/** The field, on each aggregate document, that holds events written but not yet published. */
export const OUTBOX_FIELD = '_outbox' as const;

/**
 * The update fragment that records events in the same single-document write as the state change:
 * `Model.updateOne(filter, { $set: changes, $inc: { version: 1 }, ...appendToOutbox(events) })`.
 * One document write is atomic on a standalone mongod, so the change and its events land together
 * or not at all — no multi-document transaction needed.
 */
export function appendToOutbox(events: readonly EventEnvelope[]): { $push: { _outbox: { $each: EventEnvelope[] } } } {
  return { $push: { [OUTBOX_FIELD]: { $each: [...events] } } };
}

export interface OutboxSource {
  /** For logs: the aggregate kind, e.g. `song`. */
  name: string;
  collection: Collection<Document>;
}

/**
 * Publishes what producers left in their documents' outboxes, then removes exactly those events.
 * A crash between the publish and the removal publishes again on restart (at-least-once); the bus
 * and consumers drop the duplicate by event id.
 */
export class OutboxRelay {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  /** A pass is under way. */
  private passing = false;
  /** Something was written during the current pass: run another right after it. */
  private again = false;

  constructor(
    private readonly options: {
      sources: OutboxSource[];
      bus: EventBus;
      logger: Logger;
      /**
       * How often to look for events nobody nudged about (a producer that died before its
       * nudge, another process's writes). Producers nudge after every write, so this is a
       * fallback, and each pass scans the sources; default 2 s.
       */
      pollIntervalMs?: number;
    },
  ) {}

  /** One pass over every source; resolves with the number of events published. */
  async flushOnce(): Promise<number> {
    let published = 0;
    for (const { name, collection } of this.options.sources) {
      const pending = await collection
        .find({ [`${OUTBOX_FIELD}.0`]: { $exists: true } }, { projection: { [OUTBOX_FIELD]: 1 } })
        .limit(100)
        .toArray();
      for (const doc of pending) {
        const events = doc[OUTBOX_FIELD] as EventEnvelope[];
        try {
          await this.options.bus.publish(events);
        } catch (error) {
          this.options.logger.error({ err: error, source: name, documentId: String(doc._id) }, 'outbox publish failed; will retry');
          continue;
        }
        await collection.updateOne(
          { _id: doc._id },
          { $pull: { [OUTBOX_FIELD]: { id: { $in: events.map((event) => event.id) } } } } as Document,
        );
        published += events.length;
      }
    }
    return published;
  }

  /** Publishes what is pending now, then polls until stopped. */
  start(): void {
    this.nudge();
  }

  /**
   * A producer wrote an event: publish now. During a pass, one more pass follows it (the pass may
   * have read the source before the write).
   */
  nudge(): void {
    if (this.stopped) return;
    if (this.passing) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.passing = true;
    this.again = false;
    this.running = this.flushOnce()
      .then(
        () => undefined,
        (error: unknown) => this.options.logger.error({ err: error }, 'outbox relay pass failed'),
      )
      .then(() => {
        this.passing = false;
        if (this.stopped) return;
        if (this.again) this.nudge();
        else this.timer = setTimeout(() => this.nudge(), this.options.pollIntervalMs ?? 2_000);
      });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
