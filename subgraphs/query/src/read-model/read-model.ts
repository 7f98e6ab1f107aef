import type { EventEnvelope } from '@groovy/common/events';
import type { Collection, Db } from 'mongodb';
import { songYear, type AlbumDocument, type ArtistDocument, type SongDocument } from './documents';

export interface SongEventData {
  songId: string;
  title: string;
  artist: { id: string; name: string };
  album: { id: string; title: string } | null;
  genre: string | null;
  tags: string[];
  durationMs: number | null;
  status: SongDocument['status'];
  coverKey: string | null;
  /** Absent in events written before songs carried it. */
  masterKey?: string | null;
  loudnessLufs?: number | null;
  uploaderId: string;
  createdAt: string;
}

export interface AlbumEventData {
  albumId: string;
  title: string;
  artist: { id: string; name: string };
  releaseDate: string | null;
  coverUrl?: string | null;
  ownerId: string;
}

/** Song, album and artist event types the read model consumes. */
export const CATALOGUE_EVENT_TYPES = [
  'SONG_CREATED',
  'SONG_UPDATED',
  'SONG_DELETED',
  'ALBUM_CREATED',
  'ALBUM_UPDATED',
  'ALBUM_DELETED',
  'ARTIST_UPDATED',
] as const;

const DUPLICATE_KEY = 11000;

/**
 * The denormalised read model, in the query subgraph's own database. Every write is conditioned
 * on the stored `version` being older than the event's `aggregateVersion` (an upsert that loses
 * that race hits the unique `_id` and is ignored), so duplicated, reordered and replayed
 * deliveries leave the same documents. Deletions leave tombstones for the same reason.
 *
 * Names are denormalised onto songs: an album's title and an artist's name come from the album
 * and artist documents when they are known (they are updated by their own, versioned events),
 * else from the song event itself.
 */
export class ReadModel {
  /** `db` is called on first use (the schema is printed on a connection that never connects). */
  constructor(private readonly db: () => Db) {}

  get songs(): Collection<SongDocument> {
    return this.db().collection<SongDocument>('songs');
  }

  get albums(): Collection<AlbumDocument> {
    return this.db().collection<AlbumDocument>('albums');
  }

  get artists(): Collection<ArtistDocument> {
    return this.db().collection<ArtistDocument>('artists');
  }

  async ensureIndexes(): Promise<void> {
    await Promise.all([
      this.songs.createIndex({ 'artist.id': 1 }),
      this.songs.createIndex({ 'album.id': 1 }),
      this.songs.createIndex({ status: 1, deleted: 1, createdAt: -1 }),
      this.songs.createIndex({ genre: 1, createdAt: -1 }),
      this.albums.createIndex({ 'artist.id': 1 }),
    ]);
  }

  /**
   * Applies one event; returns the ids of the songs to re-index: a song event's song (also when
   * stale or repeated), the songs an applied album or artist change rewrote.
   */
  async apply(event: EventEnvelope): Promise<string[]> {
    switch (event.type) {
      case 'SONG_CREATED':
      case 'SONG_UPDATED':
        return this.applySong(event.data as SongEventData, event.aggregateVersion);
      case 'SONG_DELETED': {
        const { songId } = event.data as { songId: string };
        await this.upsertIfNewer(this.songs, songId, event.aggregateVersion, { deleted: true });
        return [songId];
      }
      case 'ALBUM_CREATED':
      case 'ALBUM_UPDATED':
        return this.applyAlbum(event.data as AlbumEventData, event.aggregateVersion);
      case 'ALBUM_DELETED': {
        const { albumId } = event.data as { albumId: string };
        await this.upsertIfNewer(this.albums, albumId, event.aggregateVersion, { deleted: true });
        // Its songs stay; each gets a SONG_UPDATED without the album.
        return [];
      }
      case 'ARTIST_UPDATED':
        return this.applyArtist(
          event.data as { artistId: string; name: string },
          event.aggregateVersion,
        );
      default:
        return [];
    }
  }

  private async applySong(data: SongEventData, version: number): Promise<string[]> {
    const [album, artist] = await Promise.all([
      data.album ? this.albums.findOne({ _id: data.album.id }) : null,
      this.artists.findOne({ _id: data.artist.id }),
    ]);
    const createdAt = new Date(data.createdAt);
    const releaseDate = album?.releaseDate ?? null;
    const fields: Omit<SongDocument, '_id' | 'version'> = {
      deleted: false,
      title: data.title,
      artist: { id: data.artist.id, name: artist?.name ?? data.artist.name },
      album: data.album
        ? { id: data.album.id, title: album?.title ?? data.album.title, releaseDate }
        : null,
      genre: data.genre,
      tags: data.tags,
      year: songYear(createdAt, data.album ? releaseDate : null),
      durationMs: data.durationMs,
      status: data.status,
      coverKey: data.coverKey,
      // Left unset (unknown) when the event predates them, never guessed as null.
      ...(data.masterKey !== undefined ? { masterKey: data.masterKey } : {}),
      ...(data.loudnessLufs !== undefined ? { loudnessLufs: data.loudnessLufs } : {}),
      uploaderId: data.uploaderId,
      createdAt,
    };
    // The song even when the event was stale or repeated: replicas re-read what is stored, and a
    // redelivery after a crash between this write and the writer's "songs changed" publishes it.
    await this.upsertIfNewer(this.songs, data.songId, version, fields);
    return [data.songId];
  }

