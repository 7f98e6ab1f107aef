import { ForbiddenError, NotFoundError } from '@groovy/common/errors';
import type { PlaylistRecord } from './playlist.model';

type AccessView = Pick<
  PlaylistRecord,
  '_id' | 'ownerId' | 'visibility' | 'collaborative' | 'collaboratorIds' | 'deletedAt'
>;

/**
 * Who sees a playlist: everyone when PUBLIC; when PRIVATE only its owner and its collaborators.
 * A deleted playlist is seen by nobody.
 */
export function canView(playlist: AccessView, viewerId: string | null): boolean {
  if (playlist.deletedAt) return false;
  if (playlist.visibility === 'PUBLIC') return true;
  return viewerId !== null && isMember(playlist, viewerId);
}

export function isMember(playlist: AccessView, userId: string): boolean {
  return playlist.ownerId === userId || playlist.collaboratorIds.includes(userId);
}

/** Who may add, remove and move items: the owner; collaborators while the playlist is collaborative. */
export function canEditItems(playlist: AccessView, userId: string): boolean {
  if (playlist.ownerId === userId) return true;
  return playlist.collaborative && playlist.collaboratorIds.includes(userId);
}

/** NOT_FOUND unless `viewerId` may see it: a private playlist does not exist for anyone else. */
export function requireVisible<T extends AccessView>(
  playlist: T | null,
  viewerId: string | null,
  id: string,
): T {
  if (!playlist || !canView(playlist, viewerId)) throw new NotFoundError('Playlist', id);
  return playlist;
}

/** The items of a playlist the caller sees: owner or (collaborative) collaborator, else FORBIDDEN. */
export function requireItemEditor<T extends AccessView>(
  playlist: T | null,
  userId: string,
  id: string,
): T {
  const visible = requireVisible(playlist, userId, id);
  if (!canEditItems(visible, userId)) {
    throw new ForbiddenError(
      visible.collaboratorIds.includes(userId)
        ? 'This playlist is not collaborative right now: only its owner may change its songs'
        : "Only the playlist's owner and its collaborators may change its songs",
    );
  }
  return visible;
}

/** Details, visibility, collaborators and deletion: the owner only. */
export function requireOwner<T extends AccessView>(
  playlist: T | null,
  userId: string,
  id: string,
): T {
  const visible = requireVisible(playlist, userId, id);
  if (visible.ownerId !== userId) {
    throw new ForbiddenError("Only the playlist's owner may do this");
  }
  return visible;
}
