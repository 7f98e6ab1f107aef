import { Directive, Field, ID, ObjectType } from 'type-graphql';

/*
 * The commented things, owned elsewhere (Song and Album by songs, Playlist by preferences): here
 * only their key, resolvable so the router can ask this subgraph for `comments` and
 * `commentCount` of any of them (target.resolver.ts).
 */

@Directive('@key(fields: "id")')
@ObjectType('Song')
export class SongTarget {
  @Field(() => ID)
  id!: string;
}

@Directive('@key(fields: "id")')
@ObjectType('Album')
export class AlbumTarget {
  @Field(() => ID)
  id!: string;
}

@Directive('@key(fields: "id")')
@ObjectType('Playlist')
export class PlaylistTarget {
  @Field(() => ID)
  id!: string;
}
