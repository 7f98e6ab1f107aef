import type { AggregateVersionField, EventEnvelope } from '@groovy/common/events';
import { Schema, type Connection, type Model } from 'mongoose';

/** A listener's "not interested" mark on a song (for recommendations); `_id` is `<userId>:<songId>`. */
export interface InterestRecord {
  _id: string;
  userId: string;
  songId: string;
  notInterested: boolean;
  at: Date;
  version: number;
  _outbox: EventEnvelope[];
}
export type InterestModel = Model<InterestRecord>;
export const INTEREST_VERSION: AggregateVersionField<InterestRecord> = {
  field: 'version',
  of: (mark) => mark.version,
};

export function createInterestModel(connection: Connection): InterestModel {
  const schema = new Schema<InterestRecord>(
    {
      _id: { type: String, required: true },
      userId: { type: String, required: true },
      songId: { type: String, required: true },
      notInterested: { type: Boolean, required: true },
      at: { type: Date, required: true },
      version: { type: Number, default: 1 },
      _outbox: { type: Schema.Types.Mixed, default: () => [] },
    },
    { versionKey: false },
  );
  schema.index({ userId: 1, notInterested: 1 });
  return connection.model<InterestRecord>('Interest', schema, 'interests');
}
