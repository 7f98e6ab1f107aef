import { Schema, type Connection, type Model } from 'mongoose';

/** A change of a toggle not yet reflected in its subject's counter (see ToggleService). */
export interface PendingCount {
  opId: string;
  delta: 1 | -1;
  at: Date;
  /** The toggle's version this change gave it (the event's aggregateVersion). */
  version: number;
}

/**
 * A listener's on/off relation to one thing: a like (song), a follow (artist or user). `_id` is
 * `<userId>:<targetId>`; `at` is when it was last switched; `version` grows with every switch.
 * `targetDeleted` leaves a liked song that was deleted out of the lists.
 */
export interface ToggleRecord {
  _id: string;
  userId: string;
  targetId: string;
  on: boolean;
  at: Date;
  version: number;
  pendingCounts: PendingCount[];
  targetDeleted: boolean;
}
export type ToggleModel = Model<ToggleRecord>;

export function createToggleModel(
  connection: Connection,
  modelName: string,
  collection: string,
): ToggleModel {
  const schema = new Schema<ToggleRecord>(
    {
      _id: { type: String, required: true },
      userId: { type: String, required: true },
      targetId: { type: String, required: true },
      on: { type: Boolean, required: true },
      at: { type: Date, required: true },
      version: { type: Number, required: true },
      pendingCounts: {
        type: [{ _id: false, opId: String, delta: Number, at: Date, version: Number }],
        default: () => [],
      },
      targetDeleted: { type: Boolean, default: false },
    },
    { versionKey: false },
  );
  // A listener's list, newest first (liked songs, followed artists).
  schema.index({ userId: 1, on: 1, targetDeleted: 1, at: -1, _id: -1 });
  // Everyone switched on for a target (followers of an artist for a release; likes of a deleted song).
  schema.index({ targetId: 1, on: 1, userId: 1 });
  schema.index({ 'pendingCounts.at': 1 }, { sparse: true });
  return connection.model<ToggleRecord>(modelName, schema, collection);
}
