import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { query } from '@/apollo/server-client';
import { signInRedirectPath } from '@/auth/protected-routes';
import { ServiceUnavailable } from '@/components/ServiceUnavailable';
import { formatDate } from '@/format/dates';
import type { NotificationsQuery } from '@/gql/graphql';
import { MarkNotificationsRead } from '@/notifications/MarkNotificationsRead';
import { notificationHref, notificationText } from '@/notifications/notification-text';
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
  const notifications = library.notifications.edges.map((edge) => edge.node);
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
      {notifications.length === 0 ? (
        <p className="empty-state">Nothing yet. Follow artists to hear about their new releases.</p>
      ) : (
        <ul className="notification-list" aria-label="Notifications">
          {notifications.map((notification) => {
            const href = notificationHref(notification);
            const text = notificationText(notification);
            return (
              <li
                key={notification.id}
                className="notification"
                data-unread={notification.read ? undefined : 'true'}
                data-kind={notification.kind}
              >
                {notification.read ? null : <span className="visually-hidden">New: </span>}
                {href ? <Link href={href}>{text}</Link> : <span>{text}</span>}
                <time className="notification__time" dateTime={notification.createdAt}>
                  {formatDate(notification.createdAt)}
                </time>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
