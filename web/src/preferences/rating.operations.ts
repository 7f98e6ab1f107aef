import { graphql } from '@/gql';

export const ALBUM_RATING_FIELDS = graphql(`
  fragment AlbumRatingFields on Album {
    id
    rating {
      average
      count
      mine
    }
  }
`);

export const RATE_ALBUM = graphql(`
  mutation RateAlbum($albumId: ID!, $stars: Int!) {
    rateAlbum(albumId: $albumId, stars: $stars) {
      ...AlbumRatingFields
    }
  }
`);
