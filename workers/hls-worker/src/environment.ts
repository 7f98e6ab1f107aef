import os from 'node:os';
import {
  envOptionalUrl,
  envPositiveInt,
  loadEnvironment,
  serviceEnvironmentShape,
} from '@groovy/common/config';
import { eventBusEnvironmentShape } from '@groovy/common/events';
import { refineStorageEnvironment, storageEnvironmentShape } from '@groovy/common/storage';
import { z } from 'zod';

/** Used when WORKER_WEBHOOK_SECRET is unset, so `npm run dev` works; refused in production. Same as songs'. */
export const DEV_WORKER_WEBHOOK_SECRET = 'dev-only-worker-webhook-secret-do-not-use-in-production';

/** Used when PUBSUB_PUSH_TOKEN is unset, so `npm run dev` works; refused in production. */
export const DEV_PUBSUB_PUSH_TOKEN = 'dev-only-pubsub-push-token-do-not-use-in-production';

/** How the push endpoint authenticates Pub/Sub: its OIDC token (production default) or a shared token. */
export function pushAuthModeOf(
  env: Pick<WorkerEnvironment, 'NODE_ENV' | 'PUBSUB_PUSH_AUTH'>,
): 'oidc' | 'token' {
  return env.PUBSUB_PUSH_AUTH ?? (env.NODE_ENV === 'production' ? 'oidc' : 'token');
}

/** One job per two cores: each job already runs one ffmpeg per core (see FFMPEG_PROCESSES_PER_JOB). */
export function defaultConcurrency(cores = os.availableParallelism()): number {
  return Math.max(1, Math.floor(cores / 2));
}

const bitrateList = z
  .string()
  .trim()
  .optional()
  .transform((value, ctx) => {
    if (value === undefined || value === '') return [64, 128, 256];
    const parts = value.split(',').map((part) => Number(part.trim().replace(/k$/i, '')));
    if (parts.some((part) => !Number.isInteger(part) || part < 16 || part > 512)) {
      ctx.addIssue({
        code: 'custom',
        message: 'expected comma-separated kbps, each 16..512, e.g. 64,128,256',
      });
      return z.NEVER;
    }
    return [...new Set(parts)].sort((a, b) => a - b);
  });

export const workerEnvironmentSchema = z
  .object({
    ...serviceEnvironmentShape(4020),
    ...storageEnvironmentShape(),
    /** EVENT_BUS (embedded | pubsub), EVENT_BUS_DATABASE, …: the OBJECT_FINALIZED subscription (local storage). */
    ...eventBusEnvironmentShape(),
    /** The songs subgraph's webhook. */
    SONGS_WEBHOOK_URL: envOptionalUrl(['http', 'https']).transform(
      (value) => value ?? 'http://127.0.0.1:4002/webhooks/hls-worker',
    ),
    /** Shared with songs: HMAC key of `x-groovy-signature`. */
    WORKER_WEBHOOK_SECRET: z
      .string()
      .min(32, 'expected at least 32 characters')
      .default(DEV_WORKER_WEBHOOK_SECRET),
    /** Push endpoint authentication: `oidc` (Pub/Sub authenticated push) or `token`; unset: oidc in production, token otherwise. */
    PUBSUB_PUSH_AUTH: z.enum(['oidc', 'token'], { error: 'expected oidc or token' }).optional(),
    /** oidc: the audience of the push subscription's tokens (its push endpoint URL unless configured otherwise). */
    PUBSUB_PUSH_AUDIENCE: z
      .string()
      .trim()
      .optional()
      .transform((value) => value || undefined),
    /** oidc: the service account the push subscription signs its tokens as. */
    PUBSUB_PUSH_SERVICE_ACCOUNT: z
      .string()
      .trim()
      .optional()
      .transform((value) => value || undefined)
      .refine(
        (value) => value === undefined || /^[^@\s]+@[^@\s]+$/.test(value),
        'expected an email address',
      ),
    /** token: the shared secret in the push endpoint's URL (`?token=`) or `x-groovy-push-token`. */
    PUBSUB_PUSH_TOKEN: z
      .string()
      .min(32, 'expected at least 32 characters')
      .default(DEV_PUBSUB_PUSH_TOKEN),
    WEBHOOK_MAX_ATTEMPTS: envPositiveInt(6),
    WEBHOOK_RETRY_BASE_MS: envPositiveInt(500),
    WEBHOOK_RETRY_MAX_MS: envPositiveInt(30_000),
    WEBHOOK_TIMEOUT_MS: envPositiveInt(10_000),
    WORKER_CONCURRENCY: envPositiveInt(defaultConcurrency()),
    WORKER_MAX_QUEUED: envPositiveInt(100),
    /** ffmpeg processes per job (each decodes the input and takes a share of the encoders); unset: cores ÷ concurrency. */
    FFMPEG_PROCESSES_PER_JOB: z.coerce
      .number({ error: 'expected a number' })
      .int()
      .positive()
      .optional(),
    MAX_DURATION_SECONDS: envPositiveInt(3600),
    HLS_BITRATES_KBPS: bitrateList,
    HLS_SEGMENT_SECONDS: envPositiveInt(6),
    HLS_AAC_CODER: z
      .enum(['twoloop', 'fast'], { error: 'expected twoloop or fast' })
      .default('fast'),
    WAVEFORM_POINTS: envPositiveInt(1000).refine(
      (value) => value <= 10_000,
      'expected at most 10000',
    ),
    FFMPEG_PATH: z
      .string()
      .trim()
      .optional()
      .transform((value) => value || undefined),
    FFPROBE_PATH: z
      .string()
      .trim()
      .optional()
      .transform((value) => value || undefined),
    /** Where jobs keep their temp dirs (default the OS temp dir). */
    WORKER_TEMP_DIR: z
      .string()
      .trim()
      .optional()
      .transform((value) => value || undefined),
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
    const pushAuth = env.PUBSUB_PUSH_AUTH ?? (env.NODE_ENV === 'production' ? 'oidc' : 'token');
    if (pushAuth === 'oidc') {
      for (const name of ['PUBSUB_PUSH_AUDIENCE', 'PUBSUB_PUSH_SERVICE_ACCOUNT'] as const) {
        if (!env[name]) {
          ctx.addIssue({
            code: 'custom',
            path: [name],
            message:
              'required to verify Pub/Sub push tokens (PUBSUB_PUSH_AUTH=oidc, the production default)',
          });
        }
      }
    } else if (env.NODE_ENV === 'production' && env.PUBSUB_PUSH_TOKEN === DEV_PUBSUB_PUSH_TOKEN) {
      ctx.addIssue({
        code: 'custom',
        path: ['PUBSUB_PUSH_TOKEN'],
        message:
          'must be set in production with PUBSUB_PUSH_AUTH=token (the dev default is public)',
      });
    }
  });

export type WorkerEnvironment = z.infer<typeof workerEnvironmentSchema>;

/** The only place the HLS worker reads process.env; exits with one clear line when it is wrong. */
export function readWorkerEnvironment(): WorkerEnvironment {
  return loadEnvironment('hls-worker', workerEnvironmentSchema, process.env);
}
