import { graphql } from '@/gql';
import type { AuthPayloadFieldsFragment } from '@/gql/graphql';

/** What every sign-in mutation answers: the token pair and the public profile. */
export type AuthPayloadFields = AuthPayloadFieldsFragment;

export const AUTH_PAYLOAD_FIELDS = graphql(`
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
`);

export const LOGIN = graphql(`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      ...AuthPayloadFields
    }
  }
`);

export const REGISTER = graphql(`
  mutation Register($input: RegisterInput!) {
    register(input: $input) {
      ...AuthPayloadFields
    }
  }
`);

export const REFRESH_SESSION = graphql(`
  mutation RefreshSession($refreshToken: String!) {
    refreshSession(refreshToken: $refreshToken) {
      ...AuthPayloadFields
    }
  }
`);

export const SIGN_IN_WITH_GOOGLE = graphql(`
  mutation SignInWithGoogle($idToken: String!) {
    signInWithGoogle(idToken: $idToken) {
      ...AuthPayloadFields
    }
  }
`);

export const LOGOUT = graphql(`
  mutation Logout($refreshToken: String!) {
    logout(refreshToken: $refreshToken)
  }
`);
