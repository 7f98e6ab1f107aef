import { z } from 'zod';
import { defineEventType } from '../event-catalogue';

/**
 * songs: the catalogue (songs, albums, artists), denormalised for read models such as search.
 * `aggregateId` is the entity's id and `aggregateVersion` its version after the change (a song's
 * `revision`, an album's or artist's `version`), so consumers can drop stale deliveries.
 */
const id = z.string().min(1);
const artistRef = z.object({ id, name: z.string().min(1) });

export const SONG_EVENT_STATUSES = ['PENDING_UPLOAD', 'PROCESSING', 'READY', 'FAILED'] as const;

const song = z.object({
  songId: id,
  title: z.string().min(1),
  artist: artistRef,
  album: z.object({ id, title: z.string().min(1) }).nullable(),
  genre: z.string().nullable(),
  tags: z.array(z.string()),
  durationMs: z.number().nonnegative().nullable(),
  status: z.enum(SONG_EVENT_STATUSES),
  failureReason: z.string().nullable(),
  /** Storage key of the cover (URLs are made from keys when read; they may be signed). */
  coverKey: z.string().nullable(),
  /**
   * Storage key of the HLS master playlist once READY (null before). Optional: events written
   * before it was added carry none (a consumer treats that as unknown, not as "no stream").
   */
  masterKey: z.string().nullable().optional(),
  /** Integrated loudness (EBU R128, LUFS) once measured; optional as `masterKey`. */
  loudnessLufs: z.number().nullable().optional(),
  uploaderId: id,
  createdAt: z.iso.datetime(),
});

const album = z.object({
  albumId: id,
  title: z.string().min(1),
  artist: artistRef,
  /** A calendar date, `YYYY-MM-DD`. */
  releaseDate: z.string().nullable(),
  /** The album's cover URL as stored by songs; optional as a song's `masterKey`. */
  coverUrl: z.string().nullable().optional(),
  ownerId: id,
});

/** songs: a song was requested for upload (status PENDING_UPLOAD). */
export const SongCreated = defineEventType('songs', 'SONG_CREATED', 1, song);

/** songs: a song changed: its details, or its processing state (PROCESSING, READY, FAILED). */
export const SongUpdated = defineEventType('songs', 'SONG_UPDATED', 1, song);

/** songs: a song is gone (deleted by its uploader, or an abandoned upload). */
export const SongDeleted = defineEventType('songs', 'SONG_DELETED', 1, z.object({ songId: id }));

export const AlbumCreated = defineEventType('songs', 'ALBUM_CREATED', 1, album);
export const AlbumUpdated = defineEventType('songs', 'ALBUM_UPDATED', 1, album);
/** songs: an album is gone; its songs stay, each with a SONG_UPDATED without an album. */
export const AlbumDeleted = defineEventType('songs', 'ALBUM_DELETED', 1, z.object({ albumId: id }));

/**
 * songs: an artist as it is now. Artists are created on first use of a name and there is no
 * ARTIST_CREATED: the creation is the ARTIST_UPDATED with `aggregateVersion` 1.
 */
export const ArtistUpdated = defineEventType(
  'songs',
  'ARTIST_UPDATED',
  1,
  z.object({ artistId: id, name: z.string().min(1) }),
);
