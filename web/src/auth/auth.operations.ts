import { gql, type TypedDocumentNode } from '@apollo/client';

// Hand-written typed documents matching API.md's `auth` section. graphql-codegen from
// schemas/supergraph.graphql replaces these once the schema pipeline exists (see README).

export interface AuthPayloadFields {
  accessToken: string;
  refreshToken: string;
  /** DateTime (ISO-8601). */
  accessTokenExpiresAt: string;
  user: { id: string; displayName: string; avatarUrl: string | null };
}

const AUTH_PAYLOAD_FIELDS = gql`
  fragment AuthPayloadFields on AuthPayload {
    accessToken
    refreshToken
    accessTokenExpiresAt
    user {
      id
      displayName
      avatarUrl
    }
  }
`;

export const LOGIN: TypedDocumentNode<
  { login: AuthPayloadFields },
  { email: string; password: string }
> = gql`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      ...AuthPayloadFields
    }
  }
  ${AUTH_PAYLOAD_FIELDS}
`;

export const REGISTER: TypedDocumentNode<
  { register: AuthPayloadFields },
  { input: { email: string; password: string; displayName: string } }
> = gql`
  mutation Register($input: RegisterInput!) {
    register(input: $input) {
      ...AuthPayloadFields
    }
  }
  ${AUTH_PAYLOAD_FIELDS}
`;

export const REFRESH_SESSION: TypedDocumentNode<
  { refreshSession: AuthPayloadFields },
  { refreshToken: string }
> = gql`
  mutation RefreshSession($refreshToken: String!) {
    refreshSession(refreshToken: $refreshToken) {
      ...AuthPayloadFields
    }
  }
  ${AUTH_PAYLOAD_FIELDS}
`;

export const SIGN_IN_WITH_GOOGLE: TypedDocumentNode<
  { signInWithGoogle: AuthPayloadFields },
  { idToken: string }
> = gql`
  mutation SignInWithGoogle($idToken: String!) {
    signInWithGoogle(idToken: $idToken) {
      ...AuthPayloadFields
    }
  }
  ${AUTH_PAYLOAD_FIELDS}
`;

export const LOGOUT: TypedDocumentNode<{ logout: boolean }, { refreshToken: string }> = gql`
  mutation Logout($refreshToken: String!) {
    logout(refreshToken: $refreshToken)
  }
`;
