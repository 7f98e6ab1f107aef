import { graphql } from '@/gql';

export const FOR_YOU_SIZE = 12;

/** The home page's "For you" shelf (query subgraph's read model; null when signed out). */
export const FOR_YOU_QUERY = graphql(`
  query ForYou($first: Int!, $signedIn: Boolean = true) {
    forYou(first: $first) {
      ...TrackFields
    }
  }
`);

export const MARK_NOT_INTERESTED = graphql(`
  mutation MarkNotInterested($songId: ID!, $notInterested: Boolean!) {
    markNotInterested(songId: $songId, notInterested: $notInterested) {
      id
      notInterested
    }
  }
`);
