import { createStorage } from '@groovy/common/storage';
import type { RunningDescribedSubgraph, SubgraphDescription } from '@groovy/common/subgraph';
import type { QueryEnvironment } from './environment';
import type { QueryContext } from './query-context';
import { createQueryModule, type QueryModule } from './query-module';

export type RunningQuerySubgraph = RunningDescribedSubgraph<QueryModule>;

/**
 * The query subgraph, one of N replicas sharing one read model: GraphQL on /graphql; once
 * listening, subscribes its own live follower (every replica hears every change, see
 * ReplicaFollower), rebuilds the search index, trending and playlists from the read model (a
 * restart needs no replay), opens the follower's gate and reports ready (`/readyz`) once the
 * events held there meanwhile are applied; then
 * consumes the songs, preferences and comments events as consumers `query` (the read model's one
 * writer at a time) and `query-activity`.
 */
export function querySubgraph(
  env: QueryEnvironment,
): SubgraphDescription<QueryModule, Pick<QueryContext, 'catalogue'>> {
  let built: QueryModule | undefined;
  return {
    name: 'query',
    environment: env,
    readinessChecks: [
      // Not ready (no traffic from the load balancer) until this replica's index is rebuilt and
      // the events heard meanwhile, held at the follower's gate, are applied.
      { name: 'search-index', check: async () => built?.follower.caughtUp ?? false },
    ],
    create: async (dependencies) => {
      const module = await createQueryModule({
        ...dependencies,
        // Only read URLs are made here (no uploads, no storage server): covers and streams.
        mediaUrls: createStorage(env, dependencies.logger),
        trendingRerankIntervalMs: env.TRENDING_RERANK_INTERVAL_MS,
      });
      await module.ensureIndexes();
      built = module;
      return module;
    },
    context: (module) => module.context(),
    beforeConsumers: async (module, { logger }) => {
      try {
        const rebuilt = await module.rebuild();
        logger.info(rebuilt, 'search index, trending and playlists rebuilt from the read model');
        module.gate.open();
      } catch (error) {
        module.gate.fail(error as Error);
        throw error;
      }
    },
    consumers: (module) => [module.follower.subscription(), ...module.consumer.subscriptions()],
    // The follower's own retries of what failed to apply (see ReplicaFollower).
    close: async (module) => module.follower.stop(),
  };
}
