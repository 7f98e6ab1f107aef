import {
  createEventBus,
  finalizedObjectOf,
  isEvent,
  ObjectFinalized,
  ProcessedEvents,
  type EventBus,
  type EventEnvelope,
  type Subscription,
} from '@groovy/common/events';
import type { Logger } from '@groovy/common/logging';
import {
  connectDatabase,
  isDatabaseReachable,
  resolveMongoFromEnvironment,
  type ResolvedMongo,
} from '@groovy/common/mongo';
import type { ReadinessCheck } from '@groovy/common/server';
import type { WorkerEnvironment } from '../environment';
import type { UploadJobQueue } from '../job/job-queue';
import type { JobOutcome } from '../job/upload-job';
import { parseUploadKey } from '../job/upload-key';
import type { SongsWebhookClient } from '../webhook/songs-webhook-client';
import { MongoUndeliveredReports, type UndeliveredReports } from './undelivered-reports';

/** The worker's consumer name on the event bus (one checkpoint / Pub/Sub subscription for all replicas). */
export const HLS_WORKER_CONSUMER = 'hls-worker';

/** The worker's own database when MONGO_DATABASE is unset (it only holds the processed-events ledger). */
export const DEFAULT_WORKER_DATABASE = 'groovy_hls_worker';

/** Thrown so the bus redelivers: the job ran, but songs did not get its result and may take it later. */
export class ResultNotDeliveredError extends Error {
  constructor(key: string, outcome: 'READY' | 'FAILED') {
    super(`songs did not receive the ${outcome} report for ${key}; the event will be redelivered`);
    this.name = 'ResultNotDeliveredError';
  }
}

/** Thrown so the bus redelivers: songs did not get PROCESSING (it may later), so nothing was run. */
export class ProcessingNotDeliveredError extends Error {
  constructor(key: string, status: number | null) {
    super(
      `songs did not receive PROCESSING for ${key} (${status === null ? 'no answer' : `HTTP ${status}`}); the upload was not processed and the event will be redelivered`,
    );
    this.name = 'ProcessingNotDeliveredError';
  }
}

export interface ObjectFinalizedHandlerDeps {
  queue: UploadJobQueue<JobOutcome>;
  /** Sends a stored report again (the same client the jobs use). */
  webhook: SongsWebhookClient;
  /** Reports of finished jobs songs did not take yet, per key and generation. */
  reports: UndeliveredReports;
  /** Skips an event id already handled, and an older generation of a key than one already handled. */
  ledger?: ProcessedEvents;
  logger: Logger;
}

/**
 * Handles one OBJECT_FINALIZED from the bus. Resolves (the bus acknowledges) only once the job is over
 * and songs has its READY or FAILED report, or when there is nothing to do (not an upload key; songs
 * refused the job; a duplicate or stale event). Throws (the bus redelivers, then dead-letters after
 * its bounded attempts) when the job crashed, was aborted at shutdown, songs did not get PROCESSING
 * (nothing is transcoded then), or the final report could not be delivered for a reason that may pass
 * (network error, 429, 5xx). In that last case the report is kept (`reports`), and a redelivery only
 * sends it again: the upload is transcoded once.
 */
export async function handleObjectFinalized(
  event: EventEnvelope,
  { queue, webhook, reports, ledger, logger }: ObjectFinalizedHandlerDeps,
): Promise<void> {
  if (!isEvent(event, ObjectFinalized)) return;
  const object = finalizedObjectOf(event);
  if (!parseUploadKey(object.key)) return; // e.g. the worker's own hls/… outputs
  const generation = event.aggregateVersion;
  const run = async () => {
    const kept = await reports.get(object.key, generation);
    if (kept) {
      const delivery = await webhook.send(kept);
      logger.info(
        { key: object.key, generation, outcome: kept.outcome, delivered: delivery.delivered },
        'resent a report songs had not received (the upload is not processed again)',
      );
      if (!delivery.delivered && delivery.retryable)
        throw new ResultNotDeliveredError(object.key, kept.outcome);
      await reports.remove(object.key, generation);
      return;
    }
    const outcome = await queue.submit(object);
    if (outcome.status === 'deferred')
      throw new ProcessingNotDeliveredError(object.key, outcome.httpStatus);
    if ((outcome.status === 'ready' || outcome.status === 'failed') && outcome.webhookRetryable) {
      await reports.save(object.key, generation, outcome.payload);
      throw new ResultNotDeliveredError(object.key, outcome.payload.outcome);
    }
  };
  if (!ledger) return run();
  const applied = await ledger.applyOnce(event, run);
  if (applied !== 'applied') {
    logger.info(
      { key: object.key, eventId: event.id, generation: object.generation, applied },
      'object-finalised event skipped',
    );
  }
}

