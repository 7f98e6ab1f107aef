import { gql, type TypedDocumentNode } from '@apollo/client';
import { TRACK_FIELDS, type Connection, type TrackFields } from '@/songs/track.fragment';

// Hand-written typed documents (API.md `songs`); replaced by graphql-codegen output later (see README).

export const ARTIST_SONGS_PAGE_SIZE = 20;

export interface ArtistAlbum {
  id: string;
  title: string;
  releaseDate: string | null;
  coverUrl: string | null;
}

export interface ArtistPageArtist {
  id: string;
  name: string;
  albums: ArtistAlbum[];
  songs: Connection<TrackFields>;
}

export const ARTIST_QUERY: TypedDocumentNode<
  { artist: ArtistPageArtist | null },
  { id: string; first: number }
> = gql`
  query Artist($id: ID!, $first: Int!) {
    artist(id: $id) {
      id
      name
      albums {
        id
        title
        releaseDate
        coverUrl
      }
      songs(first: $first) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          cursor
          node {
            ...TrackFields
          }
        }
      }
    }
  }
  ${TRACK_FIELDS}
`;

/** "Load more": the next page of the artist's songs after `after` (the previous endCursor). */
export const ARTIST_SONGS_QUERY: TypedDocumentNode<
  { artist: { id: string; songs: Connection<TrackFields> } | null },
  { id: string; first: number; after: string }
> = gql`
  query ArtistSongs($id: ID!, $first: Int!, $after: String!) {
    artist(id: $id) {
      id
      songs(first: $first, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          cursor
          node {
            ...TrackFields
          }
        }
      }
    }
  }
  ${TRACK_FIELDS}
`;
