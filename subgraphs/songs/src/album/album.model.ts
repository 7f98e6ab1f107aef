import type { AggregateVersionField, EventEnvelope } from '@groovy/common/events';
import { Schema, type Connection, type Model, type Types } from 'mongoose';
import { excludeSoftDeleted } from '../soft-delete.plugin';

export interface AlbumRecord {
  _id: Types.ObjectId;
  title: string;
  artistId: Types.ObjectId;
  /** The user who created it: the only one who may change it or add songs to it. */
  ownerId: Types.ObjectId;
  /** A calendar date (UTC midnight). */
  releaseDate: Date | null;
  coverUrl: string | null;
  /** Grows by one with every change; events carry it as aggregateVersion. */
  version: number;
  /** Set when deleted: the document stays (left out of every query) until ALBUM_DELETED is published. */
  deletedAt: Date | null;
  /** Events recorded with the change that caused them, until the outbox relay publishes them. */
  _outbox: EventEnvelope[];
  createdAt: Date;
  updatedAt: Date;
}

export type AlbumModel = Model<AlbumRecord>;

export function createAlbumModel(connection: Connection): AlbumModel {
  const schema = new Schema<AlbumRecord>(
    {
      title: { type: String, required: true },
      artistId: { type: Schema.Types.ObjectId, required: true, index: true },
      ownerId: { type: Schema.Types.ObjectId, required: true, index: true },
      releaseDate: { type: Date, default: null },
      coverUrl: { type: String, default: null },
      version: { type: Number, default: 1 },
      deletedAt: { type: Date, default: null },
      _outbox: { type: Schema.Types.Mixed, default: () => [] },
    },
    { timestamps: true, collection: 'albums' },
  );
  excludeSoftDeleted(schema);
  return connection.model<AlbumRecord>('Album', schema);
}

/** An album's version counter (its events' aggregateVersion); albums stored before it existed read as 1. */
export const ALBUM_VERSION: AggregateVersionField<AlbumRecord> = {
  field: 'version',
  of: (album) => album.version ?? 1,
};
