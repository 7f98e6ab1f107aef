import { gql, type TypedDocumentNode } from '@apollo/client';
import { TRACK_FIELDS, type TrackFields } from '@/songs/track.fragment';

// Hand-written typed document (API.md `songs`); replaced by graphql-codegen output later (see README).

export interface AlbumPageAlbum {
  id: string;
  title: string;
  /** Date (YYYY-MM-DD). */
  releaseDate: string | null;
  coverUrl: string | null;
  artist: { id: string; name: string };
  songs: TrackFields[];
}

export const ALBUM_QUERY: TypedDocumentNode<{ album: AlbumPageAlbum | null }, { id: string }> = gql`
  query Album($id: ID!) {
    album(id: $id) {
      id
      title
      releaseDate
      coverUrl
      artist {
        id
        name
      }
      songs {
        ...TrackFields
      }
    }
  }
  ${TRACK_FIELDS}
`;
