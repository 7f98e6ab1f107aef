import os from 'node:os';
import { createLogger, type Logger } from '@groovy/common/logging';
import { createServiceMetrics } from '@groovy/common/metrics';
import { type ResolvedMongo } from '@groovy/common/mongo';
import { createHttpService, type HttpService } from '@groovy/common/server';
import { createStorage } from '@groovy/common/storage';
import { pushAuthModeOf, type WorkerEnvironment } from './environment';
import { UploadJobQueue } from './job/job-queue';
import { createJobMetrics } from './job/job-metrics';
import {
  processUpload,
  type JobOutcome,
  type JobStorage,
  type UploadJobDeps,
} from './job/upload-job';
import { JobAbortedError } from './media/media-failure';
import { resolveMediaTools, type MediaTools } from './media/media-tools';
import { ProcessedUploads } from './job/processed-uploads';
import { mountObjectFinalizedRoute } from './trigger/object-finalized-route';
import {
  oidcPushAuthenticator,
  sharedTokenPushAuthenticator,
  type PushAuthenticator,
} from './trigger/push-authentication';
import {
  openObjectFinalizedTrigger,
  type ObjectFinalizedTrigger,
} from './trigger/object-finalized-subscription';
import { createSongsWebhookClient } from './webhook/songs-webhook-client';

export interface HlsWorker {
  url: string;
  service: HttpService;
  queue: UploadJobQueue<JobOutcome>;
  /** The OBJECT_FINALIZED subscription, when on (local storage). */
  trigger: ObjectFinalizedTrigger | undefined;
  logger: Logger;
  stop(): Promise<void>;
}

export interface StartHlsWorkerOptions {
  /** Tests pass their own; otherwise the adapter STORAGE_DRIVER selects. */
  storage?: JobStorage;
  logger?: Logger;
  tools?: MediaTools;
  /**
   * The event-bus trigger (OBJECT_FINALIZED, consumer `hls-worker`). Default: on with
   * STORAGE_DRIVER=local (songs' local storage announces uploads on the bus), off with gcs (Cloud
   * Storage notifies through Pub/Sub push). `false` turns it off (tests of the push endpoint alone).
   */
  events?: boolean;
  /** An already-resolved Mongo server for the trigger (tests); otherwise resolved from MONGO_URL. */
  mongo?: ResolvedMongo;
  /** How pushes are authenticated (tests give an OIDC one with a stubbed certificate fetch); otherwise from PUBSUB_PUSH_*. */
  pushAuthenticator?: PushAuthenticator;
}

/** The push endpoint's authentication PUBSUB_PUSH_AUTH selects (the environment checked its settings). */
export function pushAuthenticatorFor(env: WorkerEnvironment): PushAuthenticator {
  if (pushAuthModeOf(env) === 'token') return sharedTokenPushAuthenticator(env.PUBSUB_PUSH_TOKEN);
  if (!env.PUBSUB_PUSH_AUDIENCE || !env.PUBSUB_PUSH_SERVICE_ACCOUNT) {
    throw new Error(
      'PUBSUB_PUSH_AUDIENCE and PUBSUB_PUSH_SERVICE_ACCOUNT are required with PUBSUB_PUSH_AUTH=oidc',
    );
  }
  return oidcPushAuthenticator({
    audience: env.PUBSUB_PUSH_AUDIENCE,
    serviceAccountEmail: env.PUBSUB_PUSH_SERVICE_ACCOUNT,
  });
}

/** ffmpeg processes per job: one per core the job gets (cores ÷ concurrency), at least one. */
export function processesPerJob(
  env: Pick<WorkerEnvironment, 'FFMPEG_PROCESSES_PER_JOB' | 'WORKER_CONCURRENCY'>,
  cores = os.availableParallelism(),
): number {
  return env.FFMPEG_PROCESSES_PER_JOB ?? Math.max(1, Math.floor(cores / env.WORKER_CONCURRENCY));
}

/** Everything a job needs, from the environment. */
export function uploadJobDeps(
  env: WorkerEnvironment,
  storage: JobStorage,
  tools: MediaTools,
  logger: Logger,
): UploadJobDeps {
  return {
    storage,
    tools,
    logger,
    tempDir: env.WORKER_TEMP_DIR,
    webhook: createSongsWebhookClient({
      url: env.SONGS_WEBHOOK_URL,
      secret: env.WORKER_WEBHOOK_SECRET,
      maxAttempts: env.WEBHOOK_MAX_ATTEMPTS,
      baseDelayMs: env.WEBHOOK_RETRY_BASE_MS,
      maxDelayMs: env.WEBHOOK_RETRY_MAX_MS,
      timeoutMs: env.WEBHOOK_TIMEOUT_MS,
      logger: logger.child({ component: 'songs-webhook' }),
    }),
    transcode: {
      bitratesKbps: env.HLS_BITRATES_KBPS,
      segmentSeconds: env.HLS_SEGMENT_SECONDS,
      aacCoder: env.HLS_AAC_CODER,
      processes: processesPerJob(env),
      waveformPoints: env.WAVEFORM_POINTS,
      maxDurationSeconds: env.MAX_DURATION_SECONDS,
    },
  };
}

