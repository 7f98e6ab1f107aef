import { ObjectType } from 'type-graphql';

/**
 * The signed-in caller's own collection (API.md: `Query.library`, null when signed out). It carries
 * only whose library it is; every field (likedSongs, history, playlists, followedArtists,
 * notifications, …) is a field resolver in its feature's folder, `@Resolver(() => Library)`.
 */
@ObjectType({ description: "The caller's own library; `Query.library` is null when signed out." })
export class Library {
  /** Not a GraphQL field: the owner, as the router verified them. */
  userId!: string;
}
