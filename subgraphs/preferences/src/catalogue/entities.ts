import { Directive, Field, ID, ObjectType } from 'type-graphql';

/*
 * The entities other subgraphs own, as preferences extends them: the key only (resolvable, so the
 * router asks this subgraph's `_entities` for the fields it adds: likeCount, followerCount, rating,
 * playlists, …). Every resolver of this subgraph that adds a field to Song, Album, Artist or User
 * uses these classes (`@Resolver(() => SongEntity)`): type-graphql refuses two classes of one name.
 * A reference resolves to itself (`{ id }`); the field resolvers load what they need, batched.
 */

@Directive('@key(fields: "id")')
@ObjectType('Song')
export class SongEntity {
  @Field(() => ID)
  id!: string;
}

@Directive('@key(fields: "id")')
@ObjectType('Album')
export class AlbumEntity {
  @Field(() => ID)
  id!: string;
}

@Directive('@key(fields: "id")')
@ObjectType('Artist')
export class ArtistEntity {
  @Field(() => ID)
  id!: string;
}

@Directive('@key(fields: "id")')
@ObjectType('User')
export class UserEntity {
  @Field(() => ID)
  id!: string;
}

/**
 * The comments subgraph's `Comment`, as a notification points at it: the key only, not resolvable
 * here (the router asks comments for its fields).
 */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Comment')
export class CommentEntity {
  @Field(() => ID)
  id!: string;
}

export const songEntity = (id: string): SongEntity => ({ id });
export const albumEntity = (id: string): AlbumEntity => ({ id });
export const artistEntity = (id: string): ArtistEntity => ({ id });
export const userEntity = (id: string): UserEntity => ({ id });
export const commentEntity = (id: string): CommentEntity => ({ id });
