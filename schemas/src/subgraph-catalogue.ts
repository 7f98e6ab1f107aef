import type { GraphQLSchema } from 'graphql';

/** One subgraph as the supergraph knows it: its name, its default URL, and how to build its schema. */
export interface CatalogueEntry {
  name: string;
  /** The URL written into the supergraph (dev default); the router overrides it per environment. */
  url: string;
  buildSchema(): Promise<GraphQLSchema>;
}

/** Every subgraph of the supergraph, in composition order. Add a subgraph here when it lands. */
export const SUBGRAPHS: CatalogueEntry[] = [
  {
    name: 'auth',
    url: 'http://127.0.0.1:4001/graphql',
    buildSchema: async () => (await import('@groovy/subgraph-auth')).buildAuthSchemaForPrinting(),
  },
  {
    name: 'songs',
    url: 'http://127.0.0.1:4002/graphql',
    buildSchema: async () => (await import('@groovy/subgraph-songs')).buildSongsSchemaForPrinting(),
  },
  {
    name: 'preferences',
    url: 'http://127.0.0.1:4004/graphql',
    buildSchema: async () =>
      (await import('@groovy/subgraph-preferences')).buildPreferencesSchemaForPrinting(),
  },
  {
    name: 'query',
    url: 'http://127.0.0.1:4005/graphql',
    buildSchema: async () => (await import('@groovy/subgraph-query')).buildQuerySchemaForPrinting(),
  },
];
