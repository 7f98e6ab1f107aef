import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { AlbumDocument, ArtistDocument, SongDocument } from '../read-model/documents';
import type { QueryContext } from '../query-context';
import { AlbumReference, ArtistReference, SongReference, SongStatus } from './types';

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
}

@Resolver(() => ArtistReference)
export class ArtistFieldsResolver {
  @FieldResolver()
  async name(@Root() artist: ArtistReference, @Ctx() context: QueryContext): Promise<string> {
    return artist.name ?? (await loadArtist(context, artist.id)).name;
  }
}
