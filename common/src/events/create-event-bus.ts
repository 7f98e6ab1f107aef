import type { Db } from 'mongodb';
import type { Logger } from 'pino';
import { EmbeddedEventBus } from './embedded/embedded-event-bus';
import type { EventBus } from './event-bus';
import type { EventBusEnvironment } from './event-bus-environment';
import { PubSubEventBus, type PubSubClient } from './pubsub/pubsub-event-bus';

/**
 * The transport the configuration names. The embedded bus lives in `EVENT_BUS_DATABASE` of the
 * service's Mongo server: `eventsDb` is that database (e.g. `connection.getClient().db(name)`).
 */
export async function createEventBus(
  env: EventBusEnvironment,
  dependencies: { logger: Logger; eventsDb: () => Db },
): Promise<EventBus> {
  if (env.EVENT_BUS === 'pubsub') {
    const { PubSub } = await import('@google-cloud/pubsub');
    const client = new PubSub(env.PUBSUB_PROJECT_ID ? { projectId: env.PUBSUB_PROJECT_ID } : {});
    return new PubSubEventBus({
      client: client as unknown as PubSubClient,
      logger: dependencies.logger,
      prefix: env.PUBSUB_TOPIC_PREFIX,
      maxDeliveryAttempts: env.PUBSUB_MAX_DELIVERY_ATTEMPTS,
      createResources: env.PUBSUB_CREATE_RESOURCES,
      liveSubscriptionTtlSeconds: env.PUBSUB_LIVE_SUBSCRIPTION_TTL_SECONDS,
    });
  }
  return new EmbeddedEventBus({
    db: dependencies.eventsDb(),
    logger: dependencies.logger,
    pollIntervalMs: env.EVENT_BUS_POLL_INTERVAL_MS,
    livePollIntervalMs: env.EVENT_BUS_LIVE_POLL_INTERVAL_MS,
    safetyPollIntervalMs: env.EVENT_BUS_SAFETY_POLL_INTERVAL_MS,
  });
}
