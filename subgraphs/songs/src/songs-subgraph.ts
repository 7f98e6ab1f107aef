import type { SubgraphDescription } from '@groovy/common/subgraph';
import type { Logger } from 'pino';
import type { ObjectFinalizedRecorder } from '@groovy/common/storage';
import type { SongsEnvironment } from './environment';
import type { SongsContext } from './songs-context';
import { createSongsModule, type SongsModule } from './songs-module';
import { ObjectFinalizedOutbox } from './storage/object-finalized-outbox';
import { openSongsStorage, type OpenedStorage } from './storage/songs-storage';
import { mountHlsWorkerWebhookRoute } from './worker-webhook/hls-worker-webhook.route';

/** What tests may replace: the storage (a fake instead of local disk or GCS). */
export interface SongsSubgraphSeams {
  openStorage?(
    env: SongsEnvironment,
    logger: Logger,
    recordFinalized: ObjectFinalizedRecorder | undefined,
  ): Promise<OpenedStorage>;
}

/** The songs module with what the description opened for it. */
export interface SongsSubgraphModule extends SongsModule {
  opened: OpenedStorage;
  /** OBJECT_FINALIZED records of the local storage adapter served here (none with gcs). */
  finalizedObjects: ObjectFinalizedOutbox | undefined;
}

/**
 * The songs subgraph: GraphQL on /graphql, the HLS worker's webhook on /webhooks/hls-worker, the
 * upload sweeper in the background and, with the local storage adapter, the storage server; the
 * relay publishes the catalogue's events (songs, albums, artists) and the local storage's
 * OBJECT_FINALIZED events.
 */
export function songsSubgraph(
  env: SongsEnvironment,
  { openStorage = openSongsStorage }: SongsSubgraphSeams = {},
): SubgraphDescription<SongsSubgraphModule, Pick<SongsContext, 'viewerId' | 'loaders'>> {
  return {
    name: 'songs',
    environment: env,
    create: async (dependencies) => {
      const { connection, logger, outbox } = dependencies;
      // OBJECT_FINALIZED is only recorded for the local adapter served here; with gcs, Cloud Storage
      // notifies the worker itself (Pub/Sub push) and there is no such outbox.
      const finalizedObjects =
        env.STORAGE_DRIVER === 'local'
          ? new ObjectFinalizedOutbox(connection.getClient().db(connection.name), outbox)
          : undefined;
      const opened = await openStorage(env, logger, finalizedObjects?.record);
      const module = await createSongsModule(dependencies, env, opened.storage);
      if (finalizedObjects) module.outbox.purgeAlso(finalizedObjects.purgePublished);
      return { ...module, opened, finalizedObjects };
    },
    context: (module, { base }) => module.context(base.identity),
    routes: (app, module, { logger }) => {
      mountHlsWorkerWebhookRoute(
        app,
        module.processing,
        {
          secret: env.WORKER_WEBHOOK_SECRET,
          toleranceSeconds: env.WORKER_WEBHOOK_TOLERANCE_SECONDS,
        },
        logger,
      );
    },
    outboxSources: (module, { connection }) => {
      const db = connection.getClient().db(connection.name);
      return [
        { name: 'song', collection: db.collection('songs') },
        { name: 'album', collection: db.collection('albums') },
        { name: 'artist', collection: db.collection('artists') },
        ...(module.finalizedObjects ? [module.finalizedObjects.source] : []),
      ];
    },
    background: (module) => {
      module.sweeper.start();
      return () => module.sweeper.stop();
    },
    close: (module) => module.opened.close(),
  };
}
