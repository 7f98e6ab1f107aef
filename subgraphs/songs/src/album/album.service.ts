import { BadUserInputError, ForbiddenError, NotFoundError } from '@groovy/common/errors';
import {
  insertWithEvents,
  writeWithEvents,
  ConcurrentWriteError,
  type OutboxNotifier,
} from '@groovy/common/events';
import { Types } from 'mongoose';
import { parseArtistName } from '../artist/artist-name';
import type { ArtistService } from '../artist/artist.service';
import { albumDeletedEvent, albumEvent, songEvent } from '../events/catalogue-event-builders';
import type { CatalogueNames } from '../events/catalogue-names';
import { parseObjectId, validObjectIds } from '../object-id';
import { SONG_REVISION, type SongModel } from '../song/song.model';
import { parseTitle } from '../song/song-rules';
import type { CreateAlbumInput, UpdateAlbumInput } from './album.inputs';
import { ALBUM_VERSION, type AlbumModel, type AlbumRecord } from './album.model';

const COVER_URL_MAX_LENGTH = 2048;

/** An http(s) URL of at most 2,048 characters; empty or null means none. */
export function parseCoverUrl(field: string, value: string | null | undefined): string | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new BadUserInputError(field, 'Cover URL must be a valid http(s) URL');
  }
  if (!['https:', 'http:'].includes(url.protocol) || value.trim().length > COVER_URL_MAX_LENGTH) {
    throw new BadUserInputError(
      field,
      `Cover URL must be an http(s) URL of at most ${COVER_URL_MAX_LENGTH} characters`,
    );
  }
  return url.toString();
}

function parseReleaseDate(field: string, value: Date | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  const year = value.getUTCFullYear();
  if (Number.isNaN(year) || year < 1000 || year > 9999)
    throw new BadUserInputError(field, 'Release date must be a real calendar date');
  return value;
}

export class AlbumService {
  constructor(
    private readonly albums: AlbumModel,
    private readonly songs: SongModel,
    private readonly artists: ArtistService,
    private readonly names: CatalogueNames,
    private readonly outbox: OutboxNotifier,
  ) {}

