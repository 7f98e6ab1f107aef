import {
  AlbumCreated,
  AlbumDeleted,
  AlbumUpdated,
  ArtistUpdated,
  createEvent,
  SongCreated,
  SongDeleted,
  SongUpdated,
  type EventEnvelope,
} from '@groovy/common/events';
import type { Types } from 'mongoose';
import type { AlbumRecord } from '../album/album.model';
import type { ArtistRecord } from '../artist/artist.model';
import type { SongRecord } from '../song/song.model';

// The catalogue's events, denormalised with the artist's name and the album's title. Pure: each
// builder takes what its caller holds (CatalogueNames reads the names for callers holding ids).

const PRODUCER = 'songs';

/** What a song event needs of the song (its fields as they are after the change). */
export type SongSnapshot = Pick<
  SongRecord,
  | '_id'
  | 'title'
  | 'artistId'
  | 'albumId'
  | 'genre'
  | 'tags'
  | 'durationMs'
  | 'status'
  | 'failureReason'
  | 'coverKey'
  | 'uploaderId'
  | 'createdAt'
> &
  // Absent on a song just requested (no stream, no loudness yet).
  Partial<Pick<SongRecord, 'stream' | 'loudnessLufs'>>;

export type AlbumSnapshot = Pick<
  AlbumRecord,
  '_id' | 'title' | 'artistId' | 'releaseDate' | 'coverUrl' | 'ownerId'
>;

/** The names a song event carries besides the song: its artist's and its album's (if any). */
export interface SongNames {
  artistName: string;
  album: Pick<AlbumRecord, '_id' | 'title'> | null;
}

/**
 * SONG_CREATED or SONG_UPDATED for the song as it is at `revision` (its `revision` after the
 * write). A song is stored with revision 0, so its aggregateVersion is `revision + 1`: 1 for
 * SONG_CREATED, growing by one with every write.
 */
export function songEvent(
  kind: 'created' | 'updated',
  song: SongSnapshot,
  revision: number,
  names: SongNames,
): EventEnvelope {
  const definition = kind === 'created' ? SongCreated : SongUpdated;
  return createEvent({
    type: definition.type,
    version: definition.version,
    producer: PRODUCER,
    aggregateId: song._id.toHexString(),
    aggregateVersion: revision + 1,
    data: {
      songId: song._id.toHexString(),
      title: song.title,
      artist: { id: song.artistId.toHexString(), name: names.artistName },
      album: names.album ? { id: names.album._id.toHexString(), title: names.album.title } : null,
      genre: song.genre ?? null,
      tags: song.tags ?? [],
      durationMs: song.durationMs ?? null,
      status: song.status,
      failureReason: song.failureReason ?? null,
      coverKey: song.coverKey ?? null,
      masterKey: song.status === 'READY' ? (song.stream?.masterKey ?? null) : null,
      loudnessLufs: song.loudnessLufs ?? null,
      uploaderId: song.uploaderId.toHexString(),
      createdAt: song.createdAt.toISOString(),
    },
  });
}

/** SONG_DELETED; `revision` as for `songEvent`. */
export function songDeletedEvent(songId: Types.ObjectId, revision: number): EventEnvelope {
  return createEvent({
    type: SongDeleted.type,
    version: SongDeleted.version,
    producer: PRODUCER,
    aggregateId: songId.toHexString(),
    aggregateVersion: revision + 1,
    data: { songId: songId.toHexString() },
  });
}

/** ALBUM_CREATED (`version` 1) or ALBUM_UPDATED for the album as it is at `version`. */
export function albumEvent(
  kind: 'created' | 'updated',
  album: AlbumSnapshot,
  version: number,
  artistName: string,
): EventEnvelope {
  const definition = kind === 'created' ? AlbumCreated : AlbumUpdated;
  return createEvent({
    type: definition.type,
    version: definition.version,
    producer: PRODUCER,
    aggregateId: album._id.toHexString(),
    aggregateVersion: version,
    data: {
      albumId: album._id.toHexString(),
      title: album.title,
      artist: { id: album.artistId.toHexString(), name: artistName },
      releaseDate: album.releaseDate ? album.releaseDate.toISOString().slice(0, 10) : null,
      coverUrl: album.coverUrl ?? null,
      ownerId: album.ownerId.toHexString(),
    },
  });
}

export function albumDeletedEvent(albumId: Types.ObjectId, version: number): EventEnvelope {
  return createEvent({
    type: AlbumDeleted.type,
    version: AlbumDeleted.version,
    producer: PRODUCER,
    aggregateId: albumId.toHexString(),
    aggregateVersion: version,
    data: { albumId: albumId.toHexString() },
  });
}

/** ARTIST_UPDATED; with `version` 1 it announces a new artist (there is no ARTIST_CREATED). */
export function artistUpdatedEvent(
  artist: Pick<ArtistRecord, '_id' | 'name'>,
  version: number,
): EventEnvelope {
  return createEvent({
    type: ArtistUpdated.type,
    version: ArtistUpdated.version,
    producer: PRODUCER,
    aggregateId: artist._id.toHexString(),
    aggregateVersion: version,
    data: { artistId: artist._id.toHexString(), name: artist.name },
  });
}
