import { createEventBus, type EventBus, type EventBusEnvironment } from '@groovy/common/events';
import type { Logger } from '@groovy/common/logging';
import type { RouterEnvironment } from '../environment';

export interface InvalidationBus {
  bus: EventBus;
  close(): Promise<void>;
}

/**
 * The event bus the response cache listens to, as the services open theirs (`createEventBus`):
 * Pub/Sub, or the embedded bus in EVENT_BUS_DATABASE of the Mongo server at EVENT_BUS_MONGO_URL.
 * Undefined when neither is configured. The Mongo driver is loaded only then (the router loads no
 * database code otherwise; see __tests__/loaded-modules.test.ts).
 */
export async function openInvalidationBus(
  env: EventBusEnvironment & Pick<RouterEnvironment, 'EVENT_BUS_MONGO_URL'>,
  logger: Logger,
): Promise<InvalidationBus | undefined> {
  if (env.EVENT_BUS === 'pubsub') {
    const bus = await createEventBus(env, {
      logger,
      eventsDb: () => {
        throw new Error('the Pub/Sub bus has no events database');
      },
    });
    return { bus, close: () => bus.close() };
  }
  if (!env.EVENT_BUS_MONGO_URL) return undefined;
  const { MongoClient } = await import('mongodb');
  const client = await MongoClient.connect(env.EVENT_BUS_MONGO_URL, {
    serverSelectionTimeoutMS: 10_000,
  });
  const bus = await createEventBus(env, {
    logger,
    eventsDb: () => client.db(env.EVENT_BUS_DATABASE),
  });
  return {
    bus,
    async close() {
      await bus.close().catch(() => undefined);
      await client.close();
    },
  };
}
