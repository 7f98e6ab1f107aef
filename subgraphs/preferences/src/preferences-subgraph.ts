import type { RunningDescribedSubgraph, SubgraphDescription } from '@groovy/common/subgraph';
import { SYSTEM_CLOCK, type Clock } from './clock';
import type { PreferencesEnvironment } from './environment';
import type { PreferencesRequestContext } from './preferences-context';
import { createPreferencesModule, type PreferencesModule } from './preferences-module';

export type RunningPreferencesSubgraph = RunningDescribedSubgraph<PreferencesModule>;

/** What tests may replace: the clock (the play rules and orderings read it). */
export interface PreferencesSubgraphSeams {
  clock?: Clock;
}

/** Half-done count changes older than this are a stopped process's: the repair applies them. */
const REPAIR_AFTER_MS = 30_000;
const REPAIR_INTERVAL_MS = 60_000;

/**
 * The preferences subgraph: GraphQL on /graphql; the relay publishes what listeners do (likes,
 * plays, follows, "not interested") from the counters' and marks' outboxes; consumer
 * `preferences` learns the catalogue, users and comments; in the background, the fan-out worker
 * writes NEW_RELEASE notifications and a repair pass finishes count changes a crash interrupted.
 */
export function preferencesSubgraph(
  env: PreferencesEnvironment,
  { clock = SYSTEM_CLOCK }: PreferencesSubgraphSeams = {},
): SubgraphDescription<PreferencesModule, PreferencesRequestContext> {
  return {
    name: 'preferences',
    environment: env,
    create: async (dependencies) => {
      const module = await createPreferencesModule(dependencies, env, clock);
      await module.ensureIndexes();
      return module;
    },
    context: (module, { base }) => module.context(base.identity),
    outboxSources: (module, { connection }) => {
      const db = connection.getClient().db(connection.name);
      return [
        { name: 'counter', collection: db.collection('counters') },
        { name: 'interest', collection: db.collection('interests') },
        { name: 'notification-batch', collection: db.collection('notification_batches') },
        ...module.playlists.outboxSources(),
      ];
    },
    // Every instance hears every NOTIFICATIONS_ADDED and pushes it to its subscribers among the
    // recipients (Subscription.notificationAdded).
    liveEventTypes: ['NOTIFICATIONS_ADDED'],
    consumers: (module) => [module.consumer.subscription(), ...module.playlists.consumers()],
    background: (module, { logger }) => {
      module.fanout.start();
      const repair = () =>
        module
          .repairPending(new Date(Date.now() - REPAIR_AFTER_MS))
          .then((repaired) => {
            if (repaired > 0) logger.warn({ repaired }, 'applied half-done count changes');
          })
          .catch((error: unknown) => logger.error({ err: error }, 'count repair failed'));
      const timer = setInterval(() => void repair(), REPAIR_INTERVAL_MS);
      timer.unref();
      return async () => {
        clearInterval(timer);
        await module.fanout.stop();
      };
    },
  };
}
