import type { NotificationModel } from './notification.model';

/** A listener's notifications: reading them, counting the unread, marking them read. */
export class NotificationService {
  constructor(private readonly notifications: NotificationModel) {}

  unreadCount(recipientId: string): Promise<number> {
    return this.notifications.countDocuments({ recipientId, read: false }).exec();
  }
}
