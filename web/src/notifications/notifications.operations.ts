import { graphql } from '@/gql';

export const UNREAD_NOTIFICATION_COUNT = graphql(`
  query UnreadNotificationCount {
    library {
      unreadNotificationCount
    }
  }
`);

export const NOTIFICATIONS_PAGE_SIZE = 50;

export const NOTIFICATIONS_QUERY = graphql(`
  query Notifications($first: Int!) {
    library {
      unreadNotificationCount
      notifications(first: $first) {
        totalCount
        edges {
          node {
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
        }
      }
    }
  }
`);

export const MARK_NOTIFICATIONS_READ = graphql(`
  mutation MarkNotificationsRead {
    markNotificationsRead
  }
`);
