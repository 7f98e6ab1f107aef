import { buildFederatedSchema } from '@groovy/common/graphql';
import type { SubgraphDependencies } from '@groovy/common/subgraph';
import type { GraphQLSchema } from 'graphql';
import { resolveAlbumReference } from './album/album.reference';
import { createAlbumModel } from './album/album.model';
import { AlbumResolver } from './album/album.resolver';
import { AlbumService } from './album/album.service';
import { resolveArtistReference } from './artist/artist.reference';
import { createArtistModel } from './artist/artist.model';
import { ArtistResolver } from './artist/artist.resolver';
import { ArtistService } from './artist/artist.service';
import type { SongsEnvironment } from './environment';
import { CatalogueEvents, SongsOutbox } from './events/catalogue-events';
import { resolveSongReference } from './song/song.reference';
import { createSongModel } from './song/song.model';
import { SongResolver } from './song/song.resolver';
import { SongService } from './song/song.service';
import { createLoaders, type SongsContext } from './songs-context';
import type { Storage } from './storage/storage';
import { UploadSweeper } from './sweeper/upload-sweeper';
import { UploadResolver } from './upload/upload.resolver';
import { UploadService } from './upload/upload.service';
import { SongProcessingService } from './worker-webhook/song-processing.service';

type ResolverClass = abstract new (...args: never[]) => object;

/** Everything the songs subgraph is made of, wired once per process on its own connection. */
export interface SongsModule {
  schema: GraphQLSchema;
  processing: SongProcessingService;
  sweeper: UploadSweeper;
  /** Attach the outbox relay once it runs (see start-songs-subgraph.ts). */
  outbox: SongsOutbox;
  context(identity: SongsContext['identity']): Pick<SongsContext, 'viewerId' | 'loaders'>;
}

export async function createSongsModule(
  { connection, logger }: Pick<SubgraphDependencies, 'connection' | 'logger'>,
  env: SongsEnvironment,
  storage: Storage,
): Promise<SongsModule> {
  const songModel = createSongModel(connection);
  const artistModel = createArtistModel(connection);
  const albumModel = createAlbumModel(connection);
  const events = new CatalogueEvents(artistModel, albumModel);
  const outbox = new SongsOutbox(songModel, albumModel, logger);
  const artists = new ArtistService(artistModel, events, outbox);
  const albums = new AlbumService(albumModel, songModel, artists, events, outbox);
  const songs = new SongService(songModel, artists, albums, storage, events, outbox);
  const uploads = new UploadService(
    songModel,
    artists,
    albums,
    storage,
    {
      maxUploadBytes: env.MAX_UPLOAD_BYTES,
      maxPendingUploadsPerUser: env.MAX_PENDING_UPLOADS_PER_USER,
      uploadUrlTtlSeconds: env.UPLOAD_URL_TTL_SECONDS,
    },
    logger,
    events,
    outbox,
  );
  const processing = new SongProcessingService(songModel, storage, logger, events, outbox);
  const sweeper = new UploadSweeper(
    songModel,
    processing,
    storage,
    {
      intervalSeconds: env.SWEEP_INTERVAL_SECONDS,
      uploadGraceSeconds: env.UPLOAD_GRACE_SECONDS,
      processingTimeoutSeconds: env.PROCESSING_TIMEOUT_SECONDS,
    },
    logger,
    events,
    outbox,
  );

  // type-graphql asks this container for resolver instances; constructing them here keeps DI explicit.
  const resolvers = new Map<ResolverClass, object>([
    [SongResolver, new SongResolver(songs, storage)],
    [UploadResolver, new UploadResolver(uploads)],
    [AlbumResolver, new AlbumResolver(albums)],
    [ArtistResolver, new ArtistResolver(songs)],
  ]);
  const schema = await buildFederatedSchema({
    resolvers: [SongResolver, UploadResolver, AlbumResolver, ArtistResolver],
    container: { get: (resolverClass: ResolverClass) => resolvers.get(resolverClass) },
    referenceResolvers: {
      Song: { __resolveReference: resolveSongReference as never },
      Album: { __resolveReference: resolveAlbumReference as never },
      Artist: { __resolveReference: resolveArtistReference as never },
    },
  });

  return {
    schema,
    processing,
    sweeper,
    outbox,
    context: (identity) => {
      const viewerId = identity?.userId ?? null;
      return { viewerId, loaders: createLoaders(viewerId, { songs, albums, artists }) };
    },
  };
}
