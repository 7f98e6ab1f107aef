import { Schema, type Connection, type Model } from 'mongoose';

/** Failed sign-ins counted per key (`account:<email>` or `ip:<address>`), shared by every replica. */
export interface LoginFailureRecord {
  _id: string;
  failures: number;
  windowStartedAt: Date;
  lockedUntil: Date | null;
  expiresAt: Date;
}

export type LoginFailureModel = Model<LoginFailureRecord>;

export function createLoginFailureModel(connection: Connection): LoginFailureModel {
  const schema = new Schema<LoginFailureRecord>(
    {
      _id: { type: String, required: true },
      failures: { type: Number, required: true },
      windowStartedAt: { type: Date, required: true },
      lockedUntil: { type: Date, default: null },
      expiresAt: { type: Date, required: true },
    },
    { collection: 'login_failures' },
  );
  schema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });
  return connection.model<LoginFailureRecord>('LoginFailure', schema);
}
