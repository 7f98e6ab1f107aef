import { graphql } from '@/gql';

export const REQUEST_SONG_UPLOAD = graphql(`
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
`);

/** Best effort after a cancelled or failed PUT, so no half-created song is left behind. */
export const DELETE_SONG = graphql(`
  mutation DeleteSong($id: ID!) {
    deleteSong(id: $id)
  }
`);
