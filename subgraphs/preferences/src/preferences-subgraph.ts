import type { RunningDescribedSubgraph, SubgraphDescription } from '@groovy/common/subgraph';
import type { PreferencesEnvironment } from './environment';
import type { PreferencesRequestContext } from './preferences-context';
import { createPreferencesModule, type PreferencesModule } from './preferences-module';

export type RunningPreferencesSubgraph = RunningDescribedSubgraph<PreferencesModule>;

/**
 * The preferences subgraph: GraphQL on /graphql; the relay publishes what listeners do (likes,
 * plays, follows, playlists) from the collections' outboxes; consumer `preferences` learns the
 * catalogue (songs, albums, artists), users and comments it needs for its rules and notifications.
 */
export function preferencesSubgraph(
  env: PreferencesEnvironment,
): SubgraphDescription<PreferencesModule, PreferencesRequestContext> {
  return {
    name: 'preferences',
    environment: env,
    create: async (dependencies) => {
      const module = await createPreferencesModule(dependencies, env);
      await module.ensureIndexes();
      return module;
    },
    context: (module, { base }) => module.context(base.identity),
    outboxSources: (module) => [...module.playlists.outboxSources()],
    consumers: (module) => [...module.playlists.consumers()],
  };
}
