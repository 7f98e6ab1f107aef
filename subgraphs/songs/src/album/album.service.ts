import { BadUserInputError, ForbiddenError, NotFoundError } from '@groovy/common/errors';
import { appendToOutbox } from '@groovy/common/events';
import { Types } from 'mongoose';
import { parseArtistName } from '../artist/artist-name';
import type { ArtistService } from '../artist/artist.service';
import type { CatalogueEvents, OutboxNotifier } from '../events/catalogue-events';
import { parseObjectId, validObjectIds } from '../object-id';
import type { SongModel } from '../song/song.model';
import { parseTitle } from '../song/song-rules';
import type { CreateAlbumInput, UpdateAlbumInput } from './album.inputs';
import type { AlbumModel, AlbumRecord } from './album.model';

const COVER_URL_MAX_LENGTH = 2048;
const MAX_WRITE_ATTEMPTS = 5;

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
    private readonly events: CatalogueEvents,
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
    const event = await this.events.album('created', fields, 1);
    const created = await this.albums.create({ ...fields, version: 1, _outbox: [event] });
    this.outbox.recorded();
    return created.toObject();
  }

  async update(userId: string, id: string, input: UpdateAlbumInput): Promise<AlbumRecord> {
    const album = await this.requireOwned(userId, id);
    const changes: Partial<Pick<AlbumRecord, 'title' | 'artistId' | 'releaseDate' | 'coverUrl'>> =
      {};
    if (input.title !== undefined && input.title !== null)
      changes.title = parseTitle('title', input.title);
    if (input.artistName !== undefined && input.artistName !== null) {
      changes.artistId = (
        await this.artists.findOrCreateByName(parseArtistName('artistName', input.artistName))
      )._id;
    }
    if (input.releaseDate !== undefined)
      changes.releaseDate = parseReleaseDate('releaseDate', input.releaseDate);
    if (input.coverUrl !== undefined) changes.coverUrl = parseCoverUrl('coverUrl', input.coverUrl);
    // Optimistic concurrency: the change and its ALBUM_UPDATED are one write at the version read.
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
      const current = await this.albums.findById(album._id).lean();
      if (!current) throw new NotFoundError('Album', id);
      const version = (current.version ?? 1) + 1;
      const event = await this.events.album('updated', { ...current, ...changes }, version);
      const updated = await this.albums
        .findOneAndUpdate(
          { _id: album._id, version: current.version ?? null },
          { $set: { ...changes, version }, ...appendToOutbox([event]) },
          { returnDocument: 'after' },
        )
        .lean();
      if (updated) {
        this.outbox.recorded();
        return updated;
      }
    }
    throw new Error(`album ${id} kept changing under an update`);
  }

  /**
   * Deletes the album; its songs stay, without an album (each with its SONG_UPDATED). The album is
   * soft-deleted with its ALBUM_DELETED in one write; it is left out of every query from then on
   * and removed once the event is published.
   */
  async delete(userId: string, id: string): Promise<void> {
    const album = await this.requireOwned(userId, id);
    let deleted = false;
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS && !deleted; attempt++) {
      const current = await this.albums.findById(album._id).lean();
      if (!current) throw new NotFoundError('Album', id);
      const version = (current.version ?? 1) + 1;
      const written = await this.albums.updateOne(
        { _id: album._id, version: current.version ?? null },
        {
          $set: { deletedAt: new Date(), version },
          ...appendToOutbox([this.events.albumDeleted(album._id, version)]),
        },
      );
      deleted = written.modifiedCount === 1;
    }
    if (!deleted) throw new Error(`album ${id} kept changing under a delete`);
    this.outbox.recorded();
    await this.detachSongs(album._id);
  }

  /** Takes every song out of a deleted album, one conditional write (with its SONG_UPDATED) per song. */
  private async detachSongs(albumId: Types.ObjectId): Promise<void> {
    const inAlbum = await this.songs.find({ albumId }).select({ _id: 1 }).lean();
    for (const { _id } of inAlbum) {
      for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
        const song = await this.songs.findOne({ _id, albumId }).lean();
        if (!song) break;
        const revision = song.revision + 1;
        const event = await this.events.song('updated', { ...song, albumId: null }, revision);
        const written = await this.songs.updateOne(
          { _id, albumId, revision: song.revision },
          { $set: { albumId: null }, $inc: { revision: 1 }, ...appendToOutbox([event]) },
        );
        if (written.modifiedCount === 1) break;
      }
    }
    this.outbox.recorded();
  }

  /** The album a song is being put in: it must exist and be the caller's (BAD_USER_INPUT on `field` otherwise). */
  async requireAlbumForSong(
    field: string,
    userId: string,
    albumId: string,
  ): Promise<Types.ObjectId> {
    const id = parseObjectId(field, albumId);
    const album = await this.albums.findById(id).lean();
    if (!album) throw new BadUserInputError(field, `There is no album ${albumId}`);
    if (album.ownerId.toHexString() !== userId)
      throw new BadUserInputError(field, 'You can only add songs to your own albums');
    return album._id;
  }

  private async requireOwned(userId: string, id: string): Promise<AlbumRecord> {
    const album = await this.albums.findById(parseObjectId('id', id)).lean();
    if (!album) throw new NotFoundError('Album', id);
    if (album.ownerId.toHexString() !== userId)
      throw new ForbiddenError("Only the album's owner may change or delete it");
    return album;
  }
}
