import {
  Directive,
  Field,
  Float,
  ID,
  InputType,
  Int,
  ObjectType,
  registerEnumType,
} from 'type-graphql';
import {
  CacheInherit,
  CacheMaxAge,
  CATALOGUE_MAX_AGE_SECONDS,
  PageInfo,
} from '@groovy/common/graphql';
import { DateResolver } from 'graphql-scalars';
import type { SongMedia } from '../read-model/documents';

/*
 * The songs subgraph's `Song`, `Album` and `Artist`, as far as the read model knows them.
 * (`coverUrl`, `stream { masterUrl }`, `loudnessLufs`, `Album.coverUrl` and `Album.releaseDate`
 * too: what the web's result lists show, so a search page is one fetch.) The keys
 * are `resolvable: false`: the router never asks this subgraph for an entity by key; it jumps to
 * songs for every field declared only there (stream, coverUrl, waveform, …).
 *
 * - `@shareable` fields are facts the read model holds for every song, album and artist it
 *   returns (title, artist name, album title, duration): the router takes them from this
 *   subgraph's response instead of calling songs. songs marks the same fields `@shareable`; both
 *   must resolve the same value (the read model lags songs by the event propagation delay).
 * - `Song.status` is `@external` and `@provides`d by `trending`, `newReleases` and
 *   `SongSearchEdge.node`: this subgraph only vouches for it on those paths, which only return
 *   READY songs (the status of other songs is songs' business).
 *
 * Field values are loaded per request by the field resolvers in catalogue.resolver.ts; the
 * objects below carry only what a parent already knew.
 */

/** A song's status; this subgraph only ever returns READY songs. Same values as in songs. */
export enum SongStatus {
  PENDING_UPLOAD = 'PENDING_UPLOAD',
  PROCESSING = 'PROCESSING',
  READY = 'READY',
  FAILED = 'FAILED',
}

registerEnumType(SongStatus, { name: 'SongStatus' });

@Directive('@key(fields: "id", resolvable: false)')
@CacheMaxAge(CATALOGUE_MAX_AGE_SECONDS)
@ObjectType('Artist')
export class ArtistReference {
  @Field(() => ID)
  id!: string;

  @Directive('@shareable')
  @Field()
  name?: string;
}

@Directive('@key(fields: "id", resolvable: false)')
@CacheMaxAge(CATALOGUE_MAX_AGE_SECONDS)
@ObjectType('Album')
export class AlbumReference {
  @Field(() => ID)
  id!: string;

  @Directive('@shareable')
  @Field()
  title?: string;

  @Directive('@shareable')
  @Field(() => ArtistReference)
  artist?: ArtistReference;

  @Directive('@shareable')
  @Field(() => DateResolver, { nullable: true })
  releaseDate?: Date | null;

  @Directive('@shareable')
  @Field(() => String, { nullable: true })
  coverUrl?: string | null;
}

/**
 * songs' `SongStream`, as far as a result list needs it: the master playlist's URL, made from the
 * key the song events carry with the same storage configuration songs uses (so the same URL;
 * signed ones differ only in their signature time). Renditions stay songs' business.
 */
@CacheInherit()
@ObjectType('SongStream')
export class SongStreamReference {
  @Directive('@shareable')
  @Field()
  masterUrl!: string;
}

@Directive('@key(fields: "id", resolvable: false)')
@CacheMaxAge(CATALOGUE_MAX_AGE_SECONDS)
@ObjectType('Song')
export class SongReference {
  @Field(() => ID)
  id!: string;

  @Directive('@shareable')
  @Field()
  title?: string;

  @Directive('@shareable')
  @Field(() => Int, { nullable: true })
  durationMs?: number | null;

  @Directive('@external')
  @Field(() => SongStatus)
  status?: SongStatus;

  @Directive('@shareable')
  @Field(() => ArtistReference)
  artist?: ArtistReference;

