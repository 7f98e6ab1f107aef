// The package's main export: the preferences subgraph's schema, for the schema pipeline (schemas/)
// and tests, built on a connection that never connects (resolvers don't run while printing SDL).
import 'reflect-metadata';
import { InstanceLiveEvents, RelayNotifier } from '@groovy/common/subgraph';
import { createLogger } from '@groovy/common/logging';
import type { GraphQLSchema } from 'graphql';
import mongoose from 'mongoose';
import { preferencesEnvironmentSchema } from './environment';
import { SYSTEM_CLOCK } from './clock';
import { createPreferencesModule } from './preferences-module';

export { preferencesSubgraph, type RunningPreferencesSubgraph } from './preferences-subgraph';
export { preferencesEnvironmentSchema, type PreferencesEnvironment } from './environment';

export async function buildPreferencesSchemaForPrinting(): Promise<GraphQLSchema> {
  const connection = mongoose.createConnection();
  return (
    await createPreferencesModule(
      {
        connection,
        logger: createLogger({ service: 'preferences', level: 'silent' }),
        outbox: new RelayNotifier(),
        live: new InstanceLiveEvents(),
      },
      preferencesEnvironmentSchema.parse({ NODE_ENV: 'test' }),
      SYSTEM_CLOCK,
    )
  ).schema;
}
