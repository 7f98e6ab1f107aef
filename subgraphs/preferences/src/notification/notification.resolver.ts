import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { Library } from '../library/library';
import type { PreferencesContext } from '../preferences-context';
import type { NotificationService } from './notification.service';

@Resolver(() => Library)
export class LibraryNotificationsResolver {
  constructor(private readonly notifications: NotificationService) {}

  @FieldResolver(() => Int, { description: 'Notifications not yet marked read.' })
  unreadNotificationCount(
    @Root() library: Library,
    @Ctx() _context: PreferencesContext,
  ): Promise<number> {
    return this.notifications.unreadCount(library.userId);
  }
}
