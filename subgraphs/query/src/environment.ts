import {
  loadEnvironment,
  serviceEnvironmentShape,
  subgraphEnvironmentShape,
} from '@groovy/common/config';
import { eventBusEnvironmentShape } from '@groovy/common/events';
import { z } from 'zod';

export const queryEnvironmentSchema = z.object({
  ...serviceEnvironmentShape(4005),
  ...subgraphEnvironmentShape(),
  /** EVENT_BUS (embedded | pubsub), EVENT_BUS_DATABASE, …: see common/src/events. */
  ...eventBusEnvironmentShape(),
});

export type QueryEnvironment = z.infer<typeof queryEnvironmentSchema>;

/** The only place the query subgraph reads process.env; exits with one clear line when it is wrong. */
export function readQueryEnvironment(): QueryEnvironment {
  return loadEnvironment('query', queryEnvironmentSchema, process.env);
}
