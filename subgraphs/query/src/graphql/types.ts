import { Directive, Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';

/** The songs subgraph's `Song`: only the key here; the router fetches every other field from songs. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Song')
export class SongReference {
  @Field(() => ID)
  id!: string;
}

@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Album')
export class AlbumReference {
  @Field(() => ID)
  id!: string;
}

@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Artist')
export class ArtistReference {
  @Field(() => ID)
  id!: string;
}

@Directive('@shareable')
@ObjectType({ description: 'Relay page information.' })
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Pass as `after` to get the next page.' })
  endCursor!: string | null;
}

@ObjectType({ description: 'Where a search hit matched.' })
export class Highlight {
  @Field({ description: '`title`, `artist`, `album` or `tags`.' })
  field!: string;

  @Field({ description: 'The field, HTML-escaped, with the matched words in `<em>…</em>`.' })
  snippet!: string;
}

@ObjectType()
export class SongSearchEdge {
  @Field({ description: 'Opaque; valid only for the same query and filter.' })
  cursor!: string;

  @Field(() => SongReference)
  node!: SongReference;

  @Field(() => Float, { description: 'Relevance blended with popularity and recency.' })
  score!: number;

  @Field(() => [Highlight])
  highlights!: Highlight[];
}

@ObjectType({ description: 'A page of matching songs, best first.' })
export class SongSearchConnection {
  @Field(() => [SongSearchEdge])
  edges!: SongSearchEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'How many songs match in all pages together.' })
  totalCount!: number;
}

@ObjectType()
export class FacetValue {
  @Field({ description: 'The genre, the year, or the artist id.' })
  value!: string;

  @Field({ description: 'What to show: the genre, the year, or the artist name.' })
  label!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ description: 'Counts of the matching songs per value of one attribute.' })
export class Facet {
  @Field({ description: '`genre`, `year` or `artist`.' })
  name!: string;

  @Field(() => [FacetValue])
  values!: FacetValue[];
}

@ObjectType({ description: 'What a search found.' })
export class SearchResults {
  @Field(() => SongSearchConnection)
  songs!: SongSearchConnection;

  @Field(() => [Facet])
  facets!: Facet[];

  /** Albums and artists of the matching songs (resolved by SearchResultsResolver). */
  albumIds!: string[];
  artistIds!: string[];
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
