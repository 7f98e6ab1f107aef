import { buildSubgraphSchema, type GraphQLResolverMap } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { type GraphQLSchema } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import gql from 'graphql-tag';
import { buildSchema, createResolversMap, type BuildSchemaOptions } from 'type-graphql';
import { cacheControlDirective } from './cache-control';

/** The federation spec version and the directives every subgraph may use. */
export const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ' +
  '["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@override", "@tag", "@interfaceObject"])';

/** `__resolveReference` per entity type name, e.g. `{ User: { __resolveReference: ... } }`. */
export type ReferenceResolvers = Record<
  string,
  { __resolveReference: (reference: never, context: never, info: never) => unknown }
>;

export type FederatedSchemaOptions = Omit<BuildSchemaOptions, 'skipCheck' | 'emitSchemaFile'> & {
  referenceResolvers?: ReferenceResolvers;
};

/**
 * The one way a subgraph turns type-graphql resolvers into a federation-2 subgraph schema:
 * type-graphql builds the schema (with `@Directive('@key(fields: "id")')` and friends printed
 * into the SDL), then `@apollo/subgraph` adds `_service`, `_entities` and the reference resolvers.
 * Dates are `DateTime` (ISO-8601) from graphql-scalars, as API.md says. `@cacheControl` is defined
 * in every subgraph (see cache-control.ts).
 */
export async function buildFederatedSchema(
  options: FederatedSchemaOptions,
): Promise<GraphQLSchema> {
  const { referenceResolvers = {}, ...buildOptions } = options;
  const schema = await buildSchema({
    // Only the types reachable from these resolvers: type-graphql's default would pull in every
    // decorated class loaded in the process, which leaks types between subgraphs.
    orphanedTypes: [],
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
    ...buildOptions,
    directives: [cacheControlDirective, ...(buildOptions.directives ?? [])],
    skipCheck: true,
  });
  const typeDefs = gql(`${FEDERATION_LINK}\n\n${printSchemaWithDirectives(schema)}`);
  const resolvers = createResolversMap(schema) as GraphQLResolverMap<unknown>;
  for (const [typeName, reference] of Object.entries(referenceResolvers)) {
    const existing = (resolvers[typeName] ?? {}) as Record<string, unknown>;
    resolvers[typeName] = { ...existing, ...reference } as GraphQLResolverMap<unknown>[string];
  }
  return buildSubgraphSchema([{ typeDefs, resolvers }]);
}
