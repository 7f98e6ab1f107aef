import type { ProcessedEvents } from '@groovy/common/events';
import type { HlsWorkerWebhook } from '@groovy/common/media';

/** The worker's database (the driver's Db, as common's ProcessedEvents takes it). */
type Db = ConstructorParameters<typeof ProcessedEvents>[0];

/** A READY or FAILED report that songs did not take (network, 429, 5xx), kept to be sent again. */
export type FinalReport = Extract<HlsWorkerWebhook, { outcome: 'READY' | 'FAILED' }>;

/**
 * The reports of finished jobs songs has not received yet, per upload key and generation, so a
 * redelivered event resends the report instead of transcoding the upload again.
 */
export interface UndeliveredReports {
  get(key: string, generation: number): Promise<FinalReport | null>;
  save(key: string, generation: number, report: FinalReport): Promise<void>;
  /** Delivered (or refused for good): nothing more to send. */
  remove(key: string, generation: number): Promise<void>;
}

interface StoredReport {
  _id: string;
  key: string;
  generation: number;
  report: FinalReport;
  savedAt: Date;
}

const reportsIn = (db: Db, name: string) => db.collection<StoredReport>(name);

const id = (key: string, generation: number) => `${generation}:${key}`;

/**
 * In the worker's own database (`<consumer>_undelivered_reports`), so a restarted worker resends
 * rather than transcodes. A report left there (the event was dead-lettered, the song failed by the
 * sweeper) expires after 7 days.
 */
export class MongoUndeliveredReports implements UndeliveredReports {
  private readonly collection: ReturnType<typeof reportsIn>;
  private ready: Promise<unknown> | undefined;

  constructor(db: Db, consumer: string) {
    this.collection = reportsIn(db, `${consumer}_undelivered_reports`);
  }

  private indexed(): Promise<unknown> {
    this.ready ??= this.collection
      .createIndex({ savedAt: 1 }, { expireAfterSeconds: 7 * 24 * 3600 })
      .catch((error: unknown) => {
        this.ready = undefined;
        throw error;
      });
    return this.ready;
  }

  async get(key: string, generation: number): Promise<FinalReport | null> {
    const stored = await this.collection.findOne({ _id: id(key, generation) });
    return stored?.report ?? null;
  }

  async save(key: string, generation: number, report: FinalReport): Promise<void> {
    await this.indexed();
    await this.collection.updateOne(
      { _id: id(key, generation) },
      { $set: { key, generation, report, savedAt: new Date() } },
      { upsert: true },
    );
  }

  async remove(key: string, generation: number): Promise<void> {
    await this.collection.deleteOne({ _id: id(key, generation) });
  }
}
