import { randomUUID } from 'node:crypto';
import type { Collection, Db } from 'mongodb';
import type { EventEnvelope } from './event-envelope';

/**
 * One event's marker. While a delivery applies the event the marker is a claim (`claimId`,
 * `claimedUntil`, renewed while the apply runs); once applied (or found stale) it has `processedAt`.
 */
interface ProcessedEvent {
  _id: string;
  processedAt?: Date;
  claimId?: string;
  claimedUntil?: Date;
}

interface AggregateVersion {
  _id: string;
  version: number;
}

export type ApplyOutcome = 'applied' | 'duplicate' | 'stale';

export interface ProcessedEventsOptions {
  /** How long a claim holds without renewal; a claimant that died is taken over after it (ms). */
  claimLeaseMs?: number;
  /** Longest wait between two looks at another delivery's claim (ms). */
  maxWaitStepMs?: number;
}

const DEFAULT_CLAIM_LEASE_MS = 30_000;
const DEFAULT_MAX_WAIT_STEP_MS = 500;

const isDuplicateKey = (error: unknown) => (error as { code?: number }).code === 11000;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Makes a consumer idempotent, in the consumer's own database: an event id seen before is a
 * duplicate; an event older than (or as old as) the aggregate version already applied is stale.
 * Both are skipped, so duplicated, reordered and replayed deliveries leave the same result.
 *
 * Atomic without transactions: a delivery first **claims** the event id — one conditional upsert
 * on the marker, whose `_id` is the event id, so of two concurrent deliveries exactly one gets it
 * (the other's upsert hits the unique `_id`). Only the claimant applies. Another delivery of the
 * same event waits until the marker says processed (→ 'duplicate'); if the claimant fails, its
 * claim is released and the waiter applies instead; if the claimant's process died, its claim
 * expires (`claimLeaseMs`, renewed while a long apply runs) and a later delivery takes it over.
 */
export class ProcessedEvents {
  private readonly processed: Collection<ProcessedEvent>;
  private readonly versions: Collection<AggregateVersion>;
  private readonly claimLeaseMs: number;
  private readonly maxWaitStepMs: number;
  private ready: Promise<unknown> | undefined;

  constructor(db: Db, consumer: string, options: ProcessedEventsOptions = {}) {
    this.processed = db.collection<ProcessedEvent>(`${consumer}_processed_events`);
    this.versions = db.collection<AggregateVersion>(`${consumer}_aggregate_versions`);
    this.claimLeaseMs = options.claimLeaseMs ?? DEFAULT_CLAIM_LEASE_MS;
    this.maxWaitStepMs = options.maxWaitStepMs ?? DEFAULT_MAX_WAIT_STEP_MS;
  }

  async applyOnce(event: EventEnvelope, apply: () => Promise<void>): Promise<ApplyOutcome> {
    this.ready ??= this.processed.createIndex(
      { processedAt: 1 },
      { expireAfterSeconds: 30 * 24 * 3600 },
    );
    await this.ready;
    const claimId = await this.claimOrWait(event.id);
    if (claimId === null) return 'duplicate';
    try {
      const aggregateKey = `${event.producer}:${event.aggregateId}`;
      const current = await this.versions.findOne({ _id: aggregateKey });
      if (current && current.version >= event.aggregateVersion) {
        await this.markProcessed(event.id, claimId);
        return 'stale';
      }
      await this.whileClaimed(event.id, claimId, apply);
      await this.versions
        .updateOne(
          { _id: aggregateKey, version: { $lt: event.aggregateVersion } },
          { $set: { version: event.aggregateVersion } },
          { upsert: true },
        )
        .catch((error: unknown) => {
          // A concurrent newer version won the upsert race: nothing to record.
          if (!isDuplicateKey(error)) throw error;
        });
      await this.markProcessed(event.id, claimId);
      return 'applied';
    } catch (error) {
      // Give the event back so a redelivery (or a waiting delivery) applies it.
      await this.processed.deleteOne({ _id: event.id, claimId }).catch(() => undefined);
      throw error;
    }
  }

  /** The claim id once this delivery holds the event; null when the event was already processed. */
  private async claimOrWait(eventId: string): Promise<string | null> {
    for (let step = 25; ; step = Math.min(step * 2, this.maxWaitStepMs)) {
      const claimId = randomUUID();
      const now = new Date();
      try {
        const claimed = await this.processed.updateOne(
          {
            _id: eventId,
            processedAt: { $exists: false },
            $or: [{ claimedUntil: { $exists: false } }, { claimedUntil: { $lt: now } }],
          },
          { $set: { claimId, claimedUntil: new Date(now.getTime() + this.claimLeaseMs) } },
          { upsert: true },
        );
        if (claimed.modifiedCount + claimed.upsertedCount > 0) return claimId;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
      const marker = await this.processed.findOne({ _id: eventId });
      if (marker?.processedAt) return null;
      if (marker) await pause(step); // another delivery holds it: look again shortly
    }
  }

  /** Runs `apply`, renewing the claim so a long apply is not taken over. */
  private async whileClaimed(
    eventId: string,
    claimId: string,
    apply: () => Promise<void>,
  ): Promise<void> {
    const renew = setInterval(
      () =>
        void this.processed
          .updateOne(
            { _id: eventId, claimId },
            { $set: { claimedUntil: new Date(Date.now() + this.claimLeaseMs) } },
          )
          .catch(() => undefined),
      Math.max(10, Math.floor(this.claimLeaseMs / 3)),
    );
    renew.unref?.();
    try {
      await apply();
    } finally {
      clearInterval(renew);
    }
  }

  private async markProcessed(id: string, claimId: string): Promise<void> {
    await this.processed.updateOne(
      { _id: id, claimId },
      { $set: { processedAt: new Date() }, $unset: { claimedUntil: '' } },
    );
  }
}
