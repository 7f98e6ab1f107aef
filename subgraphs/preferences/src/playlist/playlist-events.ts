import {
  createEvent,
  PlaylistCreated,
  PlaylistDeleted,
  PlaylistUpdated,
  type EventEnvelope,
} from '@groovy/common/events';
import type { PlaylistRecord } from './playlist.model';

// The PLAYLIST_* events (common/src/events/catalogue/preference-events.ts). Pure: each builder
// takes the playlist as it is after the change and the version the write gives it.

const PRODUCER = 'preferences';

export type PlaylistSnapshot = Pick<
  PlaylistRecord,
  | '_id'
  | 'ownerId'
  | 'name'
  | 'description'
  | 'visibility'
  | 'collaborative'
  | 'collaboratorIds'
  | 'itemCount'
  | 'coverSongIds'
  | 'createdAt'
  | 'updatedAt'
>;

function snapshotData(playlist: PlaylistSnapshot) {
  return {
    playlistId: playlist._id.toHexString(),
    name: playlist.name,
    description: playlist.description,
    ownerId: playlist.ownerId,
    visibility: playlist.visibility,
    collaborative: playlist.collaborative,
    collaboratorIds: [...playlist.collaboratorIds],
    itemCount: playlist.itemCount,
    coverSongIds: playlist.coverSongIds.slice(0, 4),
    createdAt: playlist.createdAt.toISOString(),
    updatedAt: playlist.updatedAt.toISOString(),
  };
}

/** PLAYLIST_CREATED or PLAYLIST_UPDATED: the whole playlist at `version`. */
export function playlistEvent(
  kind: 'created' | 'updated',
  playlist: PlaylistSnapshot,
  version: number,
): EventEnvelope {
  const definition = kind === 'created' ? PlaylistCreated : PlaylistUpdated;
  return createEvent({
    type: definition.type,
    version: definition.version,
    producer: PRODUCER,
    aggregateId: playlist._id.toHexString(),
    aggregateVersion: version,
    occurredAt: playlist.updatedAt,
    data: snapshotData(playlist),
  });
}

export function playlistDeletedEvent(
  playlist: Pick<PlaylistRecord, '_id' | 'ownerId'>,
  version: number,
  at: Date,
): EventEnvelope {
  return createEvent({
    type: PlaylistDeleted.type,
    version: PlaylistDeleted.version,
    producer: PRODUCER,
    aggregateId: playlist._id.toHexString(),
    aggregateVersion: version,
    occurredAt: at,
    data: { playlistId: playlist._id.toHexString(), ownerId: playlist.ownerId },
  });
}
