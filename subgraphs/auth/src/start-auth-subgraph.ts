import { startSubgraph, type RunningSubgraph, type StartSubgraphOptions } from '@groovy/common';
import { mountApiKeyVerificationRoute } from './api-key/api-key-verification.route';
import { createAuthModule, type AuthModule } from './auth-module';
import type { AuthContext } from './auth-context';
import type { AuthEnvironment } from './environment';
import { mountJwksRoute } from './signing-key/jwks.route';

export type AuthSubgraphOptions = Partial<Omit<StartSubgraphOptions<AuthContext>, 'schema' | 'context' | 'routes'>>;

/**
 * Starts the auth subgraph: GraphQL on /graphql, the JWKS at /.well-known/jwks.json and the
 * router's API-key check at /internal/api-keys/verify. `start` lets tests use startTestSubgraph.
 */
export async function startAuthSubgraph(
  env: AuthEnvironment,
  options: AuthSubgraphOptions = {},
  start: (options: StartSubgraphOptions<AuthContext>) => Promise<RunningSubgraph> = startSubgraph,
): Promise<RunningSubgraph> {
  let module: AuthModule | undefined;
  return start({
    name: 'auth',
    environment: env,
    ...options,
    schema: async (dependencies) => {
      module = await createAuthModule(dependencies, env);
      return module.schema;
    },
    context: ({ req, base }) => ({ ...base, ...module!.context(req) }),
    routes: (app) => {
      mountJwksRoute(app, module!.signer);
      mountApiKeyVerificationRoute(app, module!.apiKeys, env.IDENTITY_TOKEN_SECRET);
    },
  } as StartSubgraphOptions<AuthContext>);
}
