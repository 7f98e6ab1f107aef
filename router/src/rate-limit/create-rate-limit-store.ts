import type { Logger } from '@groovy/common/logging';
import type { RouterEnvironment } from '../environment';
// Types only from `mongodb` in there: importing it loads no driver.
import { MongoRateLimitStore, type SharedBucketDocument } from './mongo-rate-limit-store';
import { MemoryRateLimitStore, type RateLimitStore } from './rate-limit-store';

/** The collection of shared buckets in RATE_LIMIT_MONGO_DATABASE. */
export const RATE_LIMIT_COLLECTION = 'rate_limit_buckets';

/**
 * The store RATE_LIMIT_STORE names: `memory` (default: this process), or `mongo` (shared by every
 * router replica). The Mongo driver is loaded only then: a router with the in-memory store loads
 * no database code at all (router/src/__tests__/loaded-modules.test.ts).
 */
export async function createRateLimitStore(
  env: Pick<
    RouterEnvironment,
    | 'RATE_LIMIT_STORE'
    | 'RATE_LIMIT_MONGO_URL'
    | 'RATE_LIMIT_MONGO_DATABASE'
    | 'RATE_LIMIT_MONGO_BATCH'
    | 'RATE_LIMIT_MONGO_LEASE_MS'
  >,
  logger: Logger,
): Promise<RateLimitStore> {
  if (env.RATE_LIMIT_STORE === 'memory') return new MemoryRateLimitStore();
  if (!env.RATE_LIMIT_MONGO_URL)
    throw new Error('RATE_LIMIT_MONGO_URL: needs a mongodb:// URL when RATE_LIMIT_STORE=mongo');
  const { MongoClient } = await import('mongodb');
  const client = await MongoClient.connect(env.RATE_LIMIT_MONGO_URL, {
    serverSelectionTimeoutMS: 10_000,
  });
  const store = new MongoRateLimitStore(
    client
      .db(env.RATE_LIMIT_MONGO_DATABASE)
      .collection<SharedBucketDocument>(RATE_LIMIT_COLLECTION),
    {
      batch: env.RATE_LIMIT_MONGO_BATCH,
      leaseMs: env.RATE_LIMIT_MONGO_LEASE_MS,
      onSharedStoreFailure: (error) =>
        logger.error(
          { err: error },
          'rate limit store: Mongo did not answer; limiting on this router alone for now',
        ),
      onClose: () => client.close(),
    },
  );
  try {
    await store.ensureIndexes();
  } catch (error) {
    await store.close().catch(() => undefined);
    throw error;
  }
  logger.info(
    { database: env.RATE_LIMIT_MONGO_DATABASE, batch: env.RATE_LIMIT_MONGO_BATCH },
    'rate limits shared through Mongo',
  );
  return store;
}