  /** One query for many ids, in the order asked; null where there is no such album. */
  async findByIds(ids: readonly string[]): Promise<Array<AlbumRecord | null>> {
    const valid = validObjectIds(ids);
    const found = valid.length ? await this.albums.find({ _id: { $in: valid } }).lean() : [];
    const byId = new Map(found.map((album) => [album._id.toHexString(), album]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /** Every album of each artist (one query), newest release first. */
  async findByArtistIds(artistIds: readonly string[]): Promise<AlbumRecord[][]> {
    const valid = validObjectIds(artistIds);
    const found = valid.length
      ? await this.albums
          .find({ artistId: { $in: valid } })
          .sort({ releaseDate: -1, createdAt: -1, _id: -1 })
          .lean()
      : [];
    return artistIds.map((id) => found.filter((album) => album.artistId.toHexString() === id));
  }

  async create(ownerId: string, input: CreateAlbumInput): Promise<AlbumRecord> {
    const title = parseTitle('title', input.title);
    const artistName = parseArtistName('artistName', input.artistName);
    const releaseDate = parseReleaseDate('releaseDate', input.releaseDate);
    const coverUrl = parseCoverUrl('coverUrl', input.coverUrl);
    const artist = await this.artists.findOrCreateByName(artistName);
    const fields = {
      _id: new Types.ObjectId(),
      title,
      artistId: artist._id,
      ownerId: parseObjectId('ownerId', ownerId),
      releaseDate,
      coverUrl,
    };
    // The album and its ALBUM_CREATED are one insert.
    const event = albumEvent('created', fields, 1, artist.name);
    return insertWithEvents(this.albums, { ...fields, version: 1 }, [event], this.outbox);
  }

  async update(userId: string, id: string, input: UpdateAlbumInput): Promise<AlbumRecord> {
    const album = await this.requireOwned(userId, id);
    const changes: Partial<Pick<AlbumRecord, 'title' | 'artistId' | 'releaseDate' | 'coverUrl'>> =
      {};
    if (input.title !== undefined && input.title !== null)
      changes.title = parseTitle('title', input.title);
    let artistName: string | undefined;
    if (input.artistName !== undefined && input.artistName !== null) {
      const artist = await this.artists.findOrCreateByName(
        parseArtistName('artistName', input.artistName),
      );
      changes.artistId = artist._id;
      artistName = artist.name;
    }
    if (input.releaseDate !== undefined)
      changes.releaseDate = parseReleaseDate('releaseDate', input.releaseDate);
    if (input.coverUrl !== undefined) changes.coverUrl = parseCoverUrl('coverUrl', input.coverUrl);
    // Optimistic concurrency: the change and its ALBUM_UPDATED are one write at the version read.
    const written = await writeWithEvents({
      model: this.albums,
      filter: { _id: album._id },
      version: ALBUM_VERSION,
      notifier: this.outbox,
      subject: `album ${id}`,
      change: async (current, version) => {
        const next = { ...current, ...changes };
        const name = artistName ?? (await this.names.artistName(next.artistId));
        return { set: changes, events: [albumEvent('updated', next, version, name)] };
      },
    });
    if (written.outcome !== 'written') throw new NotFoundError('Album', id);
    return written.record;
  }

  /**
   * Deletes the album; its songs stay, without an album (each with its SONG_UPDATED). The album is
   * soft-deleted with its ALBUM_DELETED in one write; it is left out of every query from then on
   * and removed once the event is published.
   */
  async delete(userId: string, id: string): Promise<void> {
    const album = await this.requireOwned(userId, id);
    const deleted = await writeWithEvents({
      model: this.albums,
      filter: { _id: album._id },
      version: ALBUM_VERSION,
      notifier: this.outbox,
      subject: `album ${id}`,
      change: (_current, version) => ({
        set: { deletedAt: new Date() },
        events: [albumDeletedEvent(album._id, version)],
      }),
    });
    if (deleted.outcome !== 'written') throw new NotFoundError('Album', id);
    await this.detachSongs(album._id);
  }

  /** Takes every song out of a deleted album, one conditional write (with its SONG_UPDATED) per song. */
  private async detachSongs(albumId: Types.ObjectId): Promise<void> {
    const inAlbum = await this.songs.find({ albumId }).select({ _id: 1 }).lean();
    for (const { _id } of inAlbum) {
      const detached = writeWithEvents({
        model: this.songs,
        filter: { _id, albumId },
        version: SONG_REVISION,
        notifier: this.outbox,
        subject: `song ${_id.toHexString()}`,
        change: async (song, revision) => {
          const next = { ...song, albumId: null };
          const names = { artistName: await this.names.artistName(song.artistId), album: null };
          return { set: { albumId: null }, events: [songEvent('updated', next, revision, names)] };
        },
      });
      // A song that kept changing is left for its own writers: the album is gone either way.
      await detached.catch((error: unknown) => {
        if (!(error instanceof ConcurrentWriteError)) throw error;
      });
    }
  }

  /** The album a song is being put in: it must exist and be the caller's (BAD_USER_INPUT on `field` otherwise). */
  async requireAlbumForSong(field: string, userId: string, albumId: string): Promise<AlbumRecord> {
    const id = parseObjectId(field, albumId);
    const album = await this.albums.findById(id).lean();
    if (!album) throw new BadUserInputError(field, `There is no album ${albumId}`);
    if (album.ownerId.toHexString() !== userId)
      throw new BadUserInputError(field, 'You can only add songs to your own albums');
    return album;
  }

  private async requireOwned(userId: string, id: string): Promise<AlbumRecord> {
    const album = await this.albums.findById(parseObjectId('id', id)).lean();
    if (!album) throw new NotFoundError('Album', id);
    if (album.ownerId.toHexString() !== userId)
      throw new ForbiddenError("Only the album's owner may change or delete it");
    return album;
  }
}