/**
 * Starts the worker: the job queue, fed by the OBJECT_FINALIZED event-bus subscription (local
 * storage) and by `POST /pubsub/object-finalized` (Cloud Storage → Pub/Sub push), plus /healthz,
 * /readyz (with the trigger: its Mongo and subscription) and /metrics.
 */
export async function startHlsWorker(
  env: WorkerEnvironment,
  options: StartHlsWorkerOptions = {},
): Promise<HlsWorker> {
  const logger =
    options.logger ??
    createLogger({ service: 'hls-worker', level: env.LOG_LEVEL, format: env.LOG_FORMAT });
  const tools =
    options.tools ??
    resolveMediaTools({
      ffmpegPath: env.FFMPEG_PATH,
      ffprobePath: env.FFPROBE_PATH,
      searchPath: env.PATH,
    });
  logger.info(
    { ffmpeg: tools.ffmpeg, ffprobe: tools.ffprobe, sources: tools.sources },
    'media tools',
  );
  // The worker's own writes announce nothing: only songs' storage records OBJECT_FINALIZED.
  const storage = options.storage ?? createStorage(env, logger);
  const deps = uploadJobDeps(env, storage, tools, logger);
  const processed = new ProcessedUploads(storage, logger);
  const pushAuthenticator = options.pushAuthenticator ?? pushAuthenticatorFor(env);
  const metrics = createServiceMetrics('hls-worker');
  const queue = new UploadJobQueue<JobOutcome>({
    concurrency: env.WORKER_CONCURRENCY,
    maxQueued: env.WORKER_MAX_QUEUED,
    logger,
    run: async (event, signal, context) => {
      try {
        const outcome = await processUpload(event, deps, signal, context);
        jobMetrics.record(outcome);
        // Songs has it READY: a later push of this generation is acknowledged without a transcode.
        if (outcome.status === 'ready' && outcome.delivered) await processed.markProcessed(event);
        return outcome;
      } catch (error) {
        jobMetrics.recordError(error instanceof JobAbortedError ? 'aborted' : 'crashed');
        throw error;
      }
    },
  });
  const jobMetrics = createJobMetrics(metrics.registry, () => queue.size);
  const useEvents = options.events ?? env.STORAGE_DRIVER === 'local';
  const trigger = useEvents
    ? await openObjectFinalizedTrigger(env, {
        queue,
        webhook: deps.webhook,
        logger,
        mongo: options.mongo,
      })
    : undefined;
  const service = createHttpService({
    name: 'hls-worker',
    host: env.HOST,
    port: env.PORT,
    logger,
    metrics,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    readinessChecks: trigger?.readinessChecks ?? [],
  });
  mountObjectFinalizedRoute(service.app, queue, logger, {
    authenticator: pushAuthenticator,
    processed,
  });
  service.onStop(async () => {
    // Together: the subscription waits for its handlers, which end when their jobs end (or are
    // aborted after the grace period; an aborted job's event is left unacknowledged, for redelivery).
    const [, { abandonedWaiting, abortedRunning }] = await Promise.all([
      trigger?.stopSubscription(),
      queue.stop(env.SHUTDOWN_TIMEOUT_MS),
    ]);
    logger.info({ abandonedWaiting, abortedRunning }, 'job queue stopped');
    await trigger?.close();
  });
  let url: string;
  try {
    url = await service.listen();
  } catch (error) {
    await trigger?.stopSubscription();
    await trigger?.close();
    throw error;
  }
  logger.info(
    {
      url,
      concurrency: env.WORKER_CONCURRENCY,
      processesPerJob: deps.transcode.processes,
      ladderKbps: env.HLS_BITRATES_KBPS,
      storage: 'kind' in storage ? storage.kind : 'custom',
      trigger: trigger ? `event bus (${trigger.bus.kind}) + push endpoint` : 'push endpoint',
      pushAuth: pushAuthenticator.kind,
    },
    'listening',
  );
  return { url, service, queue, trigger, logger, stop: () => service.stop() };
}
