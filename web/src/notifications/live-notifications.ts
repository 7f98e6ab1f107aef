import type { NotificationFieldsFragment } from '@/gql/graphql';

/**
 * Notifications as the header's bell receives them (its one `notificationAdded` subscription), for
 * whatever else shows them live — the notifications page puts them on top. One subscription per
 * tab, not one per component.
 */
type Listener = (notification: NotificationFieldsFragment) => void;

const listeners = new Set<Listener>();

export function notificationArrived(notification: NotificationFieldsFragment): void {
  for (const listener of [...listeners]) listener(notification);
}

/** Calls `listener` with each notification that arrives live; returns the unsubscribe. */
export function onNotificationArrived(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
