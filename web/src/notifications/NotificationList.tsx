'use client';

import Link from 'next/link';
import { useApolloClient } from '@apollo/client/react';
import { useCallback, useEffect, useMemo } from 'react';
import { LoadMoreFooter } from '@/components/LoadMoreFooter';
import { formatDate } from '@/format/dates';
import type { NotificationFieldsFragment, NotificationsQuery } from '@/gql/graphql';
import { pagedListOf, prependLive, type PagedList } from '@/graphql/paged-list';
import { usePagedList } from '@/graphql/use-paged-list';
import { notificationHref, notificationText } from './notification-text';
import { onNotificationArrived } from './live-notifications';
import { NOTIFICATIONS_PAGE_SIZE, NOTIFICATIONS_QUERY } from './notifications.operations';

type Connection = NonNullable<NotificationsQuery['library']>['notifications'];

const byId = (notification: NotificationFieldsFragment) => notification.id;

/**
 * The notifications, newest first: the first page from the server render, new ones put on top as
 * they arrive (the bell's Subscription.notificationAdded, live-notifications.ts), older ones with
 * "Load more" (the cursor).
 */
export function NotificationList({ initial }: { initial: Connection }) {
  const client = useApolloClient();
  const loadPage = useCallback(
    async (after: string): Promise<PagedList<NotificationFieldsFragment>> => {
      const { data } = await client.query({
        query: NOTIFICATIONS_QUERY,
        variables: { first: NOTIFICATIONS_PAGE_SIZE, after },
        fetchPolicy: 'network-only',
      });
      if (!data?.library) throw new Error('notifications page missing');
      return pagedListOf(data.library.notifications);
    },
    [client],
  );
  const state = usePagedList({
    initial: useMemo(() => pagedListOf(initial), [initial]),
    loadPage,
    keyOf: byId,
    noun: 'notifications',
  });
  const { setList } = state;
  useEffect(
    () => onNotificationArrived((added) => setList((current) => prependLive(current, added, byId))),
    [setList],
  );

  const notifications = state.list.nodes;
  if (notifications.length === 0)
    return (
      <p className="empty-state">Nothing yet. Follow artists to hear about their new releases.</p>
    );
  return (
    <>
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
      <LoadMoreFooter
        hasNextPage={state.list.hasNextPage}
        pending={state.pending}
        loaded={notifications.length}
        totalCount={state.list.totalCount}
        error={state.error}
        announcement={state.announcement}
        onLoadMore={() => void state.loadMore()}
      />
    </>
  );
}
