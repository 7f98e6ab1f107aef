import { Schema, type Connection, type Model } from 'mongoose';

/** The generated access-token signing key, when none is configured (one document, `_id: 'current'`). */
export interface SigningKeyRecord {
  _id: string;
  kid: string;
  privateJwk: string;
  createdAt: Date;
}

export type SigningKeyModel = Model<SigningKeyRecord>;

export function createSigningKeyModel(connection: Connection): SigningKeyModel {
  const schema = new Schema<SigningKeyRecord>(
    {
      _id: { type: String, required: true },
      kid: { type: String, required: true },
      privateJwk: { type: String, required: true },
      createdAt: { type: Date, required: true },
    },
    { collection: 'signing_keys' },
  );
  return connection.model<SigningKeyRecord>('SigningKey', schema);
}
