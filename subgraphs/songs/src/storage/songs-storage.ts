import {
  createStorage,
  LocalDiskStorage,
  localStorageListenAddress,
  startLocalStorageServer,
  type ObjectFinalizedRecorder,
  type StorageEnvironment,
} from '@groovy/common/storage';
import type { Logger } from 'pino';
import type { Storage } from './storage';

/** The storage songs uses, and how to let go of it. */
export interface OpenedStorage {
  storage: Storage;
  /** The address of the in-process local storage server, when there is one. */
  localServerUrl?: string;
  close(): Promise<void>;
}

/**
 * The adapter STORAGE_DRIVER names. With the local adapter (the dev default) this process also
 * serves the storage HTTP server (signed PUT uploads, reads) on STORAGE_PUBLIC_URL's address, so
 * `npm run dev` needs no extra process, and every finalised object is first recorded with
 * `recordFinalized` (OBJECT_FINALIZED in this service's outbox, see object-finalized-outbox.ts) before
 * the upload is answered. With `gcs`, clients upload to Cloud Storage directly and Cloud Storage
 * notifies the HLS worker itself (Pub/Sub push).
 */
export async function openSongsStorage(
  env: StorageEnvironment & { NODE_ENV: string; SHUTDOWN_TIMEOUT_MS: number },
  logger: Logger,
  recordFinalized?: ObjectFinalizedRecorder,
): Promise<OpenedStorage> {
  const storage = createStorage(env, logger);
  if (!(storage instanceof LocalDiskStorage)) return { storage, close: async () => {} };
  storage.recordFinalizedWith(recordFinalized);
  const { host, port } = localStorageListenAddress(env.STORAGE_PUBLIC_URL);
  const quieter =
    (logger.levels.values[logger.level] ?? 0) >= logger.levels.values.warn! ? logger.level : 'warn';
  const server = await startLocalStorageServer({
    storage,
    // Its own info lines carry a `url` field, and a service announces itself by the first line with
    // a `url` (spawnService, log readers): that must stay the GraphQL endpoint. So only its warnings
    // and errors are logged, and this process says where storage is under `storageUrl`.
    logger: logger.child({ component: 'storage-server' }, { level: quieter }),
    host,
    port,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
  });
  logger.info(
    { storageUrl: server.url, rootDir: storage.rootDir },
    'local storage server listening (in this process)',
  );
  return { storage, localServerUrl: server.url, close: () => server.stop() };
}
