// The package's main export: the comments subgraph's schema, for the schema pipeline (schemas/) and
// tests, built on a connection that never connects (resolvers don't run while printing SDL).
import 'reflect-metadata';
import { createLogger } from '@groovy/common/logging';
import { InstanceLiveEvents, RelayNotifier } from '@groovy/common/subgraph';
import type { GraphQLSchema } from 'graphql';
import mongoose from 'mongoose';
import { createCommentsModule } from './comments-module';
import { commentsEnvironmentSchema } from './environment';

export { commentsSubgraph, type RunningCommentsSubgraph } from './comments-subgraph';
export { commentsEnvironmentSchema, type CommentsEnvironment } from './environment';

export async function buildCommentsSchemaForPrinting(): Promise<GraphQLSchema> {
  const connection = mongoose.createConnection();
  return (
    await createCommentsModule(
      {
        connection,
        logger: createLogger({ service: 'comments', level: 'silent' }),
        outbox: new RelayNotifier(),
        live: new InstanceLiveEvents(),
      },
      commentsEnvironmentSchema.parse({}),
    )
  ).schema;
}
