import type { AggregateVersionField, EventEnvelope } from '@groovy/common/events';
import { Schema, type Connection, type Model, type Types } from 'mongoose';

export const PLAYLIST_VISIBILITY_VALUES = ['PUBLIC', 'PRIVATE'] as const;
export type PlaylistVisibility = (typeof PLAYLIST_VISIBILITY_VALUES)[number];

/**
 * A playlist: its details and who may touch it. The items live in their own collection
 * (`playlist_items`); `itemCount` and `coverSongIds` are recomputed from them on every write, so the
 * PLAYLIST_* snapshots carry them. A deleted playlist stays as a tombstone (`deletedAt`) until the
 * relay has published its PLAYLIST_DELETED; reads never see it.
 */
export interface PlaylistRecord {
  _id: Types.ObjectId;
  ownerId: string;
  name: string;
  description: string | null;
  visibility: PlaylistVisibility;
  collaborative: boolean;
  collaboratorIds: string[];
  itemCount: number;
  coverSongIds: string[];
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
  version: number;
  _outbox: EventEnvelope[];
}

/** One entry of a playlist: the same song may be in it many times, each entry with its own id. */
export interface PlaylistItemRecord {
  _id: Types.ObjectId;
  playlistId: Types.ObjectId;
  songId: string;
  /** Fractional rank: the playlist's order is the byte order of these strings (unique per playlist). */
  rank: string;
  addedBy: string;
  addedAt: Date;
}

export type PlaylistModel = Model<PlaylistRecord>;
export type PlaylistItemModel = Model<PlaylistItemRecord>;

export const PLAYLIST_VERSION: AggregateVersionField<PlaylistRecord> = {
  field: 'version',
  of: (playlist) => playlist.version ?? 1,
};

export function createPlaylistModel(connection: Connection): PlaylistModel {
  const schema = new Schema<PlaylistRecord>({
    ownerId: { type: String, required: true },
    name: { type: String, required: true },
    description: { type: String, default: null },
    visibility: { type: String, enum: PLAYLIST_VISIBILITY_VALUES, required: true },
    collaborative: { type: Boolean, default: false },
    collaboratorIds: { type: [String], default: () => [] },
    itemCount: { type: Number, default: 0 },
    coverSongIds: { type: [String], default: () => [] },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    deletedAt: { type: Date, default: null },
    version: { type: Number, default: 1 },
    _outbox: { type: Schema.Types.Mixed, default: () => [] },
  });
  // User.playlists (an owner's public ones) and Library.playlists (own + collaborating), newest first.
  schema.index({ ownerId: 1, _id: -1 });
  schema.index({ collaboratorIds: 1 });
  return connection.model<PlaylistRecord>('Playlist', schema, 'playlists');
}

export function createPlaylistItemModel(connection: Connection): PlaylistItemModel {
  const schema = new Schema<PlaylistItemRecord>({
    playlistId: { type: Schema.Types.ObjectId, required: true },
    songId: { type: String, required: true },
    rank: { type: String, required: true },
    addedBy: { type: String, required: true },
    addedAt: { type: Date, required: true },
  });
  // The order, and the guard that two concurrent writers never give two items the same place.
  schema.index({ playlistId: 1, rank: 1 }, { unique: true });
  // A deleted song leaves every playlist.
  schema.index({ songId: 1 });
  return connection.model<PlaylistItemRecord>('PlaylistItem', schema, 'playlist_items');
}

/** Songs whose SONG_DELETED playlists have applied: an add racing with the deletion checks here. */
export interface RemovedSongRecord {
  _id: string;
  removedAt: Date;
}
export type RemovedSongModel = Model<RemovedSongRecord>;

export function createRemovedSongModel(connection: Connection): RemovedSongModel {
  const schema = new Schema<RemovedSongRecord>({
    _id: { type: String, required: true },
    removedAt: { type: Date, required: true },
  });
  return connection.model<RemovedSongRecord>(
    'PlaylistRemovedSong',
    schema,
    'playlist_removed_songs',
  );
}
