import type { AggregateVersionField, EventEnvelope } from '@groovy/common/events';
import { Schema, type Connection, type Model } from 'mongoose';
import type { CommentTargetTypeValue } from './target-key';

/**
 * What comments knows of a commented song, album or playlist (from the songs and preferences
 * events), and its visible comment count. The count's changes and the COMMENT_* events that carry
 * it are written here, in one write (see CommentCountWriter).
 */
export interface TargetRecord {
  /** `SONG:<id>`, … (target-key.ts). */
  _id: string;
  type: CommentTargetTypeValue;
  targetId: string;
  /** The song's uploader, the album's or the playlist's owner: may delete and hide comments. */
  ownerId: string | null;
  /** Who else may see it when it is not public (a private playlist's collaborators). */
  memberIds: string[];
  /** Visible to everyone (a READY song, an album, a PUBLIC playlist); otherwise to its owner and members. */
  public: boolean;
  /** A song's duration (timed comments pin to 0..durationMs); null for others or until known. */
  durationMs: number | null;
  /** Heard of through its events (a count may exist before: an unfinished write). */
  known: boolean;
  /** Deleted: its comments are out of every list. */
  gone: boolean;
  /** Visible comments (not deleted, not hidden), replies included. */
  commentCount: number;
  /** Listed top-level comments (a page's totalCount). */
  listedCount: number;
  /** Listed timed top-level comments (a TIMELINE page's totalCount). */
  timedCount: number;
  /** The last `seq` handed to a top-level comment (list-keys.ts). */
  lastSeq: number;
  /** Grows with every change of `commentCount` (the COMMENT_* events carry it). */
  countVersion: number;
  /** The last count changes applied, so a repeated one is not applied twice. */
  appliedChanges: string[];
  version: number;
  _outbox: EventEnvelope[];
}

export type TargetModel = Model<TargetRecord>;

export const TARGET_VERSION: AggregateVersionField<TargetRecord> = {
  field: 'version',
  of: (target) => target.version ?? 0,
};

/** How many applied change ids a target remembers (far more than can be in flight at once). */
export const APPLIED_CHANGES_KEPT = 200;

export function createTargetModel(connection: Connection): TargetModel {
  const schema = new Schema<TargetRecord>(
    {
      _id: { type: String, required: true },
      type: { type: String, required: true },
      targetId: { type: String, required: true },
      ownerId: { type: String, default: null },
      memberIds: { type: [String], default: () => [] },
      public: { type: Boolean, default: false },
      durationMs: { type: Number, default: null },
      known: { type: Boolean, default: false },
      gone: { type: Boolean, default: false },
      commentCount: { type: Number, default: 0 },
      listedCount: { type: Number, default: 0 },
      timedCount: { type: Number, default: 0 },
      lastSeq: { type: Number, default: 0 },
      countVersion: { type: Number, default: 0 },
      appliedChanges: { type: [String], default: () => [] },
      version: { type: Number, default: 0 },
      _outbox: { type: Schema.Types.Mixed, default: () => [] },
    },
    { versionKey: false },
  );
  return connection.model<TargetRecord>('CommentTarget', schema, 'comment_targets');
}
