import { CacheMaxAge, CATALOGUE_MAX_AGE_SECONDS } from '@groovy/common/graphql';
import { Arg, Ctx, Directive, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { PlaylistSearch } from '../playlists/playlist-search';
import { validateFirst, type SearchService } from '../search/search.service';
import { mediaOf, type SongDocument } from '../read-model/documents';
import type { QueryContext } from '../query-context';
import {
  AlbumReference,
  ArtistReference,
  PlaylistReference,
  PROVIDED_SONG_FIELDS,
  SearchFilter,
  SearchResults,
  SongReference,
  SongStatus,
} from './types';

/** A READY song of the read model with the fields already read (no second read per field). */
export function songReference(song: SongDocument): SongReference {
  return {
    id: song._id,
    title: song.title,
    durationMs: song.durationMs,
    status: SongStatus.READY,
    artist: { ...song.artist },
    album: song.album ? { id: song.album.id, title: song.album.title } : null,
    media: mediaOf(song),
  };
}

@Resolver(() => SearchResults)
export class SearchResolver {
  constructor(
    private readonly service: SearchService,
    private readonly playlistSearch: PlaylistSearch,
  ) {}

  @CacheMaxAge(CATALOGUE_MAX_AGE_SECONDS)
  @Query(() => SearchResults, {
    description: 'Typo-tolerant, as-you-type search over READY songs, with facets and highlights.',
  })
  search(
    @Arg('query', () => String) query: string,
    @Arg('filter', () => SearchFilter, { nullable: true }) filter: SearchFilter | null,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): SearchResults {
    const page = this.service.search(query, filter ?? {}, first, after);
    return {
      songs: {
        edges: page.edges.map((edge) => ({
          cursor: edge.cursor,
          // Every hit is a READY song the index holds: its listed fields need no read-model read.
          node: { id: edge.id, status: SongStatus.READY, ...edge.song },
          score: edge.score,
          highlights: edge.highlights,
        })),
        pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
        totalCount: page.totalCount,
      },
      facets: page.facets,
      albumIds: page.albumIds,
      artistIds: page.artistIds,
      query,
    };
  }

  @FieldResolver(() => [PlaylistReference], {
    description:
      'Public playlists whose name matches the query (same typo and prefix rules; the filter does not apply), best first.',
  })
  async playlists(
    @Root() results: SearchResults,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
  ): Promise<PlaylistReference[]> {
    return (await this.playlistSearch.search(results.query, first)).map((id) => ({ id }));
  }

  @FieldResolver(() => [AlbumReference], {
    description: 'Albums of the matching songs, best first.',
  })
  async albums(
    @Root() results: SearchResults,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Ctx() context: QueryContext,
  ): Promise<AlbumReference[]> {
    // Only albums the read model knows (and that are not deleted): their fields come from it.
    const ids = results.albumIds.slice(0, validateFirst(first));
    const albums = await context.catalogue.albumById.loadMany(ids);
    return albums.flatMap((album) =>
      album && !(album instanceof Error) && !album.deleted
        ? [{ id: album._id, title: album.title, artist: { ...album.artist } }]
        : [],
    );
  }

  @FieldResolver(() => [ArtistReference], {
    description: 'Artists of the matching songs, best first.',
  })
  async artists(
    @Root() results: SearchResults,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Ctx() context: QueryContext,
  ): Promise<ArtistReference[]> {
    const ids = results.artistIds.slice(0, validateFirst(first));
    const artists = await context.catalogue.artistById.loadMany(ids);
    return artists.flatMap((artist) =>
      artist && !(artist instanceof Error) ? [{ id: artist._id, name: artist.name }] : [],
    );
  }

  @CacheMaxAge(CATALOGUE_MAX_AGE_SECONDS)
  @Directive(PROVIDED_SONG_FIELDS)
  @Query(() => [SongReference], {
    description:
      'READY songs by their activity of the last days (plays, likes and comments, decayed with a half-life of 2 days), then the newest.',
  })
  async trending(
    @Arg('first', () => Int, { nullable: true }) first: number | null,
  ): Promise<SongReference[]> {
    return (await this.service.trending(first)).map(songReference);
  }

  @CacheMaxAge(CATALOGUE_MAX_AGE_SECONDS)
  @Directive(PROVIDED_SONG_FIELDS)
  @Query(() => [SongReference], { description: 'The newest READY songs by release.' })
  async newReleases(
    @Arg('first', () => Int, { nullable: true }) first: number | null,
  ): Promise<SongReference[]> {
    return (await this.service.newReleases(first)).map(songReference);
  }
}
