import type { EventEnvelope } from '@groovy/common/events';
import { Schema, type Connection, type Model, type Types } from 'mongoose';

export interface ArtistRecord {
  _id: Types.ObjectId;
  /** As first typed (for display). */
  name: string;
  /** Lower-cased, whitespace-collapsed `name`: unique, so "Daft Punk" and "daft  punk" are one artist. */
  nameKey: string;
  /** Grows by one with every change; events carry it as aggregateVersion (1: created). */
  version: number;
  /** Events recorded with the change that caused them, until the outbox relay publishes them. */
  _outbox: EventEnvelope[];
  createdAt: Date;
}

export type ArtistModel = Model<ArtistRecord>;

export function createArtistModel(connection: Connection): ArtistModel {
  const schema = new Schema<ArtistRecord>(
    {
      name: { type: String, required: true },
      nameKey: { type: String, required: true, unique: true },
      createdAt: { type: Date, required: true },
      version: { type: Number, default: 1 },
      _outbox: { type: Schema.Types.Mixed, default: () => [] },
    },
    { collection: 'artists' },
  );
  return connection.model<ArtistRecord>('Artist', schema);
}
