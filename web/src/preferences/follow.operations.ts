import { graphql } from '@/gql';

export const ARTIST_FOLLOW_FIELDS = graphql(`
  fragment ArtistFollowFields on Artist {
    id
    followedByMe
    followerCount
  }
`);

export const USER_FOLLOW_FIELDS = graphql(`
  fragment UserFollowFields on User {
    id
    followedByMe
    followerCount
  }
`);

export const FOLLOW_ARTIST = graphql(`
  mutation FollowArtist($artistId: ID!) {
    followArtist(artistId: $artistId) {
      ...ArtistFollowFields
    }
  }
`);

export const UNFOLLOW_ARTIST = graphql(`
  mutation UnfollowArtist($artistId: ID!) {
    unfollowArtist(artistId: $artistId) {
      ...ArtistFollowFields
    }
  }
`);

export const FOLLOW_USER = graphql(`
  mutation FollowUser($userId: ID!) {
    followUser(userId: $userId) {
      ...UserFollowFields
    }
  }
`);

export const UNFOLLOW_USER = graphql(`
  mutation UnfollowUser($userId: ID!) {
    unfollowUser(userId: $userId) {
      ...UserFollowFields
    }
  }
`);
