import { graphql } from '@/gql';

export const UNREAD_NOTIFICATION_COUNT = graphql(`
  query UnreadNotificationCount {
    library {
      unreadNotificationCount
    }
  }
`);

/** A notification as the page shows it (also what the live subscription delivers). */
export const NOTIFICATION_FIELDS = graphql(`
  fragment NotificationFields on Notification {
    id
    kind
    createdAt
    read
    song {
      id
      title
      artist {
        id
        name
      }
    }
    actor {
      id
      displayName
    }
    comment {
      id
    }
  }
`);

export const NOTIFICATIONS_PAGE_SIZE = 50;

export const NOTIFICATIONS_QUERY = graphql(`
  query Notifications($first: Int!, $after: String) {
    library {
      unreadNotificationCount
      notifications(first: $first, after: $after) {
        totalCount
        edges {
          node {
            ...NotificationFields
          }
        }
        pageInfo {
          ...PageInfoFields
        }
      }
    }
  }
`);

/** Each notification of the signed-in listener as it is written (graphql-ws through the router). */
export const NOTIFICATION_ADDED = graphql(`
  subscription NotificationAdded {
    notificationAdded {
      ...NotificationFields
    }
  }
`);

export const MARK_NOTIFICATIONS_READ = graphql(`
  mutation MarkNotificationsRead {
    markNotificationsRead
  }
`);
