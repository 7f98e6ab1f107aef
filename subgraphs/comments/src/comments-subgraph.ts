import type { RunningDescribedSubgraph, SubgraphDescription } from '@groovy/common/subgraph';
import type { CommentsContext } from './comments-context';
import { createCommentsModule, type CommentsModule } from './comments-module';
import type { CommentsEnvironment } from './environment';

export type RunningCommentsSubgraph = RunningDescribedSubgraph<CommentsModule>;

/**
 * The comments subgraph: GraphQL on /graphql; the relay publishes COMMENT_* from the targets'
 * outbox (where each count change is written with its event); consumes SONG_*, ALBUM_* and
 * PLAYLIST_* as consumer `comments`; in the background (at startup, then periodically) finishes count changes and like counts a
 * crashed process left.
 */
export function commentsSubgraph(
  env: CommentsEnvironment,
): SubgraphDescription<
  CommentsModule,
  Pick<CommentsContext, 'viewer' | 'loaders' | 'editWindowMs'>
> {
  return {
    name: 'comments',
    environment: env,
    create: async (dependencies) => {
      const module = await createCommentsModule(dependencies, env);
      await module.ensureIndexes();
      return module;
    },
    context: (module, { base }) => module.context(base.identity),
    outboxSources: (_module, { connection }) => [
      {
        name: 'comment_target',
        collection: connection.getClient().db(connection.name).collection('comment_targets'),
      },
    ],
    consumers: (module) => [module.consumer.subscription()],
    // Subscription.commentAdded: every instance hears every COMMENT_CREATED.
    liveEventTypes: ['COMMENT_CREATED'],
    background: (module, { logger }) => {
      // Unfinished count changes and like counts a crashed process left: finished at startup,
      // then every REPAIR_INTERVAL_SECONDS.
      const repair = () => {
        module.counts
          .repairAbandoned()
          .catch((error: unknown) => logger.error({ err: error }, 'count repair failed'));
        module.likes
          .repairAbandoned()
          .catch((error: unknown) => logger.error({ err: error }, 'like count repair failed'));
      };
      repair();
      const timer = setInterval(repair, env.REPAIR_INTERVAL_SECONDS * 1000);
      timer.unref();
      return async () => clearInterval(timer);
    },
  };
}
