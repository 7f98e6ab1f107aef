import { graphql } from '@/gql';

/** The moderators' queue (API.md "comments"): reported comments waiting for a decision. */
export const MODERATION_PAGE_SIZE = 20;

export const MODERATION_QUEUE_QUERY = graphql(`
  query ModerationQueue($first: Int!, $after: String) {
    moderationQueue(first: $first, after: $after) {
      totalCount
      pageInfo {
        ...PageInfoFields
      }
      edges {
        cursor
        reportCount
        reasons
        lastReportedAt
        node {
          ...ModeratedCommentFields
        }
      }
    }
  }
`);

export const MODERATED_COMMENT_FIELDS = graphql(`
  fragment ModeratedCommentFields on Comment {
    id
    body
    createdAt
    deleted
    hidden
    targetType
    targetId
    author {
      id
      displayName
    }
  }
`);

export const HIDE_COMMENT_MUTATION = graphql(`
  mutation HideComment($id: ID!) {
    hideComment(id: $id) {
      ...ModeratedCommentFields
    }
  }
`);

export const UNHIDE_COMMENT_MUTATION = graphql(`
  mutation UnhideComment($id: ID!) {
    unhideComment(id: $id) {
      ...ModeratedCommentFields
    }
  }
`);
