import { createEventBus, OutboxRelay } from '@groovy/common/events';
import type { ObjectFinalizedRecorder } from '@groovy/common/storage';
import {
  startSubgraph,
  type RunningSubgraph,
  type StartSubgraphOptions,
} from '@groovy/common/subgraph';
import type { SongsEnvironment } from './environment';
import { createSongsModule, type SongsModule } from './songs-module';
import type { SongsContext } from './songs-context';
import { ObjectFinalizedOutbox } from './storage/object-finalized-outbox';
import { openSongsStorage, type OpenedStorage } from './storage/songs-storage';
import type { Storage } from './storage/storage';
import type { UploadSweeper } from './sweeper/upload-sweeper';
import { mountHlsWorkerWebhookRoute } from './worker-webhook/hls-worker-webhook.route';

export type SongsSubgraphOptions = Partial<
  Omit<StartSubgraphOptions<SongsContext>, 'schema' | 'context' | 'routes' | 'onStarted'>
>;

export interface RunningSongsSubgraph extends RunningSubgraph {
  storage: Storage;
  /** The sweeper (tests call `sweep(now)` directly). */
  sweeper: UploadSweeper;
}

/**
 * Starts the songs subgraph: GraphQL on /graphql, the HLS worker's webhook on
 * /webhooks/hls-worker, the upload sweeper in the background and, with the local storage adapter,
 * the storage server, and the outbox relay that publishes the catalogue's events (songs, albums,
 * artists) and the local storage's OBJECT_FINALIZED events to the event bus. `start` lets tests use startTestSubgraph; `openStorage` lets them use a fake.
 */
export async function startSongsSubgraph(
  env: SongsEnvironment,
  options: SongsSubgraphOptions = {},
  start: (options: StartSubgraphOptions<SongsContext>) => Promise<RunningSubgraph> = startSubgraph,
  openStorage: (
    env: SongsEnvironment,
    logger: RunningSubgraph['logger'],
    recordFinalized: ObjectFinalizedRecorder | undefined,
  ) => Promise<OpenedStorage> = openSongsStorage,
): Promise<RunningSongsSubgraph> {
  let module: SongsModule | undefined;
  let opened: OpenedStorage | undefined;
  let finalizedObjects: ObjectFinalizedOutbox | undefined;
  const running = await start({
    name: 'songs',
    environment: env,
    ...options,
    schema: async (dependencies) => {
      const { connection } = dependencies;
      // OBJECT_FINALIZED is only recorded for the local adapter served here; with gcs, Cloud Storage
      // notifies the worker itself (Pub/Sub push) and there is no such outbox.
      if (env.STORAGE_DRIVER === 'local') {
        finalizedObjects = new ObjectFinalizedOutbox(connection.getClient().db(connection.name), {
          recorded: () => module?.outbox.recorded(),
        });
      }
      opened = await openStorage(env, dependencies.logger, finalizedObjects?.record);
      module = await createSongsModule(dependencies, env, opened.storage);
      if (finalizedObjects) module.outbox.purgeAlso(finalizedObjects.purgePublished);
      return module.schema;
    },
    context: ({ base }) => ({ ...base, ...module!.context(base.identity) }),
    routes: (app, { logger }) => {
      mountHlsWorkerWebhookRoute(
        app,
        module!.processing,
        {
          secret: env.WORKER_WEBHOOK_SECRET,
          toleranceSeconds: env.WORKER_WEBHOOK_TOLERANCE_SECONDS,
        },
        logger,
      );
    },
    onStarted: async ({ connection, logger }) => {
      const bus = await createEventBus(env, {
        logger,
        eventsDb: () => connection.getClient().db(env.EVENT_BUS_DATABASE),
      });
      const db = connection.getClient().db(connection.name);
      const relay = new OutboxRelay({
        sources: [
          { name: 'song', collection: db.collection('songs') },
          { name: 'album', collection: db.collection('albums') },
          { name: 'artist', collection: db.collection('artists') },
          // OBJECT_FINALIZED of the local storage adapter served here (see storage/object-finalized-outbox.ts).
          ...(finalizedObjects ? [finalizedObjects.source] : []),
        ],
        bus,
        logger,
      });
      relay.start();
      module!.outbox.attach(relay);
      module!.sweeper.start();
      return async () => {
        await module!.sweeper.stop();
        module!.outbox.attach(undefined);
        await relay.stop();
        await bus.close();
        await opened!.close();
      };
    },
  } as StartSubgraphOptions<SongsContext>);
  return { ...running, storage: opened!.storage, sweeper: module!.sweeper };
}