  private async applyAlbum(data: AlbumEventData, version: number): Promise<string[]> {
    // As for songs: the artist document's name wins over the (possibly older) one in the event.
    const artist = await this.artists.findOne({ _id: data.artist.id });
    const applied = await this.upsertIfNewer(this.albums, data.albumId, version, {
      deleted: false,
      title: data.title,
      artist: { id: data.artist.id, name: artist?.name ?? data.artist.name },
      releaseDate: data.releaseDate,
      ...(data.coverUrl !== undefined ? { coverUrl: data.coverUrl } : {}),
      ownerId: data.ownerId,
    });
    if (!applied) return [];
    const songs = await this.songs
      .find({ 'album.id': data.albumId }, { projection: { _id: 1, createdAt: 1 } })
      .toArray();
    await Promise.all(
      songs.map((song) =>
        this.songs.updateOne(
          { _id: song._id, 'album.id': data.albumId },
          {
            $set: {
              'album.title': data.title,
              'album.releaseDate': data.releaseDate,
              year: songYear(song.createdAt, data.releaseDate),
            },
          },
        ),
      ),
    );
    return songs.map((song) => song._id);
  }

  private async applyArtist(
    data: { artistId: string; name: string },
    version: number,
  ): Promise<string[]> {
    const applied = await this.upsertIfNewer(this.artists, data.artistId, version, {
      name: data.name,
    });
    if (!applied) return [];
    await this.albums.updateMany(
      { 'artist.id': data.artistId },
      { $set: { 'artist.name': data.name } },
    );
    const songs = await this.songs
      .find({ 'artist.id': data.artistId }, { projection: { _id: 1 } })
      .toArray();
    await this.songs.updateMany(
      { 'artist.id': data.artistId },
      { $set: { 'artist.name': data.name } },
    );
    return songs.map((song) => song._id);
  }

  /** `$set`s `fields` unless the stored version is as new or newer; true when it wrote. */
  private async upsertIfNewer<T extends { _id: string; version: number }>(
    collection: Collection<T>,
    id: string,
    version: number,
    fields: Partial<Omit<T, '_id' | 'version'>>,
  ): Promise<boolean> {
    try {
      const result = await (
        collection as unknown as Collection<{ _id: string; version: number }>
      ).updateOne(
        { _id: id, version: { $lt: version } },
        { $set: { ...fields, version } },
        { upsert: true },
      );
      return result.modifiedCount + result.upsertedCount > 0;
    } catch (error) {
      if ((error as { code?: number }).code === DUPLICATE_KEY) return false;
      throw error;
    }
  }

  /** Songs that search may find: READY and not deleted. */
  findSearchable(): AsyncIterable<SongDocument> {
    return this.songs.find({ status: 'READY', deleted: false });
  }

  async findSongs(ids: readonly string[]): Promise<SongDocument[]> {
    return this.songs.find({ _id: { $in: [...ids] } }).toArray();
  }

  async findAlbums(ids: readonly string[]): Promise<AlbumDocument[]> {
    return this.albums.find({ _id: { $in: [...ids] } }).toArray();
  }

  /**
   * Artists by id, as `{ _id, name }`: from the artist documents (ARTIST_UPDATED), else from a
   * song of the artist (a song event carries the artist's name); unknown ids are left out.
   */
  async findArtists(ids: readonly string[]): Promise<Pick<ArtistDocument, '_id' | 'name'>[]> {
    const artists = await this.artists
      .find({ _id: { $in: [...ids] } }, { projection: { _id: 1, name: 1 } })
      .toArray();
    const known = new Set(artists.map((artist) => artist._id));
    const missing = ids.filter((id) => !known.has(id));
    if (!missing.length) return artists;
    const fromSongs = await this.songs
      .aggregate<{ _id: string; name: string }>([
        { $match: { 'artist.id': { $in: missing } } },
        { $group: { _id: '$artist.id', name: { $first: '$artist.name' } } },
      ])
      .toArray();
    return [...artists, ...fromSongs];
  }

  /** Drops every document (the `rebuild` script replays the events afterwards). */
  async drop(): Promise<void> {
    await Promise.all([
      this.songs.deleteMany({}),
      this.albums.deleteMany({}),
      this.artists.deleteMany({}),
    ]);
  }
}
