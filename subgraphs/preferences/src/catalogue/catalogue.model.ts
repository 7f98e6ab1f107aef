import { Schema, type Connection, type Model } from 'mongoose';

/*
 * What preferences knows of things other subgraphs own, learnt from their events (SONG_*, ALBUM_*,
 * ARTIST_UPDATED from songs, USER_REGISTERED from auth). Each document keeps the aggregate version
 * of the last event applied: an older or repeated event changes nothing. A deletion leaves a
 * tombstone (`deleted: true`) so a late, older event cannot bring the thing back.
 */

export interface KnownSongRecord {
  _id: string;
  version: number;
  deleted: boolean;
  title: string | null;
  artistId: string | null;
  albumId: string | null;
  durationMs: number | null;
  status: string | null;
  uploaderId: string | null;
}

export interface KnownAlbumRecord {
  _id: string;
  version: number;
  deleted: boolean;
  artistId: string | null;
}

export interface KnownArtistRecord {
  _id: string;
  version: number;
  name: string;
  /**
   * Until artists can be claimed, the artist's owner is the uploader of its earliest-created song
   * (`ownerSince` is that song's `createdAt`): only their songs notify the artist's followers.
   */
  ownerId: string | null;
  ownerSince: Date | null;
}

export interface KnownUserRecord {
  _id: string;
  displayName: string;
}

export interface CatalogueModels {
  songs: Model<KnownSongRecord>;
  albums: Model<KnownAlbumRecord>;
  artists: Model<KnownArtistRecord>;
  users: Model<KnownUserRecord>;
}

export function createCatalogueModels(connection: Connection): CatalogueModels {
  const songSchema = new Schema<KnownSongRecord>(
    {
      _id: { type: String, required: true },
      version: { type: Number, required: true },
      deleted: { type: Boolean, default: false },
      title: { type: String, default: null },
      artistId: { type: String, default: null },
      albumId: { type: String, default: null },
      durationMs: { type: Number, default: null },
      status: { type: String, default: null },
      uploaderId: { type: String, default: null },
    },
    { versionKey: false },
  );
  const albumSchema = new Schema<KnownAlbumRecord>(
    {
      _id: { type: String, required: true },
      version: { type: Number, required: true },
      deleted: { type: Boolean, default: false },
      artistId: { type: String, default: null },
    },
    { versionKey: false },
  );
  const artistSchema = new Schema<KnownArtistRecord>(
    {
      _id: { type: String, required: true },
      version: { type: Number, required: true },
      name: { type: String, required: true },
      ownerId: { type: String, default: null },
      ownerSince: { type: Date, default: null },
    },
    { versionKey: false },
  );
  const userSchema = new Schema<KnownUserRecord>(
    {
      _id: { type: String, required: true },
      displayName: { type: String, required: true },
    },
    { versionKey: false },
  );
  return {
    songs: connection.model<KnownSongRecord>('KnownSong', songSchema, 'known_songs'),
    albums: connection.model<KnownAlbumRecord>('KnownAlbum', albumSchema, 'known_albums'),
    artists: connection.model<KnownArtistRecord>('KnownArtist', artistSchema, 'known_artists'),
    users: connection.model<KnownUserRecord>('KnownUser', userSchema, 'known_users'),
  };
}
