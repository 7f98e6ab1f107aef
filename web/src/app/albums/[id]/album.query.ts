import { graphql } from '@/gql';

export const ALBUM_QUERY = graphql(`
  query Album($id: ID!, $signedIn: Boolean = true) {
    album(id: $id) {
      id
      title
      releaseDate
      coverUrl
      rating {
        average
        count
        mine
      }
      artist {
        id
        name
      }
      songs {
        ...TrackFields
      }
    }
  }
`);
