import { graphql } from '@/gql';
import type { LibraryQuery } from '@/gql/graphql';

export const LIBRARY_PAGE_SIZE = 50;

export const LIBRARY_QUERY = graphql(`
  query Library($first: Int!) {
    library {
      likedSongs(first: $first) {
        totalCount
        edges {
          node {
            ...TrackFields
          }
        }
      }
      history(first: $first) {
        totalCount
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
        edges {
          node {
            ...PlaylistSummary
          }
        }
      }
      followedArtists(first: $first) {
        totalCount
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

export const CLEAR_HISTORY = graphql(`
  mutation ClearHistory {
    clearHistory
  }
`);
