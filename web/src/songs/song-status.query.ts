import { graphql } from '@/gql';

/** Polled by pages waiting for a song to finish processing (upload page, song page). */
export const SONG_STATUS_QUERY = graphql(`
  query SongStatus($id: ID!) {
    song(id: $id) {
      id
      status
      failureReason
    }
  }
`);
