// The package's main export: the query subgraph's schema, for the schema pipeline (schemas/) and
// tests, built on a connection that never connects (resolvers don't run while printing SDL).
import 'reflect-metadata';
import { createLogger } from '@groovy/common/logging';
import { BusPublisher } from '@groovy/common/subgraph';
import type { GraphQLSchema } from 'graphql';
import mongoose from 'mongoose';
import { createQueryModule } from './query-module';

export { querySubgraph, type RunningQuerySubgraph } from './query-subgraph';
export { queryEnvironmentSchema, type QueryEnvironment } from './environment';

export async function buildQuerySchemaForPrinting(): Promise<GraphQLSchema> {
  const connection = mongoose.createConnection();
  return (
    await createQueryModule({
      connection,
      logger: createLogger({ service: 'query', level: 'silent' }),
      publisher: new BusPublisher(),
      mediaUrls: {
        readUrl: () => Promise.reject(new Error('no storage while printing the schema')),
      },
    })
  ).schema;
}
