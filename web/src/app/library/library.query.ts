import { graphql } from '@/gql';
import type { LibraryQuery } from '@/gql/graphql';

export const LIBRARY_PAGE_SIZE = 50;

export const LIBRARY_QUERY = graphql(`
  query Library($first: Int!, $signedIn: Boolean = true) {
    library {
      likedSongs(first: $first) {
        totalCount
        pageInfo {
          ...PageInfoFields
        }
        edges {
          node {
            ...TrackFields
          }
        }
      }
      history(first: $first) {
        totalCount
        pageInfo {
          ...PageInfoFields
        }
        edges {
          node {
            playedAt
            msPlayed
            song {
              ...TrackFields
            }
          }
        }
      }
      playlists(first: $first) {
        totalCount
        pageInfo {
          ...PageInfoFields
        }
        edges {
          node {
            ...PlaylistSummary
          }
        }
      }
      followedArtists(first: $first) {
        totalCount
        pageInfo {
          ...PageInfoFields
        }
        edges {
          node {
            id
            name
            followerCount
          }
        }
      }
    }
  }
`);

export type LibraryData = NonNullable<LibraryQuery['library']>;

/* One list of the library, the page after a cursor ("Load more"). */

export const LIBRARY_LIKED_PAGE = graphql(`
  query LibraryLikedPage($first: Int!, $after: String, $signedIn: Boolean = true) {
    library {
      likedSongs(first: $first, after: $after) {
        totalCount
        pageInfo {
          ...PageInfoFields
        }
        edges {
          node {
            ...TrackFields
          }
        }
      }
    }
  }
`);

export const LIBRARY_HISTORY_PAGE = graphql(`
  query LibraryHistoryPage($first: Int!, $after: String, $signedIn: Boolean = true) {
    library {
      history(first: $first, after: $after) {
        totalCount
        pageInfo {
          ...PageInfoFields
        }
        edges {
          node {
            playedAt
            msPlayed
            song {
              ...TrackFields
            }
          }
        }
      }
    }
  }
`);

export const LIBRARY_PLAYLISTS_PAGE = graphql(`
  query LibraryPlaylistsPage($first: Int!, $after: String) {
    library {
      playlists(first: $first, after: $after) {
        totalCount
        pageInfo {
          ...PageInfoFields
        }
        edges {
          node {
            ...PlaylistSummary
          }
        }
      }
    }
  }
`);

export const LIBRARY_ARTISTS_PAGE = graphql(`
  query LibraryArtistsPage($first: Int!, $after: String) {
    library {
      followedArtists(first: $first, after: $after) {
        totalCount
        pageInfo {
          ...PageInfoFields
        }
        edges {
          node {
            id
            name
            followerCount
          }
        }
      }
    }
  }
`);

export const CLEAR_HISTORY = graphql(`
  mutation ClearHistory {
    clearHistory
  }
`);
