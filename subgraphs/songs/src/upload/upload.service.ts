import { ConflictError } from '@groovy/common/errors';
import type { SignedUpload, Storage } from '../storage/storage';
import { insertWithEvents, type OutboxNotifier } from '@groovy/common/events';
import type { Logger } from 'pino';
import { Types } from 'mongoose';
import type { AlbumService } from '../album/album.service';
import { parseArtistName } from '../artist/artist-name';
import type { ArtistService } from '../artist/artist.service';
import { songEvent } from '../events/catalogue-event-builders';
import { parseObjectId } from '../object-id';
import type { SongModel, SongRecord } from '../song/song.model';
import { parseGenre, parseTags, parseTitle } from '../song/song-rules';
import { parseAudioFile, parseSizeBytes } from './audio-file-types';
import type { RequestSongUploadInput } from './upload.inputs';

export interface UploadLimits {
  maxUploadBytes: number;
  maxPendingUploadsPerUser: number;
  uploadUrlTtlSeconds: number;
}

export interface RequestedUpload {
  song: SongRecord;
  upload: SignedUpload;
}

/** `uploads/<songId>/original.<ext>`: where the client PUTs the file and where the worker finds it. */
export function uploadKeyOf(songId: string, extension: string): string {
  return `uploads/${songId}/original.${extension}`;
}

export class UploadService {
  constructor(
    private readonly songs: SongModel,
    private readonly artists: ArtistService,
    private readonly albums: AlbumService,
    private readonly storage: Storage,
    private readonly limits: UploadLimits,
    private readonly logger: Logger,
    private readonly outbox: OutboxNotifier,
  ) {}

  /**
   * Step 1 of the upload flow: validates what the client is about to upload, creates the song in
   * PENDING_UPLOAD and returns a signed URL that accepts only this content type and size.
   */
  async requestSongUpload(userId: string, input: RequestSongUploadInput): Promise<RequestedUpload> {
    const title = parseTitle('title', input.title);
    const artistName = parseArtistName('artistName', input.artistName);
    const genre = parseGenre('genre', input.genre);
    const tags = parseTags('tags', input.tags);
    const file = parseAudioFile(input.fileName, input.contentType);
    const sizeBytes = parseSizeBytes(input.sizeBytes, this.limits.maxUploadBytes);
    const uploaderId = parseObjectId('uploaderId', userId);
    const album =
      input.albumId === null || input.albumId === undefined
        ? null
        : await this.albums.requireAlbumForSong('albumId', userId, input.albumId);
    const albumId = album?._id ?? null;
    const pending = await this.songs.countDocuments({ uploaderId, status: 'PENDING_UPLOAD' });
    if (pending >= this.limits.maxPendingUploadsPerUser) {
      throw new ConflictError(
        `You have ${pending} uploads waiting for their file; finish or delete one first (unfinished uploads are removed once their URL expires)`,
      );
    }
    const artist = await this.artists.findOrCreateByName(artistName);

    // Signing is local computation (HMAC for local disk, V4 signing for GCS), so it goes first: the
    // song is stored only once it has a URL, and never sits in PENDING_UPLOAD without one.
    const songId = new Types.ObjectId();
    const uploadKey = uploadKeyOf(songId.toHexString(), file.extension);
    const upload = await this.storage.createSignedUpload(uploadKey, {
      contentType: file.contentType,
      maxBytes: sizeBytes,
      expiresInSeconds: this.limits.uploadUrlTtlSeconds,
    });
    const fields = {
      _id: songId,
      title,
      artistId: artist._id,
      albumId,
      genre,
      tags,
      uploaderId,
      status: 'PENDING_UPLOAD' as const,
      failureReason: null,
      durationMs: null,
      coverKey: null,
      createdAt: new Date(),
    };
    // The song (revision 0) and its SONG_CREATED (aggregateVersion 1) are one insert.
    const event = songEvent('created', fields, 0, { artistName: artist.name, album });
    const song = await insertWithEvents(
      this.songs,
      {
        ...fields,
        uploadKey,
        uploadContentType: file.contentType,
        uploadSizeBytes: sizeBytes,
        uploadExpiresAt: upload.expiresAt,
        revision: 0,
      },
      [event],
      this.outbox,
    );
    this.logger.info(
      { songId: songId.toHexString(), uploadKey, sizeBytes },
      'song upload requested',
    );
    return { song, upload };
  }
}