export interface ObjectFinalizedTrigger {
  bus: EventBus;
  subscription: Subscription;
  /** `/readyz`: the worker's Mongo answers. */
  readinessChecks: ReadinessCheck[];
  /** Stops delivering; resolves once the handlers in progress returned (run it with the queue's stop). */
  stopSubscription(): Promise<void>;
  /** Closes the bus and the Mongo connection (after stopSubscription). */
  close(): Promise<void>;
}

/**
 * The event-bus trigger: connects the worker's Mongo (the embedded bus lives in its
 * EVENT_BUS_DATABASE; the ledger in MONGO_DATABASE), and subscribes as `hls-worker` to
 * OBJECT_FINALIZED with WORKER_CONCURRENCY events at once, feeding the job queue.
 */
export async function openObjectFinalizedTrigger(
  env: WorkerEnvironment,
  deps: {
    queue: UploadJobQueue<JobOutcome>;
    webhook: SongsWebhookClient;
    logger: Logger;
    mongo?: ResolvedMongo | undefined;
  },
): Promise<ObjectFinalizedTrigger> {
  const { logger } = deps;
  const mongo = deps.mongo ?? (await resolveMongoFromEnvironment(env, logger));
  const ownsMongo = !deps.mongo;
  if (ownsMongo && !env.MONGO_URL && env.EVENT_BUS === 'embedded') {
    logger.warn(
      'MONGO_URL is unset: this worker has a Mongo of its own, so it sees no events from songs (npm run dev passes one to every service)',
    );
  }
  const connection = await connectDatabase(
    mongo.url,
    env.MONGO_DATABASE ?? DEFAULT_WORKER_DATABASE,
  );
  const client = connection.getClient();
  let bus: EventBus | undefined;
  try {
    bus = await createEventBus(env, { logger, eventsDb: () => client.db(env.EVENT_BUS_DATABASE) });
    const ledger = new ProcessedEvents(client.db(connection.name), HLS_WORKER_CONSUMER);
    const reports = new MongoUndeliveredReports(client.db(connection.name), HLS_WORKER_CONSUMER);
    const subscription = await bus.subscribe({
      consumer: HLS_WORKER_CONSUMER,
      types: [ObjectFinalized.type],
      concurrency: env.WORKER_CONCURRENCY,
      handler: (event) =>
        handleObjectFinalized(event, {
          queue: deps.queue,
          webhook: deps.webhook,
          reports,
          ledger,
          logger,
        }),
    });
    logger.info(
      { consumer: HLS_WORKER_CONSUMER, bus: bus.kind, concurrency: env.WORKER_CONCURRENCY },
      'subscribed to OBJECT_FINALIZED',
    );
    const openedBus = bus;
    return {
      bus: openedBus,
      subscription,
      // The bus gives no signal of its own loop's health to check, so only Mongo (which the
      // embedded bus, the ledger and the kept reports all live in) is checked.
      readinessChecks: [{ name: 'mongo', check: () => isDatabaseReachable(connection) }],
      stopSubscription: () => subscription.stop(),
      close: async () => {
        await openedBus.close();
        await connection.close();
        if (ownsMongo) await mongo.stop();
      },
    };
  } catch (error) {
    await bus?.close().catch(() => undefined);
    await connection.close().catch(() => undefined);
    if (ownsMongo) await mongo.stop().catch(() => undefined);
    throw error;
  }
}
