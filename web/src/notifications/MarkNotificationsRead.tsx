'use client';

import { useMutation } from '@apollo/client/react';
import { useEffect } from 'react';
import { MARK_NOTIFICATIONS_READ } from './notifications.operations';

/** Marks every notification read once the page is shown, then refreshes the header's bell. */
export function MarkNotificationsRead() {
  const [markRead] = useMutation(MARK_NOTIFICATIONS_READ, {
    refetchQueries: ['UnreadNotificationCount'],
  });
  useEffect(() => {
    void markRead().catch(() => undefined);
  }, [markRead]);
  return null;
}
