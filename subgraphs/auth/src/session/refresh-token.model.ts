import { Schema, type Connection, type Model, type Types } from 'mongoose';

/**
 * One refresh token. Only its SHA-256 hash is stored. Tokens of one sign-in form a family: each use
 * rotates to a new token in the family; presenting a rotated token again revokes the whole family,
 * unless it comes within the reuse grace window: then it gets the same successor, derived from the
 * presented token and `successorSalt` (so no plaintext token is ever stored).
 */
export interface RefreshTokenRecord {
  _id: Types.ObjectId;
  tokenHash: string;
  familyId: string;
  userId: Types.ObjectId;
  expiresAt: Date;
  rotatedAt: Date | null;
  /** Set when rotated: with the presented token it derives the successor (see deriveOpaqueToken). */
  successorSalt?: string | null;
  revokedAt: Date | null;
  createdAt: Date;
}

export type RefreshTokenModel = Model<RefreshTokenRecord>;

export function createRefreshTokenModel(connection: Connection): RefreshTokenModel {
  const schema = new Schema<RefreshTokenRecord>(
    {
      tokenHash: { type: String, required: true, unique: true },
      familyId: { type: String, required: true, index: true },
      userId: { type: Schema.Types.ObjectId, required: true, index: true },
      expiresAt: { type: Date, required: true },
      rotatedAt: { type: Date, default: null },
      successorSalt: { type: String, default: null },
      revokedAt: { type: Date, default: null },
      createdAt: { type: Date, required: true },
    },
    { collection: 'refresh_tokens' },
  );
  // Expired tokens are removed by MongoDB's TTL monitor a day after they stop working.
  schema.index({ expiresAt: 1 }, { expireAfterSeconds: 24 * 60 * 60 });
  return connection.model<RefreshTokenRecord>('RefreshToken', schema);
}
