import { buildFederatedSchema } from '@groovy/common/graphql';
import { resolverContainer, type SubgraphBuildDependencies } from '@groovy/common/subgraph';
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
import { CatalogueNames } from './events/catalogue-names';
import { SongsOutbox } from './events/songs-outbox';
import { resolveSongReference } from './song/song.reference';
import { createSongModel } from './song/song.model';
import { SongResolver } from './song/song.resolver';
import { SongService } from './song/song.service';
import { createLoaders, type SongsContext } from './songs-context';
import type { Storage } from './storage/storage';
import { UploadSweeper } from './sweeper/upload-sweeper';
import { UploadResolver } from './upload/upload.resolver';
import { resolveUserReference } from './user/user.reference';
import { UserUploadsResolver } from './user/user.resolver';
import { UploadService } from './upload/upload.service';
import { SongProcessingService } from './worker-webhook/song-processing.service';

/** Everything the songs subgraph is made of, wired once per process on its own connection. */
export interface SongsModule {
  schema: GraphQLSchema;
  processing: SongProcessingService;
  sweeper: UploadSweeper;
  outbox: SongsOutbox;
  context(identity: SongsContext['identity']): Pick<SongsContext, 'viewerId' | 'loaders'>;
}

export async function createSongsModule(
  {
    connection,
    logger,
    outbox: notifier,
  }: Pick<SubgraphBuildDependencies, 'connection' | 'logger' | 'outbox'>,
  env: SongsEnvironment,
  storage: Storage,
): Promise<SongsModule> {
  const songModel = createSongModel(connection);
  const artistModel = createArtistModel(connection);
  const albumModel = createAlbumModel(connection);
  const names = new CatalogueNames(artistModel, albumModel);
  const outbox = new SongsOutbox(songModel, albumModel, notifier, logger);
  const artists = new ArtistService(artistModel, outbox);
  const albums = new AlbumService(albumModel, songModel, artists, names, outbox);
  const songs = new SongService(songModel, artists, albums, storage, names, outbox);
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
    outbox,
  );
  const processing = new SongProcessingService(songModel, storage, logger, names, outbox);
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
    outbox,
  );

  const schema = await buildFederatedSchema({
    ...resolverContainer([
      [SongResolver, new SongResolver(songs, storage)],
      [UploadResolver, new UploadResolver(uploads)],
      [AlbumResolver, new AlbumResolver(albums)],
      [ArtistResolver, new ArtistResolver(songs)],
      [UserUploadsResolver, new UserUploadsResolver(songs)],
    ]),
    referenceResolvers: {
      Song: { __resolveReference: resolveSongReference as never },
      Album: { __resolveReference: resolveAlbumReference as never },
      Artist: { __resolveReference: resolveArtistReference as never },
      User: { __resolveReference: resolveUserReference as never },
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
