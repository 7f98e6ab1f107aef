'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useQuery } from '@apollo/client/react';
import { useEffect } from 'react';
import { BellIcon } from '@/preferences/icons';
import { UNREAD_NOTIFICATION_COUNT } from './notifications.operations';
import { badgeText, bellLabel } from './notification-text';

/**
 * The header's bell with the unread count. Asked again on every navigation and when the window
 * gets focus (no polling loop); the notifications page refreshes it after marking everything read.
 * Live updates arrive with `Subscription.notificationAdded` once the router carries subscriptions.
 */
export function NotificationBell() {
  const pathname = usePathname();
  const { data, refetch } = useQuery(UNREAD_NOTIFICATION_COUNT, {
    fetchPolicy: 'cache-and-network',
    ssr: false,
  });
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
