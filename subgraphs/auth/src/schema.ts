// The package's main export: the auth subgraph's schema, for the schema pipeline (schemas/) and
// tests, built on a connection that never connects (resolvers don't run while printing SDL).
import 'reflect-metadata';
import { exportJWK, generateKeyPair } from 'jose';
import mongoose from 'mongoose';
import type { GraphQLSchema } from 'graphql';
import { createAuthModule } from './auth-module';
import { authEnvironmentSchema } from './environment';

export { authSubgraph } from './auth-subgraph';
export { authEnvironmentSchema, type AuthEnvironment } from './environment';

export async function buildAuthSchemaForPrinting(): Promise<GraphQLSchema> {
  const connection = mongoose.createConnection();
  // A throwaway key: nothing is signed while printing, and the database must not be touched.
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const env = authEnvironmentSchema.parse({
    AUTH_SIGNING_KEY: JSON.stringify({ ...(await exportJWK(privateKey)), kid: 'printing-only' }),
  });
  return (await createAuthModule({ connection }, env)).schema;
}
