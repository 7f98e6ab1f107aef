import { graphql } from '@/gql';

/** Where a Relay connection's page ends and whether there is more ("Load more"). */
export const PAGE_INFO_FIELDS = graphql(`
  fragment PageInfoFields on PageInfo {
    hasNextPage
    endCursor
  }
`);
