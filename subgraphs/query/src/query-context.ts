import type { BaseSubgraphContext } from '@groovy/common/subgraph';
import type { CatalogueLoaders } from './graphql/catalogue.loaders';

/** Per-request context of the query subgraph. */
export interface QueryContext extends BaseSubgraphContext {
  catalogue: CatalogueLoaders;
}
