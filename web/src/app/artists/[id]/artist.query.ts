import { graphql } from '@/gql';
import type { ArtistSongPageFragment } from '@/gql/graphql';

export const ARTIST_SONGS_PAGE_SIZE = 20;

/** One page of an artist's songs (the first one on the page, then "Load more"). */
export const ARTIST_SONG_PAGE = graphql(`
  fragment ArtistSongPage on SongConnection {
    totalCount
    pageInfo {
      ...PageInfoFields
    }
    edges {
      cursor
      node {
        ...TrackFields
      }
    }
  }
`);

export type ArtistSongPage = ArtistSongPageFragment;

export const ARTIST_QUERY = graphql(`
  query Artist($id: ID!, $first: Int!, $signedIn: Boolean = true) {
    artist(id: $id) {
      id
      name
      followerCount
      followedByMe
      albums {
        id
        title
        releaseDate
        coverUrl
      }
      songs(first: $first) {
        ...ArtistSongPage
      }
    }
  }
`);

/** "Load more": the next page of the artist's songs after `after` (the previous endCursor). */
export const ARTIST_SONGS_QUERY = graphql(`
  query ArtistSongs($id: ID!, $first: Int!, $after: String!, $signedIn: Boolean = true) {
    artist(id: $id) {
      id
      songs(first: $first, after: $after) {
        ...ArtistSongPage
      }
    }
  }
`);
