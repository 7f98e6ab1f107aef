import type { AggregateVersionField, EventEnvelope } from '@groovy/common/events';
import { Schema, type Connection, type Model, type Types } from 'mongoose';
import { excludeSoftDeleted } from '../soft-delete.plugin';

export const SONG_STATUSES = ['PENDING_UPLOAD', 'PROCESSING', 'READY', 'FAILED'] as const;
export type SongStatusValue = (typeof SONG_STATUSES)[number];

export interface RenditionRecord {
  bitrateKbps: number;
  codec: string;
  /** Storage key of the rendition's media playlist. */
  playlistKey: string;
}

/** Where the song's HLS outputs are; URLs are made from these keys when read (they may be signed). */
export interface StreamRecord {
  masterKey: string;
  renditions: RenditionRecord[];
}

/** The upload's last word from the HLS worker. */
export interface ProcessingRecord {
  jobId: string | null;
  /** `occurredAt` of the last webhook call applied: older calls are ignored. */
  lastEventAt: Date | null;
  /** Outcome of the last webhook call applied (PROCESSING, READY or FAILED). */
  lastOutcome: 'PROCESSING' | 'READY' | 'FAILED' | null;
  /** Jobs started for this upload (a worker retry is a new job). */
  attempts: number;
  /** When the current job was first reported (the processing timeout counts from here). */
  startedAt: Date | null;
}

export interface SongRecord {
  _id: Types.ObjectId;
  title: string;
  artistId: Types.ObjectId;
  albumId: Types.ObjectId | null;
  genre: string | null;
  tags: string[];
  uploaderId: Types.ObjectId;
  status: SongStatusValue;
  failureReason: string | null;
  /** The worker's failure code (NOT_AUDIO, CORRUPT, …) or TIMEOUT from the sweeper. */
  failureCode: string | null;
  /** `uploads/<songId>/original.<ext>`. */
  uploadKey: string;
  uploadContentType: string;
  uploadSizeBytes: number;
  /** When the signed upload URL stops working; the sweeper deletes the song a grace period later if nothing came. */
  uploadExpiresAt: Date;
  durationMs: number | null;
  loudnessLufs: number | null;
  truePeakDbtp: number | null;
  waveform: number[] | null;
  stream: StreamRecord | null;
  coverKey: string | null;
  processing: ProcessingRecord;
  /** Bumped by every write: updates are conditional on it, so concurrent writers can't lose each other's changes. */
  revision: number;
  /** Set when deleted: the document stays (left out of every query) until SONG_DELETED is published. */
  deletedAt: Date | null;
  /** Events recorded with the change that caused them, until the outbox relay publishes them. */
  _outbox: EventEnvelope[];
  createdAt: Date;
  updatedAt: Date;
}

export type SongModel = Model<SongRecord>;

export function createSongModel(connection: Connection): SongModel {
  const rendition = new Schema<RenditionRecord>(
    { bitrateKbps: Number, codec: String, playlistKey: String },
    { _id: false },
  );
  const schema = new Schema<SongRecord>(
    {
      title: { type: String, required: true },
      artistId: { type: Schema.Types.ObjectId, required: true },
      albumId: { type: Schema.Types.ObjectId, default: null, index: true },
      genre: { type: String, default: null },
      tags: { type: [String], default: [] },
      uploaderId: { type: Schema.Types.ObjectId, required: true },
      status: { type: String, enum: SONG_STATUSES, required: true },
      failureReason: { type: String, default: null },
      failureCode: { type: String, default: null },
      uploadKey: { type: String, required: true },
      uploadContentType: { type: String, required: true },
      uploadSizeBytes: { type: Number, required: true },
      uploadExpiresAt: { type: Date, required: true },
      durationMs: { type: Number, default: null },
      loudnessLufs: { type: Number, default: null },
      truePeakDbtp: { type: Number, default: null },
      waveform: { type: [Number], default: null },
      stream: {
        type: new Schema<StreamRecord>(
          { masterKey: String, renditions: [rendition] },
          { _id: false },
        ),
        default: null,
      },
      coverKey: { type: String, default: null },
      processing: {
        type: new Schema<ProcessingRecord>(
          {
            jobId: { type: String, default: null },
            lastEventAt: { type: Date, default: null },
            lastOutcome: { type: String, default: null },
            attempts: { type: Number, default: 0 },
            startedAt: { type: Date, default: null },
          },
          { _id: false },
        ),
        default: () => ({}),
      },
      revision: { type: Number, default: 0 },
      deletedAt: { type: Date, default: null },
      // Plain event envelopes, stored as written (see common/src/events/README.md, "The outbox").
      _outbox: { type: Schema.Types.Mixed, default: () => [] },
    },
    { timestamps: true, collection: 'songs' },
  );
  // Artist pages and profiles (a user's uploads) list newest first; the sweeper finds songs by status.
  schema.index({ artistId: 1, createdAt: -1, _id: -1 });
  schema.index({ uploaderId: 1, createdAt: -1, _id: -1 });
  schema.index({ status: 1, uploadExpiresAt: 1 });
  excludeSoftDeleted(schema);
  return connection.model<SongRecord>('Song', schema);
}

/** A song's version counter: stored with revision 0, its events carry `revision + 1`. */
export const SONG_REVISION: AggregateVersionField<SongRecord> = {
  field: 'revision',
  of: (song) => song.revision,
};
