import { Schema, type Connection, type Model, type Types } from 'mongoose';

export const NOTIFICATION_KINDS = [
  'NEW_RELEASE',
  'COMMENT_REPLY',
  'NEW_FOLLOWER',
  'JAM_INVITE',
] as const;
export type NotificationKindName = (typeof NOTIFICATION_KINDS)[number];

/**
 * One notification for one recipient. `sourceKey` names what caused it (`NEW_RELEASE:<songId>`,
 * `COMMENT_REPLY:<commentId>`, …): unique per recipient, so a redelivered event or a replayed
 * fan-out batch never notifies anyone twice. Ids of other subgraphs' things are kept as strings.
 */
export interface NotificationRecord {
  _id: Types.ObjectId;
  recipientId: string;
  kind: NotificationKindName;
  sourceKey: string;
  createdAt: Date;
  read: boolean;
  songId: string | null;
  commentId: string | null;
  actorId: string | null;
  jamId: string | null;
}
export type NotificationModel = Model<NotificationRecord>;

export function createNotificationModel(connection: Connection): NotificationModel {
  const schema = new Schema<NotificationRecord>(
    {
      recipientId: { type: String, required: true },
      kind: { type: String, enum: NOTIFICATION_KINDS, required: true },
      sourceKey: { type: String, required: true },
      createdAt: { type: Date, required: true },
      read: { type: Boolean, default: false },
      songId: { type: String, default: null },
      commentId: { type: String, default: null },
      actorId: { type: String, default: null },
      jamId: { type: String, default: null },
    },
    { versionKey: false },
  );
  schema.index({ recipientId: 1, sourceKey: 1 }, { unique: true });
  // Newest first per recipient, and the unread count.
  schema.index({ recipientId: 1, createdAt: -1, _id: -1 });
  schema.index({ recipientId: 1, read: 1 });
  return connection.model<NotificationRecord>('Notification', schema, 'notifications');
}
