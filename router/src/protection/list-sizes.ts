// How long the lists of the public schema are, for the cost limit — in the spirit of the GraphQL
// cost specification's @listSize(slicingArguments, assumedSize): a field with a `first`/`last`
// argument costs that many items, capped at the most the subgraph serves (`max`, the subgraph
// refuses more anyway); without the argument, or for a list field without one, `assumed` items.
// A list field not named here costs LIMIT_DEFAULT_LIST_SIZE items.

export interface ListSize {
  /** Items assumed when no `first`/`last` is given (the subgraph's default page, or a typical length). */
  assumed: number;
  /** The most items one page serves (a larger `first`/`last` is refused by the subgraph). */
  max?: number;
}

/** By `Type.field` of the supergraph's API schema. */
export type ListSizes = Readonly<Record<string, ListSize>>;

/** Search and discovery pages (subgraphs/query: 20 by default, at most 50). */
const QUERY_PAGE: ListSize = { assumed: 20, max: 50 };
/** Song connections of the songs subgraph (20 by default, at most 100). */
const SONG_PAGE: ListSize = { assumed: 20, max: 100 };
/** Comment connections of the comments subgraph (20 by default, at most 50). */
const COMMENT_PAGE: ListSize = { assumed: 20, max: 50 };
/** Other connections: their default page. */
const PAGE: ListSize = { assumed: 20 };

export const LIST_SIZES: ListSizes = {
  'Query.trending': QUERY_PAGE,
  'Query.newReleases': QUERY_PAGE,
  'SearchResults.albums': QUERY_PAGE,
  'SearchResults.artists': QUERY_PAGE,
  'SearchResults.facets': { assumed: 3 },
  'Artist.songs': SONG_PAGE,
  'User.uploads': SONG_PAGE,
  'Artist.albums': { assumed: 10 },
  'Album.songs': { assumed: 15 },
  'SongStream.renditions': { assumed: 3 },
  'JamSession.participants': { assumed: 32 },
  'Song.comments': COMMENT_PAGE,
  'Album.comments': COMMENT_PAGE,
  'Playlist.comments': COMMENT_PAGE,
  'Playlist.items': PAGE,
  'Comment.replies': COMMENT_PAGE,
  'Query.moderationQueue': COMMENT_PAGE,
  'ModerationQueueEdge.reasons': { assumed: 3 },
  'User.playlists': PAGE,
  'Library.likedSongs': PAGE,
  'Library.history': PAGE,
  'Library.playlists': PAGE,
  'Library.followedArtists': PAGE,
  'Library.notifications': PAGE,
};
