import { Schema, type Connection, type Model } from 'mongoose';

/**
 * A notification to every follower of an artist (today: NEW_RELEASE), written in batches by the
 * fan-out worker, never by the event consumer itself. `_id` is the cause (`NEW_RELEASE:<songId>`),
 * so one song makes one job however often its READY event arrives. `afterUserId` is how far the
 * job got (followers are walked in user id order): a job taken over after a crash resumes there.
 */
export interface FanoutJobRecord {
  _id: string;
  kind: 'NEW_RELEASE';
  artistId: string;
  songId: string;
  /** Not notified even if they follow (the uploader, about their own song). */
  excludeUserId: string | null;
  afterUserId: string | null;
  notified: number;
  done: boolean;
  /** A worker holds the job until then; another takes it over after. */
  leaseUntil: Date;
  createdAt: Date;
  finishedAt: Date | null;
}
export type FanoutJobModel = Model<FanoutJobRecord>;

export function createFanoutJobModel(connection: Connection): FanoutJobModel {
  const schema = new Schema<FanoutJobRecord>(
    {
      _id: { type: String, required: true },
      kind: { type: String, required: true },
      artistId: { type: String, required: true },
      songId: { type: String, required: true },
      excludeUserId: { type: String, default: null },
      afterUserId: { type: String, default: null },
      notified: { type: Number, default: 0 },
      done: { type: Boolean, default: false },
      leaseUntil: { type: Date, required: true },
      createdAt: { type: Date, required: true },
      finishedAt: { type: Date, default: null },
    },
    { versionKey: false },
  );
  schema.index({ done: 1, leaseUntil: 1, createdAt: 1 });
  schema.index({ artistId: 1, createdAt: 1 });
  return connection.model<FanoutJobRecord>('FanoutJob', schema, 'fanout_jobs');
}
