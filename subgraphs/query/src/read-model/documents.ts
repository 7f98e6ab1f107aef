/** The query subgraph's read model: one denormalised document per song, album and artist. */

export interface SongDocument {
  /** The song's id in songs. */
  _id: string;
  /** The `aggregateVersion` of the last event applied (a song's revision). */
  version: number;
  /** A tombstone: SONG_DELETED was applied (kept so older events replayed later stay ignored). */
  deleted: boolean;
  title: string;
  artist: { id: string; name: string };
  album: { id: string; title: string; releaseDate: string | null } | null;
  genre: string | null;
  tags: string[];
  /** The album's release year when it has a release date, else the year the song was created. */
  year: number;
  durationMs: number | null;
  status: 'PENDING_UPLOAD' | 'PROCESSING' | 'READY' | 'FAILED';
  coverKey: string | null;
  /**
   * Storage key of the HLS master playlist when READY (null otherwise). Absent on a document
   * written from an event that did not carry it yet (unknown: the stream is not answered then).
   */
  masterKey?: string | null;
  /** Integrated loudness (LUFS), absent like `masterKey`. */
  loudnessLufs?: number | null;
  uploaderId: string;
  createdAt: Date;
}

/** What a result list needs to play a song and show its cover (storage keys; URLs are made when read). */
export type SongMedia = Pick<SongDocument, 'coverKey' | 'masterKey' | 'loudnessLufs'>;

/** A song document's media fields, unknown ones left out (see `masterKey`). */
export function mediaOf(song: SongDocument): SongMedia {
  const media: SongMedia = { coverKey: song.coverKey };
  if (song.masterKey !== undefined) media.masterKey = song.masterKey;
  if (song.loudnessLufs !== undefined) media.loudnessLufs = song.loudnessLufs;
  return media;
}

/**
 * A song's all-time counts as the preferences and comments subgraphs last reported them (kept in
 * `song_activity`, see `activity/`); the search blend reads `plays` and `likes`.
 */
export interface SongCounts {
  plays: number;
  likes: number;
  comments: number;
}

export interface AlbumDocument {
  _id: string;
  version: number;
  deleted: boolean;
  title: string;
  artist: { id: string; name: string };
  releaseDate: string | null;
  /** The cover URL songs stores (absent when written from an event that did not carry it). */
  coverUrl?: string | null;
  ownerId: string;
}

export interface ArtistDocument {
  _id: string;
  version: number;
  name: string;
}

/** A playlist as search needs it; only PUBLIC, non-deleted ones are ever searchable. */
export interface PlaylistDocument {
  _id: string;
  /** The `aggregateVersion` of the last PLAYLIST_* event applied. */
  version: number;
  /** A tombstone: PLAYLIST_DELETED was applied. */
  deleted: boolean;
  name: string;
  ownerId: string;
  visibility: 'PUBLIC' | 'PRIVATE';
  itemCount: number;
  updatedAt: Date;
}

export function songYear(createdAt: Date, releaseDate: string | null | undefined): number {
  const released = releaseDate ? Number.parseInt(releaseDate.slice(0, 4), 10) : Number.NaN;
  return Number.isFinite(released) ? released : createdAt.getUTCFullYear();
}
