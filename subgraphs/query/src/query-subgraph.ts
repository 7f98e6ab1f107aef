import { createStorage } from '@groovy/common/storage';
import type { RunningDescribedSubgraph, SubgraphDescription } from '@groovy/common/subgraph';
import type { QueryEnvironment } from './environment';
import type { QueryContext } from './query-context';
import { createQueryModule, type QueryModule } from './query-module';

export type RunningQuerySubgraph = RunningDescribedSubgraph<QueryModule>;

/**
 * The query subgraph: GraphQL on /graphql; once listening, rebuilds the search index from the
 * read model (a restart needs no replay), then consumes the songs, preferences and comments
 * events as consumer `query`.
 */
export function querySubgraph(
  env: QueryEnvironment,
): SubgraphDescription<QueryModule, Pick<QueryContext, 'catalogue'>> {
  return {
    name: 'query',
    environment: env,
    create: async (dependencies) => {
      const module = await createQueryModule({
        ...dependencies,
        // Only read URLs are made here (no uploads, no storage server): covers and streams.
        mediaUrls: createStorage(env, dependencies.logger),
        trendingRerankIntervalMs: env.TRENDING_RERANK_INTERVAL_MS,
      });
      await module.ensureIndexes();
      return module;
    },
    context: (module) => module.context(),
    beforeConsumers: async (module, { logger }) => {
      const rebuilt = await module.rebuild();
      logger.info(rebuilt, 'search index, trending and playlists rebuilt from the read model');
    },
    consumers: (module) => module.consumer.subscriptions(),
  };
}
