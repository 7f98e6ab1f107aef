import { createEventBus, OutboxRelay } from '@groovy/common/events';
import {
  startSubgraph,
  type RunningSubgraph,
  type StartSubgraphOptions,
} from '@groovy/common/subgraph';
import { mountApiKeyVerificationRoute } from './api-key/api-key-verification.route';
import { createAuthModule, type AuthModule } from './auth-module';
import type { AuthContext } from './auth-context';
import type { AuthEnvironment } from './environment';
import { mountJwksRoute } from './signing-key/jwks.route';

export type AuthSubgraphOptions = Partial<
  Omit<StartSubgraphOptions<AuthContext>, 'schema' | 'context' | 'routes'>
>;

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
  // Filled in once the relay runs; until then recorded events wait for its first pass.
  const outbox = { recorded: () => {} };
  return start({
    name: 'auth',
    environment: env,
    ...options,
    schema: async (dependencies) => {
      module = await createAuthModule(dependencies, env, outbox);
      return module.schema;
    },
    onStarted: async ({ connection, logger }) => {
      const bus = await createEventBus(env, {
        logger,
        eventsDb: () => connection.getClient().db(env.EVENT_BUS_DATABASE),
      });
      const relay = new OutboxRelay({
        sources: [
          {
            name: 'user',
            collection: connection.getClient().db(connection.name).collection('users'),
          },
        ],
        bus,
        logger,
      });
      relay.start();
      outbox.recorded = () => relay.nudge();
      return async () => {
        outbox.recorded = () => {};
        await relay.stop();
        await bus.close();
      };
    },
    context: ({ req, base }) => ({ ...base, ...module!.context(req) }),
    routes: (app) => {
      mountJwksRoute(app, module!.signer);
      mountApiKeyVerificationRoute(app, module!.apiKeys, env.IDENTITY_TOKEN_SECRET);
    },
  } as StartSubgraphOptions<AuthContext>);
}
