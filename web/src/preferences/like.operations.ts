import { graphql } from '@/gql';

/** What a heart shows; the mutations answer with it, so every heart of the song updates. */
export const SONG_LIKE_FIELDS = graphql(`
  fragment SongLikeFields on Song {
    id
    likedByMe
    likeCount
  }
`);

export const LIKE_SONG = graphql(`
  mutation LikeSong($songId: ID!) {
    likeSong(songId: $songId) {
      ...SongLikeFields
    }
  }
`);

export const UNLIKE_SONG = graphql(`
  mutation UnlikeSong($songId: ID!) {
    unlikeSong(songId: $songId) {
      ...SongLikeFields
    }
  }
`);
