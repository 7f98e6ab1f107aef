import { NotFoundError } from '@groovy/common/errors';
import {
  AlbumCreated,
  AlbumDeleted,
  AlbumUpdated,
  ArtistUpdated,
  isEvent,
  SongCreated,
  SongDeleted,
  SongUpdated,
  UserRegistered,
  type EventEnvelope,
} from '@groovy/common/events';
import type { Model } from 'mongoose';
import type { CatalogueModels, KnownSongRecord } from './catalogue.model';

/** What applying a SONG_* event changed, for the rules that follow it (readiness, deletion). */
export interface SongChange {
  song: KnownSongRecord;
  /** The event was newer than what was known and was applied. */
  applied: boolean;
}

function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: number }).code === 11000;
}

/**
 * Upserts `_id` to `set` only when `version` is newer than the stored one. An older or equal
 * version matches nothing and its upsert hits the unique `_id`: nothing changes.
 */
async function applyVersioned<T>(
  model: Model<T>,
  id: string,
  version: number,
  set: Record<string, unknown>,
): Promise<boolean> {
  try {
    const result = await model
      .updateOne(
        { _id: id, version: { $lt: version } } as never,
        { $set: { ...set, version } } as never,
        { upsert: true },
      )
      .exec();
    return result.modifiedCount + result.upsertedCount > 0;
  } catch (error) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
}

/** The catalogue as preferences knows it: applying the songs and auth events, and the lookups the rules need. */
export class CatalogueService {
  constructor(private readonly models: CatalogueModels) {}

  async ensureIndexes(): Promise<void> {
    await Promise.all(Object.values(this.models).map((model) => model.syncIndexes()));
  }

  /** A song a listener may act on (like, play, rate…): known, not deleted; else NOT_FOUND. */
  async requireSong(songId: string): Promise<KnownSongRecord> {
    const song = await this.models.songs.findById(songId).lean().exec();
    if (!song || song.deleted) throw new NotFoundError('Song', songId);
    return song;
  }

  /**
   * A song the caller can see: READY, or their own upload at any stage (the songs subgraph's rule);
   * NOT_FOUND otherwise, as songs answers for a song you may not see.
   */
  async requireVisibleSong(songId: string, viewerId: string): Promise<KnownSongRecord> {
    const song = await this.requireSong(songId);
    if (song.status !== 'READY' && song.uploaderId !== viewerId)
      throw new NotFoundError('Song', songId);
    return song;
  }

  async requireArtist(artistId: string): Promise<void> {
    if (!(await this.models.artists.exists({ _id: artistId }).exec()))
      throw new NotFoundError('Artist', artistId);
  }

  async requireAlbum(albumId: string): Promise<void> {
    const album = await this.models.albums.findById(albumId).lean().exec();
    if (!album || album.deleted) throw new NotFoundError('Album', albumId);
  }

  async requireUser(userId: string): Promise<void> {
    if (!(await this.models.users.exists({ _id: userId }).exec()))
      throw new NotFoundError('User', userId);
  }

  /** The ids of `songIds` that are deleted (to leave them out of lists). */
  async deletedSongIds(songIds: readonly string[]): Promise<Set<string>> {
    const deleted = await this.models.songs
      .find({ _id: { $in: [...songIds] }, deleted: true }, { _id: 1 })
      .lean()
      .exec();
    return new Set(deleted.map((song) => song._id));
  }

  /** Applies a SONG_* event; returns the song as now known (null for a song never seen before its deletion… kept as a tombstone). */
  async applySong(event: EventEnvelope): Promise<SongChange | null> {
    let applied: boolean;
    if (isEvent(event, SongCreated) || isEvent(event, SongUpdated)) {
      const data = event.data;
      applied = await applyVersioned(this.models.songs, data.songId, event.aggregateVersion, {
        deleted: false,
        title: data.title,
        artistId: data.artist.id,
        albumId: data.album?.id ?? null,
        durationMs: data.durationMs,
        status: data.status,
        uploaderId: data.uploaderId,
      });
      // The artist's name rides on every song event: an artist is known from its first song.
      await applyVersioned(this.models.artists, data.artist.id, 0, { name: data.artist.name });
      await this.claimArtist(data.artist.id, data.uploaderId, new Date(data.createdAt));
    } else if (isEvent(event, SongDeleted)) {
      applied = await applyVersioned(this.models.songs, event.data.songId, event.aggregateVersion, {
        deleted: true,
      });
    } else return null;
    const song = await this.models.songs.findById(event.aggregateId).lean().exec();
    return song ? { song, applied } : null;
  }

  /**
   * Songs name their artist by name, so anyone can upload "under" an artist. Until artists can be
   * claimed, the owner is the uploader of the artist's earliest-created song: the first song event
   * of an artist sets it, and an older song (events of different songs may arrive out of order)
   * takes it over. A song by anyone else never moves it.
   */
  private async claimArtist(artistId: string, uploaderId: string, songCreatedAt: Date) {
    await this.models.artists
      .updateOne(
        { _id: artistId, $or: [{ ownerId: null }, { ownerSince: { $gt: songCreatedAt } }] },
        { $set: { ownerId: uploaderId, ownerSince: songCreatedAt } },
      )
      .exec();
  }

  /** The uploader who owns an artist (see `claimArtist`); null when unknown. */
  async artistOwnerId(artistId: string): Promise<string | null> {
    const artist = await this.models.artists.findById(artistId, { ownerId: 1 }).lean().exec();
    return artist?.ownerId ?? null;
  }

  /** Applies an ALBUM_* or ARTIST_UPDATED event. */
  async applyAlbumOrArtist(event: EventEnvelope): Promise<void> {
    if (isEvent(event, AlbumCreated) || isEvent(event, AlbumUpdated)) {
      await applyVersioned(this.models.albums, event.data.albumId, event.aggregateVersion, {
        deleted: false,
        artistId: event.data.artist.id,
      });
    } else if (isEvent(event, AlbumDeleted)) {
      await applyVersioned(this.models.albums, event.data.albumId, event.aggregateVersion, {
        deleted: true,
      });
    } else if (isEvent(event, ArtistUpdated)) {
      await applyVersioned(this.models.artists, event.data.artistId, event.aggregateVersion, {
        name: event.data.name,
      });
    }
  }

  /** Applies USER_REGISTERED: the user exists (follows need it). */
  async applyUser(event: EventEnvelope): Promise<void> {
    if (!isEvent(event, UserRegistered)) return;
    await this.models.users
      .updateOne(
        { _id: event.data.userId },
        { $set: { displayName: event.data.displayName } },
        { upsert: true },
      )
      .exec();
  }
}
