import { Schema, type Connection, type Model } from 'mongoose';

/** A listener's stars for an album (1–5); `_id` is `<userId>:<albumId>`. No row: not rated. */
export interface RatingRecord {
  _id: string;
  userId: string;
  albumId: string;
  stars: number;
  at: Date;
}
export type RatingModel = Model<RatingRecord>;

export function createRatingModel(connection: Connection): RatingModel {
  const schema = new Schema<RatingRecord>(
    {
      _id: { type: String, required: true },
      userId: { type: String, required: true },
      albumId: { type: String, required: true },
      stars: { type: Number, required: true, min: 1, max: 5 },
      at: { type: Date, required: true },
    },
    { versionKey: false },
  );
  schema.index({ albumId: 1, stars: 1 });
  return connection.model<RatingRecord>('Rating', schema, 'ratings');
}
