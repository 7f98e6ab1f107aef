import type { AggregateVersionField, EventEnvelope } from '@groovy/common/events';
import { Schema, type Connection, type Model, type Types } from 'mongoose';

export interface UserRecord {
  _id: Types.ObjectId;
  /** As the person typed it (for display); `emailNormalised` is what is unique. */
  email: string;
  emailNormalised: string;
  displayName: string;
  avatarUrl: string | null;
  /** Argon2id; null for accounts that only sign in with Google. */
  passwordHash: string | null;
  googleSubject: string | null;
  /**
   * Roles granted by an operator (`npm run roles`), e.g. `['MODERATOR']`; none by default. Signed into
   * every access token, so a change shows at the user's next token refresh. Not part of the public
   * profile: no event, no version change. A stored role the code no longer knows is ignored.
   */
  roles: string[];
  /** Grows by one with every change of the public profile; events carry it as aggregateVersion. */
  version: number;
  /** Events recorded with the change that caused them, until the outbox relay publishes them. */
  _outbox: EventEnvelope[];
  createdAt: Date;
  updatedAt: Date;
}

export type UserModel = Model<UserRecord>;

export function createUserModel(connection: Connection): UserModel {
  const schema = new Schema<UserRecord>(
    {
      email: { type: String, required: true },
      emailNormalised: { type: String, required: true, unique: true },
      displayName: { type: String, required: true },
      avatarUrl: { type: String, default: null },
      passwordHash: { type: String, default: null },
      googleSubject: { type: String, default: null },
      roles: { type: [String], default: () => [] },
      version: { type: Number, default: 1 },
      // Plain event envelopes, stored as written (see common/src/events/README.md, "The outbox").
      _outbox: { type: Schema.Types.Mixed, default: () => [] },
    },
    { timestamps: true, collection: 'users' },
  );
  schema.index(
    { googleSubject: 1 },
    { unique: true, partialFilterExpression: { googleSubject: { $type: 'string' } } },
  );
  return connection.model<UserRecord>('User', schema);
}

/** A user's version counter (USER_* events' aggregateVersion); users stored before it existed read as 1. */
export const USER_VERSION: AggregateVersionField<UserRecord> = {
  field: 'version',
  of: (user) => user.version ?? 1,
};
