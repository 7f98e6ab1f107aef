import { Schema, type Connection, type Model, type Types } from 'mongoose';

/** A third-party client's key. The secret is shown once; only its SHA-256 hash and prefix are kept. */
export interface ApiKeyRecord {
  _id: Types.ObjectId;
  userId: Types.ObjectId;
  name: string;
  prefix: string;
  secretHash: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export type ApiKeyModel = Model<ApiKeyRecord>;

export function createApiKeyModel(connection: Connection): ApiKeyModel {
  const schema = new Schema<ApiKeyRecord>(
    {
      userId: { type: Schema.Types.ObjectId, required: true },
      name: { type: String, required: true },
      prefix: { type: String, required: true },
      secretHash: { type: String, required: true, unique: true },
      createdAt: { type: Date, required: true },
      lastUsedAt: { type: Date, default: null },
      revokedAt: { type: Date, default: null },
    },
    { collection: 'api_keys' },
  );
  schema.index({ userId: 1, createdAt: -1 });
  return connection.model<ApiKeyRecord>('ApiKey', schema);
}
