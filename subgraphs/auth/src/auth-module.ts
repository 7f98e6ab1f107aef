import { buildFederatedSchema } from '@groovy/common/graphql';
import { resolverContainer, type SubgraphDependencies } from '@groovy/common/subgraph';
import DataLoader from 'dataloader';
import type { GraphQLSchema } from 'graphql';
import { ApiKeyResolver } from './api-key/api-key.resolver';
import { createApiKeyModel } from './api-key/api-key.model';
import { ApiKeyService } from './api-key/api-key.service';
import type { AuthContext } from './auth-context';
import type { AuthEnvironment } from './environment';
import { GoogleIdTokenVerifier } from './google/google-id-token-verifier';
import { createLoginFailureModel } from './login-throttle/login-failure.model';
import { LoginThrottle } from './login-throttle/login-throttle';
import { PasswordHasher } from './password/password-hasher';
import { createRegistrationCountModel } from './registration-throttle/registration-count.model';
import { RegistrationThrottle } from './registration-throttle/registration-throttle';
import { createRefreshTokenModel } from './session/refresh-token.model';
import { SessionResolver } from './session/session.resolver';
import { SessionService } from './session/session.service';
import { AccessTokenSigner } from './signing-key/access-token-signer';
import { createSigningKeyModel } from './signing-key/signing-key.model';
import { toUser } from './user/user';
import { createUserModel } from './user/user.model';
import { resolveUserReference } from './user/user.reference';
import { UserResolver } from './user/user.resolver';
import { UserService } from './user/user.service';
import type { OutboxNotifier } from '@groovy/common/events';
import { ViewerResolver } from './user/viewer.resolver';

/** Everything the auth subgraph is made of, wired once per process on its own connection. */
export interface AuthModule {
  schema: GraphQLSchema;
  signer: AccessTokenSigner;
  apiKeys: ApiKeyService;
  sessions: SessionService;
  context(): Pick<AuthContext, 'userById'>;
}

export async function createAuthModule(
  { connection }: Pick<SubgraphDependencies, 'connection'>,
  env: AuthEnvironment,
  outbox: OutboxNotifier = { recorded: () => {} },
): Promise<AuthModule> {
  const users = createUserModel(connection);
  const signer = await AccessTokenSigner.create(
    {
      issuer: env.JWT_ISSUER,
      audience: env.JWT_AUDIENCE,
      ttlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
    },
    env.AUTH_SIGNING_KEY,
    createSigningKeyModel(connection),
  );
  const userService = new UserService(users, outbox);
  const apiKeys = new ApiKeyService(createApiKeyModel(connection), env.MAX_API_KEYS_PER_USER);
  const sessions = new SessionService({
    users,
    refreshTokens: createRefreshTokenModel(connection),
    hasher: new PasswordHasher(),
    signer,
    throttle: new LoginThrottle(createLoginFailureModel(connection), {
      maxFailuresPerAccount: env.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      maxFailuresPerIp: env.LOGIN_MAX_FAILURES_PER_IP,
      windowSeconds: env.LOGIN_FAILURE_WINDOW_SECONDS,
      lockoutSeconds: env.LOGIN_LOCKOUT_SECONDS,
    }),
    registrations: new RegistrationThrottle(createRegistrationCountModel(connection), {
      maxPerAddress: env.REGISTRATION_MAX_PER_ADDRESS,
      windowSeconds: env.REGISTRATION_WINDOW_SECONDS,
      requireClientAddress: env.NODE_ENV === 'production',
    }),
    refreshReuseGraceSeconds: env.REFRESH_TOKEN_REUSE_GRACE_SECONDS,
    google: new GoogleIdTokenVerifier(env.GOOGLE_CLIENT_ID, env.GOOGLE_JWKS_URL),
    refreshTokenTtlDays: env.REFRESH_TOKEN_TTL_DAYS,
    outbox,
  });

  const schema = await buildFederatedSchema({
    ...resolverContainer([
      [ViewerResolver, new ViewerResolver(userService, apiKeys, sessions)],
      [SessionResolver, new SessionResolver(sessions)],
      [ApiKeyResolver, new ApiKeyResolver(apiKeys)],
      [UserResolver, new UserResolver()],
    ]),
    referenceResolvers: { User: { __resolveReference: resolveUserReference as never } },
  });

  return {
    schema,
    signer,
    apiKeys,
    sessions,
    context: () => ({
      userById: new DataLoader(async (ids: readonly string[]) =>
        (await userService.findByIds(ids)).map((user) => (user ? toUser(user) : null)),
      ),
    }),
  };
}
