import { buildFederatedSchema } from '@groovy/common/graphql';
import { resolverContainer, type SubgraphDependencies } from '@groovy/common/subgraph';
import type { GraphQLSchema } from 'graphql';
import { CatalogueConsumer } from './events/catalogue-consumer';
import {
  AlbumFieldsResolver,
  ArtistFieldsResolver,
  SongFieldsResolver,
} from './graphql/catalogue.resolver';
import { createCatalogueLoaders, type CatalogueLoaders } from './graphql/catalogue.loaders';
import { SearchResolver } from './graphql/search.resolver';
import { ReadModel } from './read-model/read-model';
import { MiniSearchIndex } from './search/minisearch-index';
import type { SearchIndex } from './search/search-index';
import { SearchService } from './search/search.service';

/** Everything the query subgraph is made of, wired once per process on its own connection. */
export interface QueryModule {
  schema: GraphQLSchema;
  readModel: ReadModel;
  index: SearchIndex;
  search: SearchService;
  consumer: CatalogueConsumer;
  /** The per-request part of the GraphQL context (fresh loaders for every request). */
  context(): { catalogue: CatalogueLoaders };
}

export async function createQueryModule({
  connection,
  logger,
}: Pick<SubgraphDependencies, 'connection' | 'logger'>): Promise<QueryModule> {
  const readModel = new ReadModel(() => connection.getClient().db(connection.name));
  const index = new MiniSearchIndex();
  const search = new SearchService(readModel, index);
  const consumer = new CatalogueConsumer(readModel, search, logger);

  const schema = await buildFederatedSchema(
    resolverContainer([
      [SearchResolver, new SearchResolver(search)],
      [SongFieldsResolver, new SongFieldsResolver()],
      [AlbumFieldsResolver, new AlbumFieldsResolver()],
      [ArtistFieldsResolver, new ArtistFieldsResolver()],
    ]),
  );
  return {
    schema,
    readModel,
    index,
    search,
    consumer,
    context: () => ({ catalogue: createCatalogueLoaders(readModel) }),
  };
}
