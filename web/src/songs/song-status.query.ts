import { gql, type TypedDocumentNode } from '@apollo/client';
import type { SongStatus } from './track.fragment';

/** Polled by pages waiting for a song to finish processing (upload page, song page). */
export const SONG_STATUS_QUERY: TypedDocumentNode<
  { song: { id: string; status: SongStatus; failureReason: string | null } | null },
  { id: string }
> = gql`
  query SongStatus($id: ID!) {
    song(id: $id) {
      id
      status
      failureReason
    }
  }
`;
