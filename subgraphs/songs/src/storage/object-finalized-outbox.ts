import {
  appendToOutbox,
  OUTBOX_FIELD,
  objectFinalizedEvent,
  type OutboxNotifier,
  type OutboxSource,
} from '@groovy/common/events';
import type { ObjectFinalizedEvent } from '@groovy/common/storage';
import type { mongo } from 'mongoose';

type Collection<T extends mongo.Document> = mongo.Collection<T>;
type Document = mongo.Document;
type Db = mongo.Db;

/** One document per object key: the last finalisation, and OBJECT_FINALIZED events not yet published. */
interface FinalizedObjectRecord {
  _id: string;
  bucket: string;
  size: number;
  contentType: string;
  generation: string | null;
  finalizedAt: Date;
}

/** Published records older than this are removed (the next write of the key records it again). */
export const KEEP_PUBLISHED_MS = 24 * 3600 * 1000;

/**
 * "Object finalised" for the local storage adapter this process serves, made durable. The adapter
 * awaits `record` after the file is in place and before it answers the upload, and `record` writes
 * the OBJECT_FINALIZED event into this service's own database in one single-document write (the
 * outbox); the songs OutboxRelay publishes it to the event bus, where the HLS worker consumes it.
 * A crash after the write publishes on restart; a crash before it means the client got no 200 and
 * sends the file again. Nothing is POSTed to the worker directly. Records whose events are published
 * are removed a day later by `purgePublished`, which the songs outbox's periodic purge runs (the
 * sweeper's pass), not every upload.
 */
export class ObjectFinalizedOutbox {
  static readonly COLLECTION = 'finalized_objects';
  private readonly collection: Collection<FinalizedObjectRecord>;
  private indexed: Promise<unknown> | undefined;

  /** `outbox` is told after each record, so the relay publishes now rather than at its next poll. */
  constructor(
    db: Db,
    private readonly outbox: OutboxNotifier,
  ) {
    this.collection = db.collection<FinalizedObjectRecord>(ObjectFinalizedOutbox.COLLECTION);
  }

  /** The relay's source for these events. */
  get source(): OutboxSource {
    return {
      name: 'finalized-object',
      collection: this.collection as unknown as Collection<Document>,
    };
  }

  /** Records the object and its OBJECT_FINALIZED event in one write, then tells the outbox. */
  readonly record = async (object: ObjectFinalizedEvent): Promise<void> => {
    const event = objectFinalizedEvent(object);
    await this.collection.updateOne(
      { _id: object.key },
      {
        $set: {
          bucket: object.bucket,
          size: object.size,
          contentType: object.contentType,
          generation: event.data.generation,
          finalizedAt: object.finalizedAt,
        },
        ...appendToOutbox([event]),
      } as Document,
      { upsert: true },
    );
    this.outbox.recorded();
  };

  /** Removes records published and last finalised more than KEEP_PUBLISHED_MS before `now`. */
  readonly purgePublished = (now = new Date()): Promise<number> =>
    this.purge(new Date(now.getTime() - KEEP_PUBLISHED_MS));

  /** Removes records whose events are all published and that were last finalised before `before`. */
  async purge(before: Date): Promise<number> {
    this.indexed ??= this.collection.createIndex({ finalizedAt: 1 }).catch((error: unknown) => {
      this.indexed = undefined;
      throw error;
    });
    await this.indexed;
    const removed = await this.collection.deleteMany({
      [`${OUTBOX_FIELD}.0`]: { $exists: false },
      finalizedAt: { $lt: before },
    } as Document);
    return removed.deletedCount;
  }
}
