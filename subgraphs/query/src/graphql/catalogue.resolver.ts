import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import {
  mediaOf,
  type AlbumDocument,
  type ArtistDocument,
  type SongDocument,
  type SongCounts,
  type SongMedia,
} from '../read-model/documents';
import type { QueryContext } from '../query-context';
import {
  AlbumReference,
  ArtistReference,
  SongReference,
  SongStatus,
  SongStreamReference,
} from './types';

/** Read URLs from storage keys, as songs makes them (the same storage configuration). */
export interface MediaUrls {
  readUrl(key: string): Promise<string>;
}

/** Songs' counts as the activity events last reported them (ActivityService). */
export interface SongLikeCounts {
  counts(songId: string): Pick<SongCounts, 'likes'> | undefined;
}

/*
 * The denormalised fields of Song, Album and Artist, from the read model (see types.ts for which
 * are @shareable and which are @provides'd). A parent that already read a value passes it down
 * (a song's artist name and album title); anything else is loaded once per request and batched.
 * Every id this subgraph hands out comes from the read model, so a missing document is a bug.
 */

class MissingFromReadModelError extends Error {
  constructor(kind: string, id: string) {
    super(`${kind} ${id} is not in the query read model`);
    this.name = 'MissingFromReadModelError';
  }
}

/**
 * A field the read model cannot answer for this song: its document was written from an event
 * older than the field (songs' events carry it since the result lists are served from here).
 * Republishing the song (any update) or a replay of newer events fills it in.
 */
class UnknownInReadModelError extends Error {
  constructor(field: string, kind: 'song' | 'album', id: string) {
    super(`${field} of ${kind} ${id} is unknown to the query read model (an event older than it)`);
    this.name = 'UnknownInReadModelError';
  }
}

async function mediaOfReference(song: SongReference, context: QueryContext): Promise<SongMedia> {
  return song.media ?? mediaOf(await loadSong(context, song.id));
}

async function loadSong(context: QueryContext, id: string): Promise<SongDocument> {
  const song = await context.catalogue.songById.load(id);
  if (!song) throw new MissingFromReadModelError('song', id);
  return song;
}

async function loadAlbum(context: QueryContext, id: string): Promise<AlbumDocument> {
  const album = await context.catalogue.albumById.load(id);
  if (!album) throw new MissingFromReadModelError('album', id);
  return album;
}

async function loadArtist(
  context: QueryContext,
  id: string,
): Promise<Pick<ArtistDocument, '_id' | 'name'>> {
  const artist = await context.catalogue.artistById.load(id);
  if (!artist) throw new MissingFromReadModelError('artist', id);
  return artist;
}

@Resolver(() => SongReference)
export class SongFieldsResolver {
  constructor(
    private readonly urls: MediaUrls,
    private readonly activity: SongLikeCounts,
  ) {}

  /** The like count the preference events last reported (0 before any like was seen). */
  @FieldResolver()
  likeCount(@Root() song: SongReference): number {
    return Math.max(0, this.activity.counts(song.id)?.likes ?? 0);
  }

  @FieldResolver()
  async coverUrl(
    @Root() song: SongReference,
    @Ctx() context: QueryContext,
  ): Promise<string | null> {
    const { coverKey } = await mediaOfReference(song, context);
    return coverKey ? this.urls.readUrl(coverKey) : null;
  }

  /** As songs: null until READY (this subgraph returns READY songs only), else the master playlist. */
  @FieldResolver()
  async stream(
    @Root() song: SongReference,
    @Ctx() context: QueryContext,
  ): Promise<SongStreamReference | null> {
    const { masterKey } = await mediaOfReference(song, context);
    if (masterKey === undefined) throw new UnknownInReadModelError('stream', 'song', song.id);
    return masterKey ? { masterUrl: await this.urls.readUrl(masterKey) } : null;
  }

  @FieldResolver()
  async loudnessLufs(
    @Root() song: SongReference,
    @Ctx() context: QueryContext,
  ): Promise<number | null> {
    const { loudnessLufs } = await mediaOfReference(song, context);
    if (loudnessLufs === undefined)
      throw new UnknownInReadModelError('loudnessLufs', 'song', song.id);
    return loudnessLufs;
  }

  @FieldResolver()
  async title(@Root() song: SongReference, @Ctx() context: QueryContext): Promise<string> {
    return song.title ?? (await loadSong(context, song.id)).title;
  }

  @FieldResolver()
  async durationMs(
    @Root() song: SongReference,
    @Ctx() context: QueryContext,
  ): Promise<number | null> {
    return song.durationMs !== undefined
      ? song.durationMs
      : (await loadSong(context, song.id)).durationMs;
  }

  @FieldResolver()
  async status(@Root() song: SongReference, @Ctx() context: QueryContext): Promise<SongStatus> {
    return song.status ?? ((await loadSong(context, song.id)).status as SongStatus);
  }

  @FieldResolver()
  async artist(
    @Root() song: SongReference,
    @Ctx() context: QueryContext,
  ): Promise<ArtistReference> {
    return song.artist ?? { ...(await loadSong(context, song.id)).artist };
  }

  @FieldResolver()
  async album(
    @Root() song: SongReference,
    @Ctx() context: QueryContext,
  ): Promise<AlbumReference | null> {
    if (song.album !== undefined) return song.album;
    const { album } = await loadSong(context, song.id);
    return album ? { id: album.id, title: album.title } : null;
  }
}

@Resolver(() => AlbumReference)
export class AlbumFieldsResolver {
  @FieldResolver()
  async title(@Root() album: AlbumReference, @Ctx() context: QueryContext): Promise<string> {
    return album.title ?? (await loadAlbum(context, album.id)).title;
  }

  @FieldResolver()
  async artist(
    @Root() album: AlbumReference,
    @Ctx() context: QueryContext,
  ): Promise<ArtistReference> {
    return album.artist ?? { ...(await loadAlbum(context, album.id)).artist };
  }

  @FieldResolver()
  async coverUrl(
    @Root() album: AlbumReference,
    @Ctx() context: QueryContext,
  ): Promise<string | null> {
    if (album.coverUrl !== undefined) return album.coverUrl;
    const { coverUrl } = await loadAlbum(context, album.id);
    if (coverUrl === undefined) throw new UnknownInReadModelError('coverUrl', 'album', album.id);
    return coverUrl;
  }

  /** `YYYY-MM-DD` in the read model; a Date at midnight UTC for the Date scalar, as songs stores it. */
  @FieldResolver()
  async releaseDate(
    @Root() album: AlbumReference,
    @Ctx() context: QueryContext,
  ): Promise<Date | null> {
    if (album.releaseDate !== undefined) return album.releaseDate;
    const { releaseDate } = await loadAlbum(context, album.id);
    return releaseDate ? new Date(`${releaseDate}T00:00:00.000Z`) : null;
  }
}

@Resolver(() => ArtistReference)
export class ArtistFieldsResolver {
  @FieldResolver()
  async name(@Root() artist: ArtistReference, @Ctx() context: QueryContext): Promise<string> {
    return artist.name ?? (await loadArtist(context, artist.id)).name;
  }
}
