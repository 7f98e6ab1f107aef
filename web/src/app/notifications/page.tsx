import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { query } from '@/apollo/server-client';
import { signInRedirectPath } from '@/auth/protected-routes';
import { ServiceUnavailable } from '@/components/ServiceUnavailable';
import type { NotificationsQuery } from '@/gql/graphql';
import { MarkNotificationsRead } from '@/notifications/MarkNotificationsRead';
import { NotificationList } from '@/notifications/NotificationList';
import {
  NOTIFICATIONS_PAGE_SIZE,
  NOTIFICATIONS_QUERY,
} from '@/notifications/notifications.operations';
import { requireSession } from '@/preferences/require-session';

export const metadata: Metadata = { title: 'Notifications' };

type Library = NonNullable<NotificationsQuery['library']>;

async function loadNotifications(): Promise<Library | null | 'unavailable'> {
  try {
    const { data } = await query({
      query: NOTIFICATIONS_QUERY,
      variables: { first: NOTIFICATIONS_PAGE_SIZE },
    });
    return data?.library ?? null;
  } catch (error) {
    console.error('[web] notifications: loading failed', error);
    return 'unavailable';
  }
}

export default async function NotificationsPage() {
  await requireSession('/notifications');
  const library = await loadNotifications();
  if (library === 'unavailable') return <ServiceUnavailable retryHref="/notifications" />;
  if (!library) redirect(signInRedirectPath('/notifications', 'SessionExpired'));
  return (
    <>
      <header className="page-header">
        <h1>Notifications</h1>
        <p>
          {library.unreadNotificationCount > 0
            ? `${library.unreadNotificationCount} new since your last visit.`
            : 'You’re all caught up.'}
        </p>
      </header>
      {/* Opening this page reads them: the bell's count goes to zero. */}
      {library.unreadNotificationCount > 0 ? <MarkNotificationsRead /> : null}
      <NotificationList initial={library.notifications} />
    </>
  );
}
