import { buildFederatedSchema } from '@groovy/common/graphql';
import { randomUUID } from 'node:crypto';
import {
  resolverContainer,
  type SubgraphBuildDependencies,
  type SubgraphDependencies,
} from '@groovy/common/subgraph';
import type { Db } from 'mongodb';
import type { GraphQLSchema } from 'graphql';
import { ActivityService } from './activity/activity.service';
import { SongActivityStore } from './activity/song-activity-store';
import { TrendingBoard } from './activity/trending-board';
import { ReadModelConsumer } from './events/read-model-consumer';
import { ReplicaFollower } from './events/replica-follower';
import { StartupGate } from './events/startup-gate';
import { ForYouService } from './for-you/for-you.service';
import { ListenerSignals } from './for-you/listener-signals';
import {
  AlbumFieldsResolver,
  ArtistFieldsResolver,
  SongFieldsResolver,
  type MediaUrls,
} from './graphql/catalogue.resolver';
import { createCatalogueLoaders, type CatalogueLoaders } from './graphql/catalogue.loaders';
import { ForYouResolver } from './graphql/for-you.resolver';
import { SearchResolver } from './graphql/search.resolver';
import { PlaylistSearch } from './playlists/playlist-search';
import { PlaylistStore } from './playlists/playlist-store';
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
  activity: ActivityService;
  playlists: PlaylistSearch;
  signals: ListenerSignals;
  forYou: ForYouService;
  consumer: ReadModelConsumer;
  /** This replica's own subscriber: keeps its in-process indexes in step with the read model. */
  follower: ReplicaFollower;
  /** Open once the in-process state is rebuilt from the read model (`/readyz` waits for it). */
  gate: StartupGate;
  /** Creates the read model's indexes (at start-up). */
  ensureIndexes(): Promise<void>;
  /** Rebuilds the in-process state from the read model: trending, then search and playlists. */
  rebuild(): Promise<{ songs: number; activeSongs: number; playlists: number }>;
  /** The per-request part of the GraphQL context (fresh loaders for every request). */
  context(): { catalogue: CatalogueLoaders };
}

export async function createQueryModule({
  connection,
  logger,
  publisher,
  mediaUrls,
  trendingRerankIntervalMs = 0,
}: Pick<SubgraphDependencies, 'connection' | 'logger'> &
  Pick<SubgraphBuildDependencies, 'publisher'> & {
    /** Read URLs of covers and streams, from the same storage configuration as songs. */
    mediaUrls: MediaUrls;
    /** See TrendingBoard; 0 re-ranks on every change. */
    trendingRerankIntervalMs?: number;
  }): Promise<QueryModule> {
  const db = (): Db => connection.getClient().db(connection.name);
  const readModel = new ReadModel(db);
  const index = new MiniSearchIndex();
  const activity = new ActivityService(
    new SongActivityStore(db),
    new TrendingBoard(new Date(), trendingRerankIntervalMs),
  );
  const search = new SearchService(readModel, index, activity);
  const playlists = new PlaylistSearch(new PlaylistStore(db));
  const signals = new ListenerSignals(db);
  const forYou = new ForYouService(readModel, signals, search);
  const replicaId = randomUUID();
  const consumer = new ReadModelConsumer(
    readModel,
    search,
    activity,
    playlists,
    signals,
    logger,
    publisher,
    replicaId,
  );
  const gate = new StartupGate();
  const follower = new ReplicaFollower(replicaId, gate, search, activity, playlists, logger);

  const schema = await buildFederatedSchema(
    resolverContainer([
      [SearchResolver, new SearchResolver(search, playlists)],
      [ForYouResolver, new ForYouResolver(forYou)],
      [SongFieldsResolver, new SongFieldsResolver(mediaUrls, activity)],
      [AlbumFieldsResolver, new AlbumFieldsResolver()],
      [ArtistFieldsResolver, new ArtistFieldsResolver()],
    ]),
  );
  return {
    schema,
    readModel,
    index,
    search,
    activity,
    playlists,
    signals,
    forYou,
    consumer,
    follower,
    gate,
    ensureIndexes: async () => {
      await Promise.all([readModel.ensureIndexes(), signals.ensureIndexes()]);
    },
    rebuild: async () => {
      const activeSongs = await activity.rebuild();
      const songs = await search.rebuildIndex();
      return { songs, activeSongs, playlists: await playlists.rebuildIndex() };
    },
    context: () => ({ catalogue: createCatalogueLoaders(readModel) }),
  };
}
