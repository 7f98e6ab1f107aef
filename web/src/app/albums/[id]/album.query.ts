import { graphql } from '@/gql';

export const ALBUM_QUERY = graphql(`
  query Album($id: ID!) {
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
