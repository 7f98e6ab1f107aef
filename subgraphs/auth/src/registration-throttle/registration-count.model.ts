import { Schema, type Connection, type Model } from 'mongoose';

/** Registrations counted per client address (`ip:<address>`) in one window, shared by every replica. */
export interface RegistrationCountRecord {
  _id: string;
  count: number;
  windowStartedAt: Date;
  expiresAt: Date;
}

export type RegistrationCountModel = Model<RegistrationCountRecord>;

export function createRegistrationCountModel(connection: Connection): RegistrationCountModel {
  const schema = new Schema<RegistrationCountRecord>(
    {
      _id: { type: String, required: true },
      count: { type: Number, required: true },
      windowStartedAt: { type: Date, required: true },
      expiresAt: { type: Date, required: true },
    },
    { collection: 'registration_counts' },
  );
  schema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });
  return connection.model<RegistrationCountRecord>('RegistrationCount', schema);
}
