import { Schema, type Connection, type Model, type Types } from 'mongoose';

export interface ArtistRecord {
  _id: Types.ObjectId;
  /** As first typed (for display). */
  name: string;
  /** Lower-cased, whitespace-collapsed `name`: unique, so "Daft Punk" and "daft  punk" are one artist. */
  nameKey: string;
  createdAt: Date;
}

export type ArtistModel = Model<ArtistRecord>;

export function createArtistModel(connection: Connection): ArtistModel {
  const schema = new Schema<ArtistRecord>(
    {
      name: { type: String, required: true },
      nameKey: { type: String, required: true, unique: true },
      createdAt: { type: Date, required: true },
    },
    { collection: 'artists' },
  );
  return connection.model<ArtistRecord>('Artist', schema);
}
