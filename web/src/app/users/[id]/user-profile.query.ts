import { graphql } from '@/gql';
import type { UserProfileQuery, UserUploadPageFragment } from '@/gql/graphql';

export const USER_UPLOADS_PAGE_SIZE = 20;
/** A profile shows this many public playlists (the newest). */
export const USER_PLAYLISTS_SHOWN = 24;

/** One page of a user's uploads (the first one on the page, then "Load more"). */
export const USER_UPLOAD_PAGE = graphql(`
  fragment UserUploadPage on SongConnection {
    totalCount
    pageInfo {
      ...PageInfoFields
    }
    edges {
      cursor
      node {
        ...TrackFields
      }
    }
  }
`);

export type UserUploadPage = UserUploadPageFragment;

/**
 * A public profile: who they are (auth), their uploads (songs), followers and public playlists
 * (preferences). The playlists leave out their owner (this profile's person): no second trip to auth.
 */
export const USER_PROFILE_QUERY = graphql(`
  query UserProfile($id: ID!, $first: Int!, $playlists: Int!, $signedIn: Boolean = true) {
    user(id: $id) {
      id
      displayName
      avatarUrl
      createdAt
      followerCount
      followedByMe
      uploads(first: $first) {
        ...UserUploadPage
      }
      playlists(first: $playlists) {
        totalCount
        edges {
          node {
            id
            name
            itemCount
            visibility
            collaborative
          }
        }
      }
    }
  }
`);

export type UserProfile = NonNullable<UserProfileQuery['user']>;

/** "Load more": the next page of the user's uploads after `after` (the previous endCursor). */
export const USER_UPLOADS_QUERY = graphql(`
  query UserUploads($id: ID!, $first: Int!, $after: String!, $signedIn: Boolean = true) {
    user(id: $id) {
      id
      uploads(first: $first, after: $after) {
        ...UserUploadPage
      }
    }
  }
`);
