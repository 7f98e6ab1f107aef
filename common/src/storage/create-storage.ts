import type { Logger } from 'pino';
import { EnvironmentError } from '../config/load-environment';
import { GcsStorage } from './gcs/gcs-storage';
import { LocalDiskStorage } from './local/local-disk-storage';
import { storageEnvironmentProblems, type StorageEnvironment } from './storage-environment';

/**
 * The adapter STORAGE_DRIVER asks for. `local` needs its HTTP server running for uploads and reads
 * (startLocalStorageServer, listening on STORAGE_PUBLIC_URL's address); `gcs` talks to Cloud
 * Storage or the emulator at GCS_API_ENDPOINT.
 */
export function createStorage(
  env: StorageEnvironment & { NODE_ENV?: string },
  logger: Logger,
): LocalDiskStorage | GcsStorage {
  const problems = storageEnvironmentProblems(env);
  if (problems.length > 0)
    throw new EnvironmentError(problems.map(([variable, problem]) => `${variable}: ${problem}`));
  const log = logger.child({ component: 'storage' });
  if (env.STORAGE_DRIVER === 'gcs') {
    log.info(
      { bucket: env.GCS_BUCKET, apiEndpoint: env.GCS_API_ENDPOINT, readUrls: env.GCS_READ_URLS },
      'storage: Google Cloud Storage',
    );
    return new GcsStorage({
      bucket: env.GCS_BUCKET as string,
      ...(env.GCS_PROJECT_ID ? { projectId: env.GCS_PROJECT_ID } : {}),
      ...(env.GCS_API_ENDPOINT ? { apiEndpoint: env.GCS_API_ENDPOINT } : {}),
      ...(env.GCS_PUBLIC_BASE_URL ? { publicBaseUrl: env.GCS_PUBLIC_BASE_URL } : {}),
      readUrls: env.GCS_READ_URLS,
      readUrlTtlSeconds: env.GCS_READ_URL_TTL_SECONDS,
    });
  }
  log.info(
    { rootDir: env.STORAGE_LOCAL_DIR, publicUrl: env.STORAGE_PUBLIC_URL },
    'storage: local disk',
  );
  return new LocalDiskStorage({
    rootDir: env.STORAGE_LOCAL_DIR,
    publicUrl: env.STORAGE_PUBLIC_URL,
    signingSecret: env.STORAGE_SIGNING_SECRET,
    bucket: env.STORAGE_LOCAL_BUCKET,
    logger: log,
  });
}
