import { ForbiddenError, NotFoundError } from '@groovy/common/errors';
import { writeWithEvents, type OutboxNotifier } from '@groovy/common/events';
import type { Storage } from '../storage/storage';
import type { QueryFilter, Types } from 'mongoose';
import type { AlbumRecord } from '../album/album.model';
import type { AlbumService } from '../album/album.service';
import { parseArtistName } from '../artist/artist-name';
import type { ArtistService } from '../artist/artist.service';
import { songDeletedEvent, songEvent } from '../events/catalogue-event-builders';
import type { CatalogueNames } from '../events/catalogue-names';
import { parseObjectId, validObjectIds } from '../object-id';
import {
  decodeSongCursor,
  encodeSongCursor,
  parsePageSize,
  type SongCursor,
  type SongPage,
} from './song-connection';
import type { UpdateSongInput } from './song.inputs';
import { SONG_REVISION, type SongModel, type SongRecord } from './song.model';
import { parseGenre, parseTags, parseTitle } from './song-rules';

/**
 * Lists and references leave out the waveform (about 1,000 numbers, 9 KB of BSON per song): only
 * the song page asks for it, and `Song.waveform` loads it then (`findWaveforms`).
 */
export const LISTED_SONG_PROJECTION = { waveform: 0 } as const;

/** Storage prefixes holding everything of one song: its original upload and its HLS outputs. */
export function songStoragePrefixes(songId: string): string[] {
  return [`uploads/${songId}/`, `hls/${songId}/`];
}

/** READY songs are everyone's; the uploader also sees their own in every state. */
export function isVisibleTo(
  song: Pick<SongRecord, 'status' | 'uploaderId'>,
  viewerId: string | null,
): boolean {
  return (
    song.status === 'READY' || (viewerId !== null && song.uploaderId.toHexString() === viewerId)
  );
}

export function visibleToFilter(viewerId: string | null): QueryFilter<SongRecord> {
  const ownerId = viewerId ? validObjectIds([viewerId])[0] : undefined;
  return ownerId ? { $or: [{ status: 'READY' }, { uploaderId: ownerId }] } : { status: 'READY' };
}

export class SongService {
  constructor(
    private readonly songs: SongModel,
    private readonly artists: ArtistService,
    private readonly albums: AlbumService,
    private readonly storage: Storage,
    private readonly names: CatalogueNames,
    private readonly outbox: OutboxNotifier,
  ) {}

  /** One query for many ids, in the order asked; null where there is none or `viewerId` may not see it. */
  async findVisibleByIds(
    ids: readonly string[],
    viewerId: string | null,
  ): Promise<Array<SongRecord | null>> {
    const byId = await this.findByIds(ids, LISTED_SONG_PROJECTION);
    return ids.map((id) => {
      const song = byId.get(id);
      return song && isVisibleTo(song, viewerId) ? song : null;
    });
  }

  /** The waveforms of the given songs (left out of the other reads: about 1,000 numbers each). */
  async findWaveforms(ids: readonly string[]): Promise<Array<number[] | null>> {
    const byId = await this.findByIds(ids, { waveform: 1 });
    return ids.map((id) => byId.get(id)?.waveform ?? null);
  }

  /** The songs with these ids (malformed ids skipped), with the given projection, by id. */
  private async findByIds(
    ids: readonly string[],
    projection: Record<string, 0 | 1>,
  ): Promise<Map<string, SongRecord>> {
    const valid = validObjectIds(ids);
    const found = valid.length
      ? await this.songs
          .find({ _id: { $in: valid } })
          .select(projection)
          .lean()
      : [];
    return new Map(found.map((song) => [song._id.toHexString(), song]));
  }

  /** The visible songs of each album (one query), in the order they were added. */
  async findVisibleByAlbumIds(
    albumIds: readonly string[],
    viewerId: string | null,
  ): Promise<SongRecord[][]> {
    const valid = validObjectIds(albumIds);
    const found = valid.length
      ? await this.songs
          .find({ $and: [{ albumId: { $in: valid } }, visibleToFilter(viewerId)] })
          .select(LISTED_SONG_PROJECTION)
          .sort({ createdAt: 1, _id: 1 })
          .lean()
      : [];
    return albumIds.map((id) => found.filter((song) => song.albumId?.toHexString() === id));
  }

  /** A page of an artist's visible songs, newest first, `_id` breaking ties so cursors are stable. */
  listByArtist(
    artistId: Types.ObjectId,
    viewerId: string | null,
    page: { first?: number | null; after?: string | null },
  ): Promise<SongPage> {
    return this.listNewestFirst({ artistId }, viewerId, page);
  }

  /**
   * A page of the songs a user uploaded, newest first: READY ones for everyone, and every state for
   * the uploader themselves (the same visibility as `song(id)`).
   */
  listByUploader(
    uploaderId: Types.ObjectId,
    viewerId: string | null,
    page: { first?: number | null; after?: string | null },
  ): Promise<SongPage> {
    return this.listNewestFirst({ uploaderId }, viewerId, page);
  }

