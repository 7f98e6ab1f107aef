import { Schema, type Connection, type Model, type Types } from 'mongoose';

export interface AlbumRecord {
  _id: Types.ObjectId;
  title: string;
  artistId: Types.ObjectId;
  /** The user who created it: the only one who may change it or add songs to it. */
  ownerId: Types.ObjectId;
  /** A calendar date (UTC midnight). */
  releaseDate: Date | null;
  coverUrl: string | null;
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
    },
    { timestamps: true, collection: 'albums' },
  );
  return connection.model<AlbumRecord>('Album', schema);
}
