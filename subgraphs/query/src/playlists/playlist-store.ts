import {
  isEvent,
  PlaylistCreated,
  PlaylistDeleted,
  PlaylistUpdated,
  type EventEnvelope,
} from '@groovy/common/events';
import type { Collection, Db } from 'mongodb';
import type { PlaylistDocument } from '../read-model/documents';

export const PLAYLIST_EVENT_TYPES = [
  'PLAYLIST_CREATED',
  'PLAYLIST_UPDATED',
  'PLAYLIST_DELETED',
] as const;

const DUPLICATE_KEY = 11000;

/**
 * Playlists as search needs them (`playlists` in the query subgraph's database), written only when
 * the event's `aggregateVersion` is newer than the stored one (a stale or repeated event matches
 * nothing); a deletion leaves a tombstone so an older snapshot replayed later cannot bring it back.
 */
export class PlaylistStore {
  constructor(private readonly db: () => Db) {}

  get playlists(): Collection<PlaylistDocument> {
    return this.db().collection<PlaylistDocument>('playlists');
  }

  /**
   * Applies a PLAYLIST_* event; returns the playlist's document as stored after it (also when the
   * event was stale or repeated: another replica sharing the read model may have written it), or
   * null for other events.
   */
  async apply(event: EventEnvelope): Promise<PlaylistDocument | null> {
    let id: string;
    let fields: Partial<Omit<PlaylistDocument, '_id' | 'version'>>;
    if (isEvent(event, PlaylistCreated) || isEvent(event, PlaylistUpdated)) {
      const data = event.data;
      id = data.playlistId;
      fields = {
        deleted: false,
        name: data.name,
        ownerId: data.ownerId,
        visibility: data.visibility,
        itemCount: data.itemCount,
        updatedAt: new Date(data.updatedAt),
      };
    } else if (isEvent(event, PlaylistDeleted)) {
      id = event.data.playlistId;
      fields = { deleted: true, ownerId: event.data.ownerId };
    } else {
      return null;
    }
    try {
      const written = await this.playlists.findOneAndUpdate(
        { _id: id, version: { $lt: event.aggregateVersion } },
        { $set: { ...fields, version: event.aggregateVersion } },
        { upsert: true, returnDocument: 'after' },
      );
      if (written) return written;
    } catch (error) {
      // The stored version is as new or newer: the upsert hit the existing `_id`.
      if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
    }
    return this.playlists.findOne({ _id: id });
  }

  /** Playlists search may find: PUBLIC and not deleted. */
  findSearchable(): AsyncIterable<PlaylistDocument> {
    return this.playlists.find({ visibility: 'PUBLIC', deleted: false });
  }

  /** Which of these playlists are still searchable (PUBLIC, not deleted), in one read. */
  async searchableAmong(ids: readonly string[]): Promise<Set<string>> {
    const found = await this.playlists
      .find(
        { _id: { $in: [...ids] }, visibility: 'PUBLIC', deleted: false },
        { projection: { _id: 1 } },
      )
      .toArray();
    return new Set(found.map((playlist) => playlist._id));
  }

  async drop(): Promise<void> {
    await this.playlists.deleteMany({});
  }
}
