import type { AggregateVersionField, EventEnvelope } from '@groovy/common/events';
import { Schema, type Connection, type Model } from 'mongoose';

/** The counts preferences keeps per subject (`song:<id>`, `artist:<id>`, `user:<id>`). */
export const COUNTERS = ['likeCount', 'playCount', 'followerCount'] as const;
export type CounterName = (typeof COUNTERS)[number];

/**
 * One subject's counters: each count with its `…Version`, which grows with every change of that
 * count (the `countVersion` of the events). The counter document is the aggregate the count events
 * are written with: a count and the event that announces it land in one write. `appliedOps` holds
 * the ids of the applied changes whose pending marker (toggle `pendingCounts`, play `pendingCount`)
 * may still exist, so a change repaired after a crash is not counted twice — however many changes
 * the subject gets before the repair. An id leaves a grace period after its marker is dropped (CounterService.settled).
 */
export interface CounterRecord {
  _id: string;
  likeCount: number;
  likeCountVersion: number;
  playCount: number;
  playCountVersion: number;
  followerCount: number;
  followerCountVersion: number;
  appliedOps: string[];
  version: number;
  _outbox: EventEnvelope[];
}
export type CounterModel = Model<CounterRecord>;

export const COUNTER_VERSION: AggregateVersionField<CounterRecord> = {
  field: 'version',
  of: (counter) => counter.version,
};

export function createCounterModel(connection: Connection): CounterModel {
  const schema = new Schema<CounterRecord>(
    {
      _id: { type: String, required: true },
      likeCount: { type: Number, default: 0 },
      likeCountVersion: { type: Number, default: 0 },
      playCount: { type: Number, default: 0 },
      playCountVersion: { type: Number, default: 0 },
      followerCount: { type: Number, default: 0 },
      followerCountVersion: { type: Number, default: 0 },
      appliedOps: { type: [String], default: () => [] },
      version: { type: Number, default: 0 },
      _outbox: { type: Schema.Types.Mixed, default: () => [] },
    },
    { versionKey: false },
  );
  return connection.model<CounterRecord>('Counter', schema, 'counters');
}
