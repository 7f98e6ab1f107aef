import { Types } from 'mongoose';
import type { Clock } from '../clock';
import { afterPosition, decodeCursor, encodeCursor, OBJECT_ID_KEY } from '../paging/page';
import type {
  NotificationKindName,
  NotificationModel,
  NotificationRecord,
} from './notification.model';

/** What a notification is about (the same for every recipient of one cause). */
export interface NotificationContent {
  kind: NotificationKindName;
  /** The cause, unique per recipient: `NEW_RELEASE:<songId>`, `COMMENT_REPLY:<commentId>`, … */
  sourceKey: string;
  songId?: string | null;
  commentId?: string | null;
  actorId?: string | null;
  jamId?: string | null;
}

const CURSOR_KIND = 'notifications';

function duplicateKeysOnly(error: unknown): boolean {
  const bulk = error as { code?: number; writeErrors?: Array<{ code?: number }> };
  if (bulk.writeErrors?.length) return bulk.writeErrors.every((e) => e.code === 11000);
  return bulk.code === 11000;
}

/** A listener's notifications: writing them (idempotent per cause and recipient), reading, marking read. */
export class NotificationService {
  constructor(
    private readonly notifications: NotificationModel,
    private readonly clock: Clock,
  ) {}

  async ensureIndexes(): Promise<void> {
    await this.notifications.syncIndexes();
  }

  /**
   * Notifies `recipientIds` of one cause in a single unordered insertMany. A recipient who already
   * has this cause's notification (a redelivered event, a resumed fan-out) is skipped by the unique
   * (recipient, cause) key. Returns how many were written.
   */
  async notify(recipientIds: readonly string[], content: NotificationContent): Promise<number> {
    if (recipientIds.length === 0) return 0;
    const createdAt = this.clock.now();
    const documents = recipientIds.map((recipientId) => ({
      _id: new Types.ObjectId(),
      recipientId,
      kind: content.kind,
      sourceKey: content.sourceKey,
      createdAt,
      read: false,
      songId: content.songId ?? null,
      commentId: content.commentId ?? null,
      actorId: content.actorId ?? null,
      jamId: content.jamId ?? null,
    }));
    try {
      const inserted = await this.notifications.insertMany(documents, {
        ordered: false,
        lean: true,
      });
      return inserted.length;
    } catch (error) {
      if (!duplicateKeysOnly(error)) throw error;
      const result = error as { insertedDocs?: unknown[]; result?: { insertedCount?: number } };
      return result.insertedDocs?.length ?? result.result?.insertedCount ?? 0;
    }
  }

  unreadCount(recipientId: string): Promise<number> {
    return this.notifications.countDocuments({ recipientId, read: false }).exec();
  }

  async list(
    recipientId: string,
    first: number,
    after: string | null | undefined,
  ): Promise<{ notifications: NotificationRecord[]; total: number }> {
    const position = after ? decodeCursor(CURSOR_KIND, after, OBJECT_ID_KEY) : null;
    const [notifications, total] = await Promise.all([
      this.notifications
        .find({
          recipientId,
          ...afterPosition(position, 'createdAt', '_id', (key) => new Types.ObjectId(key)),
        })
        .sort({ createdAt: -1, _id: -1 })
        .limit(first + 1)
        .lean()
        .exec(),
      this.notifications.countDocuments({ recipientId }).exec(),
    ]);
    return { notifications, total };
  }

  cursorOf(notification: NotificationRecord): string {
    return encodeCursor(CURSOR_KIND, {
      at: notification.createdAt,
      key: notification._id.toHexString(),
    });
  }

  /** Marks every unread notification of the recipient read; returns how many changed. */
  async markAllRead(recipientId: string): Promise<number> {
    const marked = await this.notifications
      .updateMany({ recipientId, read: false }, { $set: { read: true } })
      .exec();
    return marked.modifiedCount;
  }
}
