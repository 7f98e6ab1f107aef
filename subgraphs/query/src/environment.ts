import {
  loadEnvironment,
  serviceEnvironmentShape,
  subgraphEnvironmentShape,
} from '@groovy/common/config';
import { eventBusEnvironmentShape } from '@groovy/common/events';
import { refineStorageEnvironment, storageEnvironmentShape } from '@groovy/common/storage';
import { z } from 'zod';

export const queryEnvironmentSchema = z
  .object({
    ...serviceEnvironmentShape(4005),
    ...subgraphEnvironmentShape(),
    /** EVENT_BUS (embedded | pubsub), EVENT_BUS_DATABASE, …: see common/src/events. */
    ...eventBusEnvironmentShape(),
    /** Count changes re-rank the trending list at most this often (ms): its documented staleness. */
    TRENDING_RERANK_INTERVAL_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
    /**
     * STORAGE_DRIVER, STORAGE_PUBLIC_URL, GCS_*: the same as songs', so covers and stream URLs made
     * here are songs' (see common/src/storage). Only read URLs are made.
     */
    ...storageEnvironmentShape(),
  })
  .superRefine(refineStorageEnvironment);

export type QueryEnvironment = z.infer<typeof queryEnvironmentSchema>;

/** The only place the query subgraph reads process.env; exits with one clear line when it is wrong. */
export function readQueryEnvironment(): QueryEnvironment {
  return loadEnvironment('query', queryEnvironmentSchema, process.env);
}
