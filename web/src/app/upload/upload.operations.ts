import { gql, type TypedDocumentNode } from '@apollo/client';
import type { HttpHeader } from '@/upload/put-file';
import type { SongStatus } from '@/songs/track.fragment';

// Hand-written typed documents (API.md `songs`); replaced by graphql-codegen output later (see README).

export interface RequestSongUploadInput {
  title: string;
  artistName: string;
  albumId?: string;
  genre?: string;
  tags?: string[];
  fileName: string;
  contentType: string;
  sizeBytes: number;
}

export interface SongUpload {
  song: { id: string; title: string; status: SongStatus };
  uploadUrl: string;
  method: string;
  headers: HttpHeader[];
  /** DateTime (ISO-8601). */
  expiresAt: string;
}

export const REQUEST_SONG_UPLOAD: TypedDocumentNode<
  { requestSongUpload: SongUpload },
  { input: RequestSongUploadInput }
> = gql`
  mutation RequestSongUpload($input: RequestSongUploadInput!) {
    requestSongUpload(input: $input) {
      song {
        id
        title
        status
      }
      uploadUrl
      method
      headers {
        name
        value
      }
      expiresAt
    }
  }
`;

/** Best effort after a cancelled or failed PUT, so no half-created song is left behind. */
export const DELETE_SONG: TypedDocumentNode<{ deleteSong: boolean }, { id: string }> = gql`
  mutation DeleteSong($id: ID!) {
    deleteSong(id: $id)
  }
`;
