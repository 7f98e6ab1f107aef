import type { Collection, Db } from 'mongodb';
import type { EventEnvelope } from './event-envelope';

interface ProcessedEvent {
  _id: string;
  processedAt: Date;
}

interface AggregateVersion {
  _id: string;
  version: number;
}

export type ApplyOutcome = 'applied' | 'duplicate' | 'stale';

/**
 * Makes a consumer idempotent, in the consumer's own database: an event id seen before is a
 * duplicate; an event older than (or as old as) the aggregate version already applied is stale.
 * Both are skipped, so duplicated, reordered and replayed deliveries leave the same result.
 */
export class ProcessedEvents {
  private readonly processed: Collection<ProcessedEvent>;
  private readonly versions: Collection<AggregateVersion>;
  private ready: Promise<unknown> | undefined;

  constructor(db: Db, consumer: string) {
    this.processed = db.collection<ProcessedEvent>(`${consumer}_processed_events`);
    this.versions = db.collection<AggregateVersion>(`${consumer}_aggregate_versions`);
  }

  async applyOnce(event: EventEnvelope, apply: () => Promise<void>): Promise<ApplyOutcome> {
    this.ready ??= this.processed.createIndex(
      { processedAt: 1 },
      { expireAfterSeconds: 30 * 24 * 3600 },
    );
    await this.ready;
    if (await this.processed.findOne({ _id: event.id })) return 'duplicate';
    const aggregateKey = `${event.producer}:${event.aggregateId}`;
    const current = await this.versions.findOne({ _id: aggregateKey });
    if (current && current.version >= event.aggregateVersion) {
      await this.markProcessed(event.id);
      return 'stale';
    }
    await apply();
    await this.versions
      .updateOne(
        { _id: aggregateKey, version: { $lt: event.aggregateVersion } },
        { $set: { version: event.aggregateVersion } },
        { upsert: true },
      )
      .catch((error: { code?: number }) => {
        // A concurrent newer version won the upsert race: nothing to record.
        if (error.code !== 11000) throw error;
      });
    await this.markProcessed(event.id);
    return 'applied';
  }

  private async markProcessed(id: string): Promise<void> {
    await this.processed.updateOne(
      { _id: id },
      { $setOnInsert: { processedAt: new Date() } },
      { upsert: true },
    );
  }
}
