import { graphql } from '@/gql';
import type { AccountQuery, ApiKeyFieldsFragment } from '@/gql/graphql';

export type ApiKeyFields = ApiKeyFieldsFragment;
export type AccountViewer = NonNullable<AccountQuery['me']>;

export const API_KEY_FIELDS = graphql(`
  fragment ApiKeyFields on ApiKey {
    id
    name
    prefix
    createdAt
    lastUsedAt
  }
`);

export const ACCOUNT_QUERY = graphql(`
  query Account {
    me {
      email
      user {
        id
        displayName
        avatarUrl
        createdAt
      }
      apiKeys {
        ...ApiKeyFields
      }
    }
  }
`);
