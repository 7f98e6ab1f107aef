import { createEventBus } from '@groovy/common/events';
import {
  startSubgraph,
  type RunningSubgraph,
  type StartSubgraphOptions,
} from '@groovy/common/subgraph';
import type { QueryEnvironment } from './environment';
import { createQueryModule, type QueryModule } from './query-module';

export type QuerySubgraphOptions = Partial<
  Omit<StartSubgraphOptions<object>, 'schema' | 'context' | 'routes' | 'onStarted'>
>;

export interface RunningQuerySubgraph extends RunningSubgraph {
  module: QueryModule;
}

/**
 * Starts the query subgraph: GraphQL on /graphql; once listening, rebuilds the search index from
 * the read model (a restart needs no replay) and consumes the songs events as consumer `query`.
 * `start` lets tests use startTestSubgraph.
 */
export async function startQuerySubgraph(
  env: QueryEnvironment,
  options: QuerySubgraphOptions = {},
  start: (options: StartSubgraphOptions<object>) => Promise<RunningSubgraph> = startSubgraph,
): Promise<RunningQuerySubgraph> {
  let module: QueryModule | undefined;
  const running = await start({
    name: 'query',
    environment: env,
    ...options,
    schema: async (dependencies) => {
      module = await createQueryModule(dependencies);
      await module.readModel.ensureIndexes();
      return module.schema;
    },
    context: () => module!.context(),
    onStarted: async ({ connection, logger }) => {
      const indexed = await module!.search.rebuildIndex();
      logger.info({ indexed }, 'search index rebuilt from the read model');
      const bus = await createEventBus(env, {
        logger,
        eventsDb: () => connection.getClient().db(env.EVENT_BUS_DATABASE),
      });
      const subscription = await module!.consumer.subscribe(bus);
      return async () => {
        await subscription.stop();
        await bus.close();
      };
    },
  });
  return { ...running, module: module! };
}
