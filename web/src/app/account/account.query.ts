import { gql, type TypedDocumentNode } from '@apollo/client';

// Hand-written typed document (API.md `auth`); replaced by graphql-codegen output later (see README).

export interface ApiKeyFields {
  id: string;
  name: string;
  prefix: string;
  /** DateTime (ISO-8601). */
  createdAt: string;
  lastUsedAt: string | null;
}

export interface AccountViewer {
  email: string;
  user: { id: string; displayName: string; avatarUrl: string | null; createdAt: string };
  apiKeys: ApiKeyFields[];
}

export const ACCOUNT_QUERY: TypedDocumentNode<
  { me: AccountViewer | null },
  Record<string, never>
> = gql`
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
        id
        name
        prefix
        createdAt
        lastUsedAt
      }
    }
  }
`;
