import { NotFoundError } from '@groovy/common/errors';
import type { EventEnvelope } from '@groovy/common/events';
import { requireUserId } from '@groovy/common/subgraph';
import { Arg, Ctx, FieldResolver, Int, Mutation, Resolver, Root, Subscription } from 'type-graphql';
import { commentEntity, songEntity, userEntity } from '../catalogue/entities';
import { Library } from '../library/library';
import { pageOf, parsePageSize } from '../paging/page';
import type { PreferencesContext } from '../preferences-context';
import type { NotificationRecord } from './notification.model';
import type { NotificationService } from './notification.service';
import { Notification, NotificationConnection, NotificationKind } from './notification.types';

export function toNotification(record: NotificationRecord): Notification {
  return {
    id: record._id.toHexString(),
    kind: record.kind as NotificationKind,
    createdAt: record.createdAt,
    read: record.read,
    song: record.songId ? songEntity(record.songId) : null,
    comment: record.commentId ? commentEntity(record.commentId) : null,
    actor: record.actorId ? userEntity(record.actorId) : null,
  };
}

@Resolver(() => Library)
export class LibraryNotificationsResolver {
  constructor(private readonly service: NotificationService) {}

  @FieldResolver(() => NotificationConnection, {
    description: 'Your notifications, newest first; `first` 0-100 (default 20).',
  })
  async notifications(
    @Root() library: Library,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() context: PreferencesContext,
  ): Promise<NotificationConnection> {
    const size = parsePageSize(first);
    const [notifications, counts] = await Promise.all([
      this.service.page(library.userId, size, after),
      context.loaders.notificationCounts.load(library.userId),
    ]);
    const total = counts.total;
    return {
      ...pageOf(notifications, size, (record) => ({
        cursor: this.service.cursorOf(record),
        node: toNotification(record),
      })),
      totalCount: total,
    };
  }

  @FieldResolver(() => Int, { description: 'Notifications not yet marked read.' })
  async unreadNotificationCount(
    @Root() library: Library,
    @Ctx() context: PreferencesContext,
  ): Promise<number> {
    return (await context.loaders.notificationCounts.load(library.userId)).unread;
  }
}

@Resolver()
export class NotificationMutationsResolver {
  constructor(private readonly notifications: NotificationService) {}

  @Mutation(() => Int, {
    description: 'Mark all your notifications read; returns how many were unread.',
  })
  markNotificationsRead(@Ctx() context: PreferencesContext): Promise<number> {
    return this.notifications.markAllRead(requireUserId(context));
  }
}

interface NotificationsAddedData {
  recipientIds: string[];
  sourceKey: string;
}

@Resolver()
export class NotificationSubscriptionResolver {
  constructor(private readonly notifications: NotificationService) {}

  @Subscription(() => Notification, {
    description:
      'Your notifications as they are written (over graphql-ws). Signed-in callers only.',
    // Evaluated when the subscription starts: a signed-out caller is refused there and then.
    topics: ({ context }: { context: PreferencesContext }) => {
      requireUserId(context);
      return 'NOTIFICATIONS_ADDED';
    },
    filter: ({ payload, context }: { payload: EventEnvelope; context: PreferencesContext }) =>
      context.viewerId !== null &&
      (payload.data as NotificationsAddedData).recipientIds.includes(context.viewerId),
  })
  async notificationAdded(
    @Root() event: EventEnvelope,
    @Ctx() context: PreferencesContext,
  ): Promise<Notification> {
    const { sourceKey } = event.data as NotificationsAddedData;
    const record = await this.notifications.findBySource(requireUserId(context), sourceKey);
    if (!record) throw new NotFoundError('Notification', sourceKey);
    return toNotification(record);
  }
}
