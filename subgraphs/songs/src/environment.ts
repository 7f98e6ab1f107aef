import {
  envPositiveInt,
  loadEnvironment,
  serviceEnvironmentShape,
  subgraphEnvironmentShape,
} from '@groovy/common/config';
import { eventBusEnvironmentShape } from '@groovy/common/events';
import { refineStorageEnvironment, storageEnvironmentShape } from '@groovy/common/storage';
import { z } from 'zod';

/** Used when WORKER_WEBHOOK_SECRET is unset, so `npm run dev` works; refused in production. */
export const DEV_WORKER_WEBHOOK_SECRET = 'dev-only-worker-webhook-secret-do-not-use-in-production';

export const songsEnvironmentSchema = z
  .object({
    ...serviceEnvironmentShape(4002),
    ...subgraphEnvironmentShape(),
    /** STORAGE_DRIVER (local | gcs), STORAGE_PUBLIC_URL, GCS_BUCKET, …: see common/src/storage. */
    ...storageEnvironmentShape(),
    /** EVENT_BUS (embedded | pubsub), EVENT_BUS_DATABASE, …: see common/src/events. */
    ...eventBusEnvironmentShape(),
    /** Largest file a client may declare (and then PUT) for one song. */
    MAX_UPLOAD_BYTES: envPositiveInt(200 * 1024 * 1024).refine((value) => value <= 2 ** 31 - 1, {
      message: 'expected at most 2147483647 (sizeBytes is a GraphQL Int)',
    }),
    /** Uploads a user may have waiting for their file at once (the sweeper removes abandoned ones). */
    MAX_PENDING_UPLOADS_PER_USER: envPositiveInt(20),
    /** How long a signed upload URL is valid. */
    UPLOAD_URL_TTL_SECONDS: envPositiveInt(15 * 60),
    /** Shared with the HLS worker: HMAC key of `x-groovy-signature`. */
    WORKER_WEBHOOK_SECRET: z
      .string()
      .min(32, 'expected at least 32 characters')
      .default(DEV_WORKER_WEBHOOK_SECRET),
    /** Webhook calls whose `x-groovy-timestamp` is further than this from now are refused (replays). */
    WORKER_WEBHOOK_TOLERANCE_SECONDS: envPositiveInt(5 * 60),
    /** How often the sweeper looks for abandoned uploads and stuck processing. */
    SWEEP_INTERVAL_SECONDS: envPositiveInt(60),
    /** A PENDING_UPLOAD song is deleted this long after its upload URL expired (a PUT may still be finishing). */
    UPLOAD_GRACE_SECONDS: envPositiveInt(5 * 60),
    /** A PROCESSING song whose current job started this long ago is failed ("Processing took too long"). */
    PROCESSING_TIMEOUT_SECONDS: envPositiveInt(15 * 60),
  })
  .superRefine((env, ctx) => {
    refineStorageEnvironment(env, ctx);
    if (env.NODE_ENV === 'production' && env.WORKER_WEBHOOK_SECRET === DEV_WORKER_WEBHOOK_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['WORKER_WEBHOOK_SECRET'],
        message: 'must be set in production (the dev default is public)',
      });
    }
  });

export type SongsEnvironment = z.infer<typeof songsEnvironmentSchema>;

/** The only place the songs subgraph reads process.env; exits with one clear line when it is wrong. */
export function readSongsEnvironment(): SongsEnvironment {
  return loadEnvironment('songs', songsEnvironmentSchema, process.env);
}
