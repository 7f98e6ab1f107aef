import type { SubgraphDescription } from '@groovy/common/subgraph';
import { mountApiKeyVerificationRoute } from './api-key/api-key-verification.route';
import { mountSessionLivenessRoute } from './session/session-liveness.route';
import { createAuthModule, type AuthModule } from './auth-module';
import type { AuthContext } from './auth-context';
import type { AuthEnvironment } from './environment';
import { mountJwksRoute } from './signing-key/jwks.route';

/**
 * The auth subgraph: GraphQL on /graphql, the JWKS at /.well-known/jwks.json, the router's API-key
 * check at /internal/api-keys/verify, and the relay publishing USER_* events from `users`.
 */
export function authSubgraph(
  env: AuthEnvironment,
): SubgraphDescription<AuthModule, Pick<AuthContext, 'userById'>> {
  return {
    name: 'auth',
    environment: env,
    create: (dependencies) => createAuthModule(dependencies, env, dependencies.outbox),
    context: (module) => module.context(),
    routes: (app, module) => {
      mountJwksRoute(app, module.signer);
      mountApiKeyVerificationRoute(app, module.apiKeys, env.IDENTITY_TOKEN_SECRET);
      mountSessionLivenessRoute(app, module.sessions, env.IDENTITY_TOKEN_SECRET);
    },
    outboxSources: (_module, { connection }) => [
      { name: 'user', collection: connection.getClient().db(connection.name).collection('users') },
    ],
  };
}
