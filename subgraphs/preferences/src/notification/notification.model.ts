import { NOTIFICATION_KINDS, type EventEnvelope } from '@groovy/common/events';
import { Schema, type Connection, type Model, type Types } from 'mongoose';
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

/**
 * One write of notifications of one cause (a fan-out batch, or a single notification), carrying the
 * NOTIFICATIONS_ADDED event that lets every instance push them to live subscribers. Kept a day.
 */
export interface NotificationBatchRecord {
  _id: Types.ObjectId;
  sourceKey: string;
  recipientCount: number;
  createdAt: Date;
  _outbox: EventEnvelope[];
}
export type NotificationBatchModel = Model<NotificationBatchRecord>;

export function createNotificationBatchModel(connection: Connection): NotificationBatchModel {
  const schema = new Schema<NotificationBatchRecord>(
    {
      sourceKey: { type: String, required: true },
      recipientCount: { type: Number, required: true },
      createdAt: { type: Date, required: true },
      _outbox: { type: Schema.Types.Mixed, default: () => [] },
    },
    { versionKey: false },
  );
  schema.index({ createdAt: 1 }, { expireAfterSeconds: 24 * 3600 });
  return connection.model<NotificationBatchRecord>(
    'NotificationBatch',
    schema,
    'notification_batches',
  );
}
