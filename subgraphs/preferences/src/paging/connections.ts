import { PageInfo } from '@groovy/common/graphql';
import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { ArtistEntity, SongEntity } from '../catalogue/entities';

/*
 * `SongConnection`/`SongEdge` are the songs subgraph's types too (Artist.songs): both declare them
 * `@shareable` with the same fields, so `Library.likedSongs` returns the type clients already know.
 */

@Directive('@shareable')
@ObjectType()
export class SongEdge {
  @Field({ description: 'Opaque; stays valid while songs are added or removed.' })
  cursor!: string;

  @Field(() => SongEntity)
  node!: SongEntity;
}

@Directive('@shareable')
@ObjectType({ description: 'A page of songs, newest first.' })
export class SongConnection {
  @Field(() => [SongEdge])
  edges!: SongEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'How many songs there are in all pages together.' })
  totalCount!: number;
}

@ObjectType()
export class ArtistEdge {
  @Field({ description: 'Opaque; stays valid while artists are followed or unfollowed.' })
  cursor!: string;

  @Field(() => ArtistEntity)
  node!: ArtistEntity;
}

@ObjectType({ description: 'A page of artists.' })
export class ArtistConnection {
  @Field(() => [ArtistEdge])
  edges!: ArtistEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'How many artists there are in all pages together.' })
  totalCount!: number;
}
