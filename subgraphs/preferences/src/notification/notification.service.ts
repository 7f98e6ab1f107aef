import { createEvent, insertWithEvents, type OutboxNotifier } from '@groovy/common/events';
import { Types } from 'mongoose';
import type { Clock } from '../clock';
import { afterPosition, decodeCursor, encodeCursor, OBJECT_ID_KEY } from '../paging/page';
import type {
  NotificationBatchModel,
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
/** Recipients per NOTIFICATIONS_ADDED event (the contract's limit). */
const ANNOUNCE_CHUNK = 1_000;

interface WriteErrorLike {
  code?: number;
  index?: number;
  err?: { code?: number; index?: number };
}

/** The positions an unordered insertMany skipped as duplicates; throws anything else. */
function duplicatePositions(error: unknown): Set<number> {
  const bulk = error as { code?: number; writeErrors?: WriteErrorLike[] | WriteErrorLike };
  const writeErrors = bulk.writeErrors
    ? Array.isArray(bulk.writeErrors)
      ? bulk.writeErrors
      : [bulk.writeErrors]
    : [];
  const positions = new Set<number>();
  for (const writeError of writeErrors) {
    const code = writeError.code ?? writeError.err?.code;
    const index = writeError.index ?? writeError.err?.index;
    if (code !== 11000 || index === undefined) throw error;
    positions.add(index);
  }
  if (writeErrors.length === 0) throw error;
  return positions;
}

/** A listener's notifications: writing them (idempotent per cause and recipient), reading, marking read. */
export interface NotificationCounts {
  total: number;
  unread: number;
}

export class NotificationService {
  constructor(
    private readonly notifications: NotificationModel,
    private readonly batches: NotificationBatchModel,
    private readonly outbox: OutboxNotifier,
    private readonly clock: Clock,
  ) {}

  async ensureIndexes(): Promise<void> {
    await Promise.all([this.notifications.syncIndexes(), this.batches.syncIndexes()]);
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
    let skipped = new Set<number>();
    try {
      await this.notifications.insertMany(documents, { ordered: false, lean: true });
    } catch (error) {
      skipped = duplicatePositions(error);
    }
    const notified = recipientIds.filter((_, index) => !skipped.has(index));
    if (notified.length > 0) await this.announce(content, notified, createdAt);
    return notified.length;
  }

  /**
   * Records NOTIFICATIONS_ADDED for the recipients just notified (after their notifications exist,
   * so a live subscriber can read its own), in chunks of at most 1,000 recipients per event.
   */
  private async announce(
    content: NotificationContent,
    recipientIds: string[],
    at: Date,
  ): Promise<void> {
    for (let start = 0; start < recipientIds.length; start += ANNOUNCE_CHUNK) {
      const chunk = recipientIds.slice(start, start + ANNOUNCE_CHUNK);
      const _id = new Types.ObjectId();
      const event = createEvent({
        type: 'NOTIFICATIONS_ADDED',
        version: 1,
        producer: 'preferences',
        aggregateId: _id.toHexString(),
        aggregateVersion: 1,
        occurredAt: at,
        data: {
          kind: content.kind,
          sourceKey: content.sourceKey,
          recipientIds: chunk,
          at: at.toISOString(),
        },
      });
      await insertWithEvents(
        this.batches,
        { _id, sourceKey: content.sourceKey, recipientCount: chunk.length, createdAt: at },
        [event],
        this.outbox,
      );
    }
  }

  /** A recipient's notification of one cause (what a live NOTIFICATIONS_ADDED points at). */
  findBySource(recipientId: string, sourceKey: string): Promise<NotificationRecord | null> {
    return this.notifications.findOne({ recipientId, sourceKey }).lean().exec();
  }

  /** All and unread notifications of a recipient, in one read (the library page shows both). */
  async counts(recipientId: string): Promise<NotificationCounts> {
    const byRead = await this.notifications
      .aggregate<{ _id: boolean; count: number }>([
        { $match: { recipientId } },
        { $group: { _id: '$read', count: { $sum: 1 } } },
      ])
      .exec();
    const unread = byRead.find((group) => group._id === false)?.count ?? 0;
    const read = byRead.find((group) => group._id === true)?.count ?? 0;
    return { total: unread + read, unread };
  }

  /** A page of a recipient's notifications, newest first (`first` + 1 to tell a next page). */
  page(
    recipientId: string,
    first: number,
    after: string | null | undefined,
  ): Promise<NotificationRecord[]> {
    const position = after ? decodeCursor(CURSOR_KIND, after, OBJECT_ID_KEY) : null;
    return this.notifications
      .find({
        recipientId,
        ...afterPosition(position, 'createdAt', '_id', (key) => new Types.ObjectId(key)),
      })
      .sort({ createdAt: -1, _id: -1 })
      .limit(first + 1)
      .lean()
      .exec();
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
