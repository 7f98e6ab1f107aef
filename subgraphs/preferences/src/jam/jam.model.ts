import type { AggregateVersionField, EventEnvelope } from '@groovy/common/events';
import { Schema, type Connection, type Model } from 'mongoose';

export interface JamParticipantRecord {
  userId: string;
  joinedAt: Date;
  connected: boolean;
}

export interface JamQueueItemRecord {
  id: string;
  songId: string;
  addedBy: string;
  /** Learnt from the catalogue when added; null = unknown (no automatic advance past it). */
  durationMs: number | null;
}

/**
 * One Jam session, the server's authority on it. Every change is a compare-and-set on `version`
 * (writeWithEvents) that appends its JAM_UPDATED to `_outbox`. `advanceAt` is when the current
 * song ends while playing (the schedulers' index); `presenceSeq` grows with every connection record
 * added or removed, so a presence write made on a stale count of them loses its compare-and-set.
 */
export interface JamSessionRecord {
  _id: string;
  code: string;
  /** True until the session ends: join codes are unique among live sessions only. */
  live: boolean;
  hostId: string;
  /** In the order they joined (the first is the longest present: the next host). */
  participants: JamParticipantRecord[];
  guestsCanControl: boolean;
  queue: JamQueueItemRecord[];
  currentItemId: string | null;
  playing: boolean;
  positionMs: number;
  serverTimeMs: number;
  advanceAt: Date | null;
  endedAt: Date | null;
  createdAt: Date;
  version: number;
  presenceSeq: number;
  _outbox: EventEnvelope[];
}
export type JamSessionModel = Model<JamSessionRecord>;

export const JAM_VERSION: AggregateVersionField<JamSessionRecord> = {
  field: 'version',
  of: (session) => session.version,
};

export function createJamSessionModel(connection: Connection): JamSessionModel {
  const participant = new Schema<JamParticipantRecord>(
    {
      userId: { type: String, required: true },
      joinedAt: { type: Date, required: true },
      connected: { type: Boolean, default: false },
    },
    { _id: false },
  );
  const item = new Schema<JamQueueItemRecord>(
    {
      id: { type: String, required: true },
      songId: { type: String, required: true },
      addedBy: { type: String, required: true },
      durationMs: { type: Number, default: null },
    },
    { _id: false },
  );
  const schema = new Schema<JamSessionRecord>(
    {
      _id: { type: String, required: true },
      code: { type: String, required: true },
      live: { type: Boolean, required: true },
      hostId: { type: String, required: true },
      participants: { type: [participant], default: () => [] },
      guestsCanControl: { type: Boolean, default: false },
      queue: { type: [item], default: () => [] },
      currentItemId: { type: String, default: null },
      playing: { type: Boolean, default: false },
      positionMs: { type: Number, default: 0 },
      serverTimeMs: { type: Number, required: true },
      advanceAt: { type: Date, default: null },
      endedAt: { type: Date, default: null },
      createdAt: { type: Date, required: true },
      version: { type: Number, default: 1 },
      presenceSeq: { type: Number, default: 0 },
      _outbox: { type: Schema.Types.Mixed, default: () => [] },
    },
    { versionKey: false },
  );
  schema.index({ code: 1 }, { unique: true, partialFilterExpression: { live: true } });
  schema.index({ hostId: 1, live: 1 });
  schema.index({ advanceAt: 1 });
  return connection.model<JamSessionRecord>('JamSession', schema, 'jam_sessions');
}

/**
 * One open subscription of a participant to a session, on one instance. `expiresAt` is pushed
 * forward by that instance's heartbeat; a crashed instance's records expire and the sweep of any
 * other instance removes them (and marks their users disconnected when it was their last).
 */
export interface JamConnectionRecord {
  _id: string;
  sessionId: string;
  userId: string;
  instanceId: string;
  expiresAt: Date;
}
export type JamConnectionModel = Model<JamConnectionRecord>;

export function createJamConnectionModel(connection: Connection): JamConnectionModel {
  const schema = new Schema<JamConnectionRecord>(
    {
      _id: { type: String, required: true },
      sessionId: { type: String, required: true },
      userId: { type: String, required: true },
      instanceId: { type: String, required: true },
      expiresAt: { type: Date, required: true },
    },
    { versionKey: false },
  );
  schema.index({ sessionId: 1, userId: 1, expiresAt: 1 });
  schema.index({ instanceId: 1 });
  schema.index({ expiresAt: 1 });
  return connection.model<JamConnectionRecord>('JamConnection', schema, 'jam_connections');
}
