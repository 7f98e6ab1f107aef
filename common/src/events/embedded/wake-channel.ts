import type { Db, Document, Long } from 'mongodb';
import type { Logger } from 'pino';

/** The capped collection publishers append a tiny document to after appending events. */
export const WAKE_COLLECTION = 'event_wakes';

/** Documents (and bytes) the wake collection keeps: only the newest matter. */
const WAKE_MAX_DOCS = 256;
const WAKE_MAX_BYTES = 64 * 1024;

export interface WakeChannelOptions {
  db: Db;
  logger: Logger;
  /** How long one getMore waits in the server for a wake document (ms). */
  awaitMs?: number;
  /** The pause before opening the cursor again after a failure (ms). */
  retryMs?: number;
}

const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms).unref();
  });

/** Errors after which nothing will ever work again on this client (it was closed). */
function clientClosed(error: unknown): boolean {
  const name = (error as { name?: string }).name ?? '';
  return /TopologyClosed|NotConnected|ClientClosed/.test(name);
}

/**
 * Publish-driven wake-ups between processes, with standard MongoDB features only: a publisher
 * appends a small document to a capped collection after appending its events (`notify`), and each
 * bus instance that has subscribers holds one tailable, awaitData cursor on it, whose getMore waits
 * in the server until such a document arrives (or `awaitMs` passes). Every arrival calls the
 * listeners (the subscriptions), which then read the log. `active` says whether the cursor is open:
 * while it is not (not started, failed, the server refused), subscribers poll as before.
 */
export class WakeChannel {
  private readonly listeners = new Set<() => void>();
  private ready: Promise<void> | undefined;
  private loop: Promise<void> | undefined;
  private stopped = false;
  private cursorId: Long | undefined;
  private tailing = false;

  constructor(private readonly options: WakeChannelOptions) {}

  /** Whether wake-ups arrive now (the tailable cursor is open). */
  get active(): boolean {
    return this.tailing;
  }

  /** Calls `listener` on every wake-up (and when the channel opens or fails) until unsubscribed. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    this.loop ??= this.run();
    return () => this.listeners.delete(listener);
  }

  /** Tells every instance's subscribers that the log has grown (best effort: they also poll slowly). */
  async notify(): Promise<void> {
    try {
      await this.ensureCollection();
      await this.collection().insertOne({ at: new Date() });
    } catch (error) {
      if (!clientClosed(error))
        this.options.logger.warn({ err: error }, 'could not send an event bus wake-up');
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const id = this.cursorId;
    // Ends the getMore waiting in the server (it answers at once), so stopping takes no awaitMs.
    if (id)
      await this.options.db
        .command({ killCursors: WAKE_COLLECTION, cursors: [id] })
        .catch(() => undefined);
    await this.loop;
  }

  private collection() {
    return this.options.db.collection(WAKE_COLLECTION);
  }

  private ensureCollection(): Promise<void> {
    this.ready ??= this.options.db
      .createCollection(WAKE_COLLECTION, { capped: true, size: WAKE_MAX_BYTES, max: WAKE_MAX_DOCS })
      .then(
        () => undefined,
        (error: unknown) => {
          if ((error as { code?: number }).code === 48) return; // NamespaceExists: another process made it
          this.ready = undefined;
          throw error;
        },
      );
    return this.ready;
  }

  private wakeAll(): void {
    for (const listener of [...this.listeners]) listener();
  }

  private async run(): Promise<void> {
    const { db, logger } = this.options;
    const awaitMs = this.options.awaitMs ?? 10_000;
    while (!this.stopped) {
      try {
        await this.ensureCollection();
        const first = await db.command(
          {
            find: WAKE_COLLECTION,
            filter: {},
            tailable: true,
            awaitData: true,
            batchSize: WAKE_MAX_DOCS,
          },
          { promoteLongs: false },
        );
        let id = (first.cursor as { id: Long }).id;
        if (id.isZero()) {
          // An empty capped collection gives a dead cursor: put a document in and tail again.
          await this.collection().insertOne({ at: new Date() });
          continue;
        }
        this.cursorId = id;
        this.tailing = true;
        // Whatever was published while no cursor was open is read now.
        this.wakeAll();
        while (!this.stopped) {
          const more: Document = await db.command(
            {
              getMore: id,
              collection: WAKE_COLLECTION,
              maxTimeMS: awaitMs,
              batchSize: WAKE_MAX_DOCS,
            },
            { promoteLongs: false },
          );
          const cursor = more.cursor as { id: Long; nextBatch: Document[] };
          if (cursor.nextBatch.length > 0 && !this.stopped) this.wakeAll();
          if (cursor.id.isZero()) break;
          id = cursor.id;
        }
      } catch (error) {
        if (this.stopped || clientClosed(error)) break;
        logger.warn({ err: error }, 'event bus wake-ups interrupted; polling until they resume');
        this.tailing = false;
        this.cursorId = undefined;
        this.wakeAll();
        await sleep(this.options.retryMs ?? 1_000);
      } finally {
        this.tailing = false;
        this.cursorId = undefined;
      }
    }
  }
}
