import { graphql } from '@/gql';

/**
 * The GraphQL documents of the conversation (API.md "comments"), typed by codegen. Pages are asked
 * with `first` ≤ 50 (the comments subgraph's and the router's list-size limit).
 */

/** What a comment shows; the generated `CommentFieldsFragment` fits comment-model.ts's CommentNode. */
export const COMMENT_FIELDS = graphql(`
  fragment CommentFields on Comment {
    id
    body
    createdAt
    editedAt
    atMs
    replyCount
    deleted
    hidden
    likeCount
    likedByMe
    author {
      id
      displayName
      avatarUrl
    }
  }
`);

export const COMMENT_PAGE = graphql(`
  fragment CommentPage on CommentConnection {
    totalCount
    pageInfo {
      ...PageInfoFields
    }
    edges {
      node {
        ...CommentFields
      }
    }
  }
`);

export const SONG_COMMENTS_QUERY = graphql(`
  query SongComments($id: ID!, $first: Int!, $after: String, $order: CommentOrder) {
    song(id: $id) {
      id
      comments(first: $first, after: $after, order: $order) {
        ...CommentPage
      }
    }
  }
`);

export const PLAYLIST_COMMENTS_QUERY = graphql(`
  query PlaylistComments($id: ID!, $first: Int!, $after: String, $order: CommentOrder) {
    playlist(id: $id) {
      id
      comments(first: $first, after: $after, order: $order) {
        ...CommentPage
      }
    }
  }
`);

export const ALBUM_COMMENTS_QUERY = graphql(`
  query AlbumComments($id: ID!, $first: Int!, $after: String, $order: CommentOrder) {
    album(id: $id) {
      id
      comments(first: $first, after: $after, order: $order) {
        ...CommentPage
      }
    }
  }
`);

export const COMMENT_REPLIES_QUERY = graphql(`
  query CommentReplies($id: ID!, $first: Int!, $after: String) {
    comment(id: $id) {
      id
      replies(first: $first, after: $after) {
        ...CommentPage
      }
    }
  }
`);

export const ADD_COMMENT_MUTATION = graphql(`
  mutation AddComment($input: AddCommentInput!) {
    addComment(input: $input) {
      ...CommentFields
    }
  }
`);

export const EDIT_COMMENT_MUTATION = graphql(`
  mutation EditComment($id: ID!, $body: String!) {
    editComment(id: $id, body: $body) {
      ...CommentFields
    }
  }
`);

export const DELETE_COMMENT_MUTATION = graphql(`
  mutation DeleteComment($id: ID!) {
    deleteComment(id: $id)
  }
`);

export const LIKE_COMMENT_MUTATION = graphql(`
  mutation LikeComment($id: ID!) {
    likeComment(id: $id) {
      ...CommentFields
    }
  }
`);

export const UNLIKE_COMMENT_MUTATION = graphql(`
  mutation UnlikeComment($id: ID!) {
    unlikeComment(id: $id) {
      ...CommentFields
    }
  }
`);

export const REPORT_COMMENT_MUTATION = graphql(`
  mutation ReportComment($id: ID!, $reason: String!) {
    reportComment(id: $id, reason: $reason)
  }
`);

/**
 * Comments and replies others post on the target, live (the router carries it over graphql-ws).
 * `parent` says where a reply goes. Anonymous readers may subscribe too: reading is public.
 */
export const COMMENT_ADDED_SUBSCRIPTION = graphql(`
  subscription CommentAdded($targetType: CommentTargetType!, $targetId: ID!) {
    commentAdded(targetType: $targetType, targetId: $targetId) {
      ...CommentFields
      parent {
        id
      }
    }
  }
`);
