'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useQuery, useSubscription } from '@apollo/client/react';
import { useEffect } from 'react';
import { onSubscriptionReconnected } from '@/graphql/subscription-connection';
import { BellIcon } from '@/preferences/icons';
import { useSignedIn } from '@/preferences/use-signed-in';
import { notificationArrived } from './live-notifications';
import { NOTIFICATION_ADDED, UNREAD_NOTIFICATION_COUNT } from './notifications.operations';
import { badgeText, bellLabel } from './notification-text';

/**
 * The header's bell with the unread count. Signed in, the count rises live: every
 * `Subscription.notificationAdded` (graphql-ws through the router) adds one to the cached count.
 * What a dropped socket missed is not replayed, so the count is asked again whenever the socket
 * reconnects; also on every navigation and when the window gets focus (no polling loop). The
 * notifications page refreshes it after marking everything read. Each arrival is also handed on
 * (live-notifications.ts) to the notifications page, which puts it on top.
 */
export function NotificationBell() {
  const pathname = usePathname();
  const { signedIn } = useSignedIn();
  const { data, refetch, client } = useQuery(UNREAD_NOTIFICATION_COUNT, {
    fetchPolicy: 'cache-and-network',
    ssr: false,
  });
  useSubscription(NOTIFICATION_ADDED, {
    skip: !signedIn,
    onData: ({ data: added }) => {
      const notification = added.data?.notificationAdded;
      if (!notification) return;
      notificationArrived(notification);
      if (notification.read) return;
      client.cache.updateQuery({ query: UNREAD_NOTIFICATION_COUNT }, (current) =>
        current?.library
          ? {
              ...current,
              library: {
                ...current.library,
                unreadNotificationCount: current.library.unreadNotificationCount + 1,
              },
            }
          : current,
      );
    },
  });
  useEffect(() => {
    if (!signedIn) return;
    return onSubscriptionReconnected(() => void refetch().catch(() => undefined));
  }, [signedIn, refetch]);
  useEffect(() => {
    void refetch().catch(() => undefined);
  }, [pathname, refetch]);
  useEffect(() => {
    const onFocus = () => void refetch().catch(() => undefined);
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, [refetch]);
  const unread = data?.library?.unreadNotificationCount ?? 0;
  return (
    <Link
      href="/notifications"
      className="header-bell"
      aria-label={bellLabel(unread)}
      aria-current={pathname === '/notifications' ? 'page' : undefined}
      data-unread={unread}
    >
      <BellIcon />
      {unread > 0 ? (
        <span className="header-bell__badge" aria-hidden="true">
          {badgeText(unread)}
        </span>
      ) : null}
    </Link>
  );
}
