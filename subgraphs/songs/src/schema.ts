// The package's main export: the songs subgraph's schema, for the schema pipeline (schemas/) and
// tests, built on a connection that never connects (resolvers don't run while printing SDL).
import 'reflect-metadata';
import { createLogger } from '@groovy/common/logging';
import { RelayNotifier } from '@groovy/common/subgraph';
import type { GraphQLSchema } from 'graphql';
import mongoose from 'mongoose';
import { songsEnvironmentSchema } from './environment';
import { createSongsModule } from './songs-module';
import type { Storage } from './storage/storage';

export { songsSubgraph, type SongsSubgraphModule } from './songs-subgraph';
export { songsEnvironmentSchema, type SongsEnvironment } from './environment';

/** Storage is never touched while printing; any call is a bug. */
const NO_STORAGE = new Proxy({} as Storage, {
  get: (_target, property) =>
    property === 'kind'
      ? 'local'
      : () => {
          throw new Error(`storage.${String(property)} called while printing the schema`);
        },
});

export async function buildSongsSchemaForPrinting(): Promise<GraphQLSchema> {
  const connection = mongoose.createConnection();
  const env = songsEnvironmentSchema.parse({});
  return (
    await createSongsModule(
      {
        connection,
        logger: createLogger({ service: 'songs', level: 'silent' }),
        outbox: new RelayNotifier(),
      },
      env,
      NO_STORAGE,
    )
  ).schema;
}