  @Directive('@shareable')
  @Field(() => AlbumReference, { nullable: true })
  album?: AlbumReference | null;

  @Directive('@shareable')
  @Field(() => String, { nullable: true })
  coverUrl?: string | null;

  @Directive('@shareable')
  @Field(() => Float, { nullable: true })
  loudnessLufs?: number | null;

  @Directive('@shareable')
  @Field(() => SongStreamReference, { nullable: true })
  stream?: SongStreamReference | null;

  /**
   * preferences' count, as its SONG_LIKED/SONG_UNLIKED events last reported it (kept in
   * `song_activity`): `@shareable` with preferences, so a result list needs no preferences fetch
   * unless it asks what only preferences knows (`likedByMe`). Lags preferences by the event delay.
   */
  @Directive('@shareable')
  @Field(() => Int, { description: 'How many listeners like this song (exact).' })
  likeCount?: number;

  /** Storage keys already read (search hits, lists), for coverUrl, stream and loudnessLufs. */
  media?: SongMedia;
}

/**
 * The preferences subgraph's `Playlist`, as a reference only: search hands out ids of public
 * playlists and the router resolves every other field from preferences.
 */
@Directive('@key(fields: "id", resolvable: false)')
@CacheMaxAge(CATALOGUE_MAX_AGE_SECONDS)
@ObjectType('Playlist')
export class PlaylistReference {
  @Field(() => ID)
  id!: string;
}

/** What `@provides` on the paths that return songs: fields this subgraph vouches for there only. */
export const PROVIDED_SONG_FIELDS = '@provides(fields: "status")';

@CacheInherit()
@ObjectType({ description: 'Where a search hit matched.' })
export class Highlight {
  @Field({ description: '`title`, `artist`, `album`, `genre` or `tags`.' })
  field!: string;

  @Field({ description: 'The field, HTML-escaped, with the matched words in `<em>…</em>`.' })
  snippet!: string;
}

@CacheInherit()
@ObjectType()
export class SongSearchEdge {
  @Field({ description: 'Opaque; valid only for the same query and filter.' })
  cursor!: string;

  @Directive(PROVIDED_SONG_FIELDS)
  @Field(() => SongReference)
  node!: SongReference;

  @Field(() => Float, { description: 'Relevance blended with popularity and recency.' })
  score!: number;

  @Field(() => [Highlight])
  highlights!: Highlight[];
}

@CacheInherit()
@ObjectType({ description: 'A page of matching songs, best first.' })
export class SongSearchConnection {
  @Field(() => [SongSearchEdge])
  edges!: SongSearchEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'How many songs match in all pages together.' })
  totalCount!: number;
}

@CacheInherit()
@ObjectType()
export class FacetValue {
  @Field({ description: 'The genre, the year, or the artist id.' })
  value!: string;

  @Field({ description: 'What to show: the genre, the year, or the artist name.' })
  label!: string;

  @Field(() => Int)
  count!: number;
}

@CacheInherit()
@ObjectType({ description: 'Counts of the matching songs per value of one attribute.' })
export class Facet {
  @Field({ description: '`genre`, `year` or `artist`.' })
  name!: string;

  @Field(() => [FacetValue])
  values!: FacetValue[];
}

@CacheInherit()
@ObjectType({ description: 'What a search found.' })
export class SearchResults {
  @Field(() => SongSearchConnection)
  songs!: SongSearchConnection;

  @Field(() => [Facet])
  facets!: Facet[];

  /** Albums and artists of the matching songs (resolved by SearchResolver's field resolvers). */
  albumIds!: string[];
  artistIds!: string[];
  /** The query, for `playlists` (searched only when asked for). */
  query!: string;
}

@InputType({ description: 'Narrows a search; every field given must match.' })
export class SearchFilter {
  @Field(() => String, { nullable: true })
  genre?: string | null;

  @Field(() => Int, { nullable: true })
  year?: number | null;

  @Field(() => ID, { nullable: true })
  artistId?: string | null;
}
