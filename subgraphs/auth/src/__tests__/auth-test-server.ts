import type { IdentityToSign } from '@groovy/common/identity';
import type { RunningSubgraph } from '@groovy/common/subgraph';
import {
  executeAsRouter,
  startTestMongo,
  startTestSubgraph,
  TEST_ENVIRONMENT,
  type TestGraphQLResult,
  type TestMongo,
} from '@groovy/common/testing';
import { authEnvironmentSchema, type AuthEnvironment } from '../environment';
import { authSubgraph } from '../auth-subgraph';

export type GraphQLResult<T = Record<string, unknown>> = TestGraphQLResult<T>;

/** An auth subgraph on a free port with a fresh database, and a small typed client for it. */
export class AuthTestServer {
  private constructor(
    readonly mongo: TestMongo,
    readonly subgraph: RunningSubgraph,
    readonly env: AuthEnvironment,
  ) {}

  static async start(overrides: Record<string, string> = {}): Promise<AuthTestServer> {
    const env = authEnvironmentSchema.parse({
      NODE_ENV: 'test',
      PORT: '0',
      LOG_LEVEL: 'silent',
      IDENTITY_TOKEN_SECRET: TEST_ENVIRONMENT.IDENTITY_TOKEN_SECRET,
      ...overrides,
    });
    const mongo = await startTestMongo();
    const subgraph = await startTestSubgraph(mongo, authSubgraph(env));
    return new AuthTestServer(mongo, subgraph, env);
  }

  async stop(): Promise<void> {
    await this.subgraph.stop();
    await this.mongo.stop();
  }

  /** Runs an operation; `as` and `clientAddress` sign a router identity the way the router would. */
  execute<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    options: {
      as?: IdentityToSign;
      clientAddress?: string;
      headers?: Record<string, string>;
    } = {},
  ): Promise<GraphQLResult<T>> {
    return executeAsRouter<T>(this.subgraph.url, query, variables, {
      ...options,
      identitySecret: this.env.IDENTITY_TOKEN_SECRET,
    });
  }

  async register(email: string, password = 'a long enough passphrase', displayName = 'Listener') {
    const result = await this.execute<{ register: AuthPayloadShape }>(REGISTER, {
      input: { email, password, displayName },
    });
    if (!result.data?.register)
      throw new Error(`register failed: ${JSON.stringify(result.errors)}`);
    return result.data.register;
  }
}

export interface AuthPayloadShape {
  accessToken: string;
  refreshToken: string;
  accessTokenExpiresAt: string;
  user: { id: string; displayName: string };
}

const PAYLOAD = 'accessToken refreshToken accessTokenExpiresAt user { id displayName }';
export const REGISTER = `mutation Register($input: RegisterInput!) { register(input: $input) { ${PAYLOAD} } }`;
export const LOGIN = `mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { ${PAYLOAD} } }`;
export const REFRESH = `mutation Refresh($token: String!) { refreshSession(refreshToken: $token) { ${PAYLOAD} } }`;
export const LOGOUT = 'mutation Logout($token: String!) { logout(refreshToken: $token) }';
export const GOOGLE = `mutation Google($idToken: String!) { signInWithGoogle(idToken: $idToken) { ${PAYLOAD} } }`;
export const ME =
  'query Me { me { email user { id displayName avatarUrl createdAt } apiKeys { id name prefix createdAt lastUsedAt } } }';
