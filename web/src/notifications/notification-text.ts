/** What a notification says, by kind (pure: the page and its tests share it). */
export interface NotificationLike {
  kind: string;
  song?: { id: string; title: string; artist: { name: string } } | null;
  actor?: { id: string; displayName: string } | null;
}

export function notificationText(n: NotificationLike): string {
  switch (n.kind) {
    case 'NEW_RELEASE':
      return n.song
        ? `New release from ${n.song.artist.name}: “${n.song.title}”`
        : 'A new release from an artist you follow';
    case 'COMMENT_REPLY':
      return `${n.actor?.displayName ?? 'Someone'} replied to your comment`;
    case 'NEW_FOLLOWER':
      return `${n.actor?.displayName ?? 'Someone'} started following you`;
    case 'JAM_INVITE':
      return `${n.actor?.displayName ?? 'Someone'} invited you to a Jam`;
    default:
      return 'Something new happened';
  }
}

/** Where a notification leads. */
export function notificationHref(n: NotificationLike): string | null {
  if (n.kind === 'NEW_RELEASE' && n.song) return `/songs/${n.song.id}`;
  // NEW_FOLLOWER: no public profile page yet (the API has no `user(id)` query), so no link.
  if (n.kind === 'COMMENT_REPLY' && n.song) return `/songs/${n.song.id}`;
  return null;
}

/** The bell's accessible name. */
export function bellLabel(unread: number): string {
  if (unread <= 0) return 'Notifications';
  return `Notifications, ${unread} unread`;
}

/** The badge text: "99+" past 99. */
export function badgeText(unread: number): string {
  return unread > 99 ? '99+' : String(unread);
}
