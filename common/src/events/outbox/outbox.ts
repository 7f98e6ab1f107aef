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
export function appendToOutbox(events: readonly EventEnvelope[]): {
  $push: { _outbox: { $each: EventEnvelope[] } };
} {
  return { $push: { [OUTBOX_FIELD]: { $each: [...events] } } };
}

/** Documents a pass reads per source. */
const PAGE_SIZE = 100;

function eventsOf(doc: Document): EventEnvelope[] {
  return doc[OUTBOX_FIELD] as EventEnvelope[];
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
    return (await this.pass()).published;
  }

  /**
   * One pass: up to `PAGE_SIZE` documents per source. `more` when a source filled its page, so
   * more may be waiting there.
   */
  private async pass(): Promise<{ published: number; more: boolean }> {
    let published = 0;
    let more = false;
    for (const { name, collection } of this.options.sources) {
      const pending = await collection
        .find({ [`${OUTBOX_FIELD}.0`]: { $exists: true } }, { projection: { [OUTBOX_FIELD]: 1 } })
        .limit(PAGE_SIZE)
        .toArray();
      if (pending.length >= PAGE_SIZE) more = true;
      published += await this.relay(name, collection, pending);
    }
    return { published, more };
  }

  /**
   * Publishes the events of `docs` (each document's in order) in one call, then removes them from
   * the outboxes in one write; resolves with the number of events published. When that publish
   * fails, it goes document by document, so one that cannot be published holds back only itself.
   */
  private async relay(
    name: string,
    collection: Collection<Document>,
    docs: Document[],
  ): Promise<number> {
    if (docs.length === 0) return 0;
    let done: Document[];
    try {
      await this.options.bus.publish(docs.flatMap(eventsOf));
      done = docs;
    } catch (error) {
      if (docs.length === 1) {
        this.publishFailed(name, docs[0]!, error);
        return 0;
      }
      done = [];
      for (const doc of docs) {
        try {
          await this.options.bus.publish(eventsOf(doc));
          done.push(doc);
        } catch (error) {
          this.publishFailed(name, doc, error);
        }
      }
      if (done.length === 0) return 0;
    }
    // Exactly the events published: the producer may have added more since they were read.
    await collection.bulkWrite(
      done.map((doc) => ({
        updateOne: {
          filter: { _id: doc._id },
          update: {
            $pull: { [OUTBOX_FIELD]: { id: { $in: eventsOf(doc).map((event) => event.id) } } },
          } as Document,
        },
      })),
      { ordered: false },
    );
    return done.reduce((count, doc) => count + eventsOf(doc).length, 0);
  }

  private publishFailed(source: string, doc: Document, error: unknown): void {
    this.options.logger.error(
      { err: error, source, documentId: String(doc._id) },
      'outbox publish failed; will retry',
    );
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
    this.running = this.pass()
      .then(
        // A backlog (a restart, another process's writes, a bulk import): the next page right away.
        // Only while the pass got somewhere: a page that failed to publish waits for the timer.
        ({ published, more }) => more && published > 0,
        (error: unknown) => {
          this.options.logger.error({ err: error }, 'outbox relay pass failed');
          return false;
        },
      )
      .then((backlog) => {
        this.passing = false;
        if (this.stopped) return;
        if (this.again || backlog) this.nudge();
        else this.timer = setTimeout(() => this.nudge(), this.options.pollIntervalMs ?? 2_000);
      });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