  /** How many songs each user uploaded that `viewerId` may see (one query for all), in the order asked. */
  async countVisibleByUploaders(
    uploaderIds: readonly string[],
    viewerId: string | null,
  ): Promise<number[]> {
    const valid = validObjectIds(uploaderIds);
    const counts: Array<{ _id: Types.ObjectId; count: number }> = valid.length
      ? await this.songs.aggregate([
          // The soft-delete plugin filters queries and counts, not pipelines: say it here.
          {
            $match: {
              $and: [{ uploaderId: { $in: valid }, deletedAt: null }, visibleToFilter(viewerId)],
            },
          },
          { $group: { _id: '$uploaderId', count: { $sum: 1 } } },
        ])
      : [];
    const byId = new Map(counts.map((row) => [row._id.toHexString(), row.count]));
    return uploaderIds.map((id) => byId.get(id.toLowerCase()) ?? 0);
  }

  /** A page of the visible songs matching `scope`, newest first, `_id` breaking ties so cursors are stable. */
  private async listNewestFirst(
    scope: QueryFilter<SongRecord>,
    viewerId: string | null,
    page: { first?: number | null; after?: string | null },
  ): Promise<SongPage> {
    const first = parsePageSize(page.first);
    const after: SongCursor | null = page.after ? decodeSongCursor(page.after) : null;
    const base: QueryFilter<SongRecord> = { $and: [scope, visibleToFilter(viewerId)] };
    const filter: QueryFilter<SongRecord> = after
      ? {
          $and: [
            ...(base.$and ?? []),
            {
              $or: [
                { createdAt: { $lt: after.createdAt } },
                { createdAt: after.createdAt, _id: { $lt: after.id } },
              ],
            },
          ],
        }
      : base;
    const [rows, totalCount] = await Promise.all([
      first > 0
        ? this.songs
            .find(filter)
            .select(LISTED_SONG_PROJECTION)
            .sort({ createdAt: -1, _id: -1 })
            .limit(first + 1)
            .lean()
        : Promise.resolve([]),
      this.songs.countDocuments(base),
    ]);
    const edges = rows.slice(0, first).map((record) => ({
      cursor: encodeSongCursor({ createdAt: record.createdAt, id: record._id }),
      record,
    }));
    return {
      edges,
      hasNextPage: rows.length > first,
      endCursor: edges.at(-1)?.cursor ?? null,
      totalCount,
    };
  }

  async update(userId: string, id: string, input: UpdateSongInput): Promise<SongRecord> {
    const song = await this.requireOwn(userId, id);
    const changes: Partial<Pick<SongRecord, 'title' | 'artistId' | 'albumId' | 'genre' | 'tags'>> =
      {};
    if (input.title !== undefined && input.title !== null)
      changes.title = parseTitle('title', input.title);
    if (input.genre !== undefined) changes.genre = parseGenre('genre', input.genre);
    if (input.tags !== undefined) changes.tags = parseTags('tags', input.tags);
    let album: Pick<AlbumRecord, '_id' | 'title'> | null | undefined;
    if (input.albumId !== undefined) {
      album =
        input.albumId === null
          ? null
          : await this.albums.requireAlbumForSong('albumId', userId, input.albumId);
      changes.albumId = album?._id ?? null;
    }
    let artistName: string | undefined;
    if (input.artistName !== undefined && input.artistName !== null) {
      const artist = await this.artists.findOrCreateByName(
        parseArtistName('artistName', input.artistName),
      );
      changes.artistId = artist._id;
      artistName = artist.name;
    }
    // The change and its SONG_UPDATED are one write at the revision read.
    const written = await writeWithEvents({
      model: this.songs,
      filter: { _id: song._id },
      version: SONG_REVISION,
      notifier: this.outbox,
      subject: `song ${id}`,
      change: async (current, revision) => {
        const next = { ...current, ...changes };
        // The names the caller changed are held; the others are read.
        const read =
          artistName === undefined || album === undefined ? await this.names.forSong(next) : null;
        const names = {
          artistName: artistName ?? read!.artistName,
          album: album === undefined ? read!.album : album,
        };
        return { set: changes, events: [songEvent('updated', next, revision, names)] };
      },
    });
    if (written.outcome !== 'written') throw new NotFoundError('Song', id);
    return written.record;
  }

  /**
   * Deletes the song and every stored object of it. Objects go first: if storage fails the song
   * is still there and the delete can be retried, instead of leaving objects nobody points to.
   * The song is then soft-deleted with its SONG_DELETED in one write (left out of every query from
   * then on) and removed once the event is published.
   */
  async delete(userId: string, id: string): Promise<void> {
    const song = await this.requireOwn(userId, id);
    for (const prefix of songStoragePrefixes(id)) await this.storage.deletePrefix(prefix);
    await writeWithEvents({
      model: this.songs,
      filter: { _id: song._id },
      version: SONG_REVISION,
      notifier: this.outbox,
      subject: `song ${id}`,
      change: (_current, revision) => ({
        set: { deletedAt: new Date() },
        events: [songDeletedEvent(song._id, revision)],
      }),
    });
  }

  /** The caller's own song: NOT_FOUND when there is none, FORBIDDEN when it is someone else's. */
  private async requireOwn(userId: string, id: string): Promise<SongRecord> {
    const song = await this.songs.findById(parseObjectId('id', id)).lean();
    if (!song) throw new NotFoundError('Song', id);
    if (song.uploaderId.toHexString() !== userId)
      throw new ForbiddenError("Only the song's uploader may change or delete it");
    return song;
  }
}
