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
  type OutboxRelay,
} from '@groovy/common/events';
import type { Logger } from 'pino';
import type { Schema, Types } from 'mongoose';
import type { AlbumModel, AlbumRecord } from '../album/album.model';
import type { ArtistModel, ArtistRecord } from '../artist/artist.model';
import type { SongModel, SongRecord } from '../song/song.model';

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
>;

export type AlbumSnapshot = Pick<
  AlbumRecord,
  '_id' | 'title' | 'artistId' | 'releaseDate' | 'ownerId'
>;

/**
 * Soft deletion: a deleted song or album keeps its document (with `deletedAt` and its *_DELETED
 * event in `_outbox`) until the relay published the event; `SongsOutbox.purge` then removes it.
 * Every query, count and update of the model leaves such documents out, unless asked with the
 * query option `withDeleted: true`. Deletes (`deleteOne`/`deleteMany`) are not filtered.
 */
export function excludeSoftDeleted<T>(schema: Schema<T>): void {
  schema.pre(
    ['find', 'findOne', 'countDocuments', 'findOneAndUpdate', 'updateOne', 'updateMany'],
    function () {
      if ((this.getOptions() as { withDeleted?: boolean }).withDeleted) return;
      this.where({ deletedAt: null });
    },
  );
}

/** Builds the catalogue's events, denormalised with the artist's name and the album's title. */
export class CatalogueEvents {
  constructor(
    private readonly artists: ArtistModel,
    private readonly albums: AlbumModel,
  ) {}

  /**
   * SONG_CREATED or SONG_UPDATED for the song as it is at `revision` (its `revision` after the
   * write). A song is stored with revision 0, so its aggregateVersion is `revision + 1`: 1 for
   * SONG_CREATED, growing by one with every write.
   */
  async song(
    kind: 'created' | 'updated',
    song: SongSnapshot,
    revision: number,
  ): Promise<EventEnvelope> {
    const definition = kind === 'created' ? SongCreated : SongUpdated;
    const [artist, album] = await Promise.all([
      this.artists.findById(song.artistId).lean(),
      song.albumId ? this.albums.findById(song.albumId).lean() : Promise.resolve(null),
    ]);
    return createEvent({
      type: definition.type,
      version: definition.version,
      producer: PRODUCER,
      aggregateId: song._id.toHexString(),
      aggregateVersion: revision + 1,
      data: {
        songId: song._id.toHexString(),
        title: song.title,
        artist: { id: song.artistId.toHexString(), name: artist?.name ?? 'Unknown artist' },
        album: album ? { id: album._id.toHexString(), title: album.title } : null,
        genre: song.genre ?? null,
        tags: song.tags ?? [],
        durationMs: song.durationMs ?? null,
        status: song.status,
        failureReason: song.failureReason ?? null,
        coverKey: song.coverKey ?? null,
        uploaderId: song.uploaderId.toHexString(),
        createdAt: song.createdAt.toISOString(),
      },
    });
  }

  /** SONG_DELETED; `revision` as for `song`. */
  songDeleted(songId: Types.ObjectId, revision: number): EventEnvelope {
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
  async album(
    kind: 'created' | 'updated',
    album: AlbumSnapshot,
    version: number,
  ): Promise<EventEnvelope> {
    const definition = kind === 'created' ? AlbumCreated : AlbumUpdated;
    const artist = await this.artists.findById(album.artistId).lean();
    return createEvent({
      type: definition.type,
      version: definition.version,
      producer: PRODUCER,
      aggregateId: album._id.toHexString(),
      aggregateVersion: version,
      data: {
        albumId: album._id.toHexString(),
        title: album.title,
        artist: { id: album.artistId.toHexString(), name: artist?.name ?? 'Unknown artist' },
        releaseDate: album.releaseDate ? album.releaseDate.toISOString().slice(0, 10) : null,
        ownerId: album.ownerId.toHexString(),
      },
    });
  }

  albumDeleted(albumId: Types.ObjectId, version: number): EventEnvelope {
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
  artist(artist: Pick<ArtistRecord, '_id' | 'name'>, version: number): EventEnvelope {
    return createEvent({
      type: ArtistUpdated.type,
      version: ArtistUpdated.version,
      producer: PRODUCER,
      aggregateId: artist._id.toHexString(),
      aggregateVersion: version,
      data: { artistId: artist._id.toHexString(), name: artist.name },
    });
  }
}

/** Tells the outbox relay that events were just recorded, so it publishes now rather than at its next poll. */
export interface OutboxNotifier {
  recorded(): void;
}

/**
 * The songs subgraph's side of the outbox: nudges the relay after a write, and removes soft-deleted
 * songs and albums once their last events are published.
 */
export class SongsOutbox implements OutboxNotifier {
  private relay: OutboxRelay | undefined;
  private readonly otherPurges: Array<() => Promise<number>> = [];

  constructor(
    private readonly songs: SongModel,
    private readonly albums: AlbumModel,
    private readonly logger: Logger,
  ) {}

  /** Set once the relay runs (`undefined` on shutdown); until then events wait for its first pass. */
  attach(relay: OutboxRelay | undefined): void {
    this.relay = relay;
  }

  recorded(): void {
    this.relay?.nudge();
  }

  /** Publishes what is pending now (when the relay runs), then purges; never throws. */
  async settle(): Promise<void> {
    try {
      if (this.relay) await this.relay.flushOnce();
      await this.purge();
    } catch (error) {
      this.logger.warn({ err: error }, 'could not settle the outbox; the next pass will');
    }
  }

  /** Adds another outbox source's clean-up to `purge` (e.g. published OBJECT_FINALIZED records). */
  purgeAlso(purge: () => Promise<number>): void {
    this.otherPurges.push(purge);
  }

  /** Hard-deletes soft-deleted songs and albums whose events are all published, then the others' purges. */
  async purge(): Promise<number> {
    const published = { deletedAt: { $ne: null }, '_outbox.0': { $exists: false } };
    const [songs, albums] = await Promise.all([
      this.songs.deleteMany(published),
      this.albums.deleteMany(published),
    ]);
    let removed = songs.deletedCount + albums.deletedCount;
    for (const purge of this.otherPurges) removed += await purge();
    return removed;
  }
}
