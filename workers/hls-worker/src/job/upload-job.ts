import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Logger } from '@groovy/common/logging';
import type { HlsWorkerWebhook } from '@groovy/common/media';
import type { ObjectFinalizedEvent, Storage } from '@groovy/common/storage';
import {
  FAILURE_REASONS,
  JobAbortedError,
  MediaFailure,
  type MediaFailureCode,
} from '../media/media-failure';
import type { MediaTools } from '../media/media-tools';
import { probeAudio } from '../media/probe';
import { transcodeToHls, type TranscodeOptions, type TranscodeResult } from '../media/transcode';
import type { SongsWebhookClient } from '../webhook/songs-webhook-client';
import { hlsPrefix, parseUploadKey } from './upload-key';

/** The only parts of Storage the worker uses. */
export type JobStorage = Pick<Storage, 'get' | 'put'>;

export interface UploadJobDeps {
  storage: JobStorage;
  webhook: SongsWebhookClient;
  tools: MediaTools;
  transcode: Omit<TranscodeOptions, 'signal'>;
  logger: Logger;
  /** Parent of each job's temp dir (default the OS temp dir). */
  tempDir?: string | undefined;
  /** Uploads in flight at once per job. */
  uploadConcurrency?: number;
}

/** Milliseconds per step of one job. */
export interface JobTimings {
  webhookProcessingMs: number;
  downloadMs: number;
  probeMs: number;
  transcodeMs: number;
  uploadMs: number;
  webhookResultMs: number;
  totalMs: number;
}

export type JobOutcome =
  | { status: 'ignored'; key: string }
  | {
      status: 'ready';
      songId: string;
      jobId: string;
      payload: Extract<HlsWorkerWebhook, { outcome: 'READY' }>;
      delivered: boolean;
      /** Not delivered, but songs may take it later (network error, 429, 5xx): worth running again. */
      webhookRetryable: boolean;
      timings: JobTimings;
      ffmpegCpuSeconds: number[];
    }
  | {
      status: 'failed';
      songId: string;
      jobId: string;
      code: MediaFailureCode;
      reason: string;
      payload: Extract<HlsWorkerWebhook, { outcome: 'FAILED' }>;
      delivered: boolean;
      webhookRetryable: boolean;
      timings: JobTimings;
    }
  /**
   * songs did not get the PROCESSING call for a reason that may pass (network, 429, 5xx) and the
   * caller can ask again (the event bus): nothing was done, the caller retries later.
   */
  | {
      status: 'deferred';
      songId: string;
      jobId: string;
      httpStatus: number | null;
      timings: JobTimings;
    }
  /** songs answered the PROCESSING call with a 4xx (unknown song, another upload): nothing was done. */
  | {
      status: 'refused';
      songId: string;
      jobId: string;
      httpStatus: number | null;
      timings: JobTimings;
    };

const PLAYLIST_TYPE = 'application/vnd.apple.mpegurl';
const CACHE_PLAYLIST = 'no-cache';
const CACHE_MEDIA = 'public, max-age=86400';

function contentTypeOf(file: string): { contentType: string; cacheControl: string } {
  if (file.endsWith('.m3u8')) return { contentType: PLAYLIST_TYPE, cacheControl: CACHE_PLAYLIST };
  if (file.endsWith('.m4s')) return { contentType: 'audio/iso.segment', cacheControl: CACHE_MEDIA };
  if (file.endsWith('.mp4')) return { contentType: 'audio/mp4', cacheControl: CACHE_MEDIA };
  if (file.endsWith('.png')) return { contentType: 'image/png', cacheControl: CACHE_MEDIA };
  return { contentType: 'image/jpeg', cacheControl: CACHE_MEDIA };
}

async function runLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const item = items[next] as T;
      next += 1;
      await work(item);
    }
  });
  await Promise.all(lanes);
}

/**
 * Uploads a finished transcode: every rendition's segments and init first, then the media
 * playlists, then the master, then the cover, so whatever a playlist names is already stored.
 * Returns the storage keys (not URLs).
 */
async function storeOutputs(
  storage: JobStorage,
  songId: string,
  result: TranscodeResult,
  concurrency: number,
  signal: AbortSignal | undefined,
): Promise<{ masterKey: string; playlistKeys: Map<number, string>; coverKey: string | null }> {
  const prefix = hlsPrefix(songId);
  const put = async (relative: string) => {
    if (signal?.aborted) throw new JobAbortedError();
    const { contentType, cacheControl } = contentTypeOf(relative);
    await storage.put(
      `${prefix}${relative}`,
      createReadStream(path.join(result.outputDir, relative)),
      {
        contentType,
        cacheControl,
      },
    );
  };
  const media = result.renditions.flatMap((rendition) =>
    rendition.files
      .filter((file) => !file.endsWith('.m3u8'))
      .map((file) => `${rendition.name}/${file}`),
  );
  await runLimited(media, concurrency, put);
  const playlists = result.renditions.map((rendition) => `${rendition.name}/playlist.m3u8`);
  await runLimited(playlists, concurrency, put);
  await put(result.masterFile);
  if (result.cover) await put(result.cover.file);
  return {
    masterKey: `${prefix}${result.masterFile}`,
    playlistKeys: new Map(
      result.renditions.map((rendition) => [
        rendition.bitrateKbps,
        `${prefix}${rendition.name}/playlist.m3u8`,
      ]),
    ),
    coverKey: result.cover ? `${prefix}${result.cover.file}` : null,
  };
}

/**
 * One job: `uploads/<songId>/<file>` → PROCESSING → download, probe, transcode, store under
 * `hls/<songId>/…` → READY (only once every output is stored) or FAILED with a reason. Aborting
 * `signal` (shutdown) stops it without a final call, leaving the song to be retried. The temp dir
 * is always removed. When songs did not get PROCESSING for a reason that may pass, a `retriable` job
 * (its caller can ask again: the event bus) stops there (`deferred`); otherwise (a push, already
 * acknowledged) it goes on, songs learning the outcome from the final report.
 */
export async function processUpload(
  event: ObjectFinalizedEvent,
  deps: UploadJobDeps,
  signal?: AbortSignal,
  { retriable = false }: { retriable?: boolean } = {},
): Promise<JobOutcome> {
  const parsed = parseUploadKey(event.key);
  if (!parsed) return { status: 'ignored', key: event.key };
  const { songId } = parsed;
  const jobId = randomUUID();
  const log = deps.logger.child({ songId, jobId, uploadKey: event.key });
  const started = performance.now();
  const timings: JobTimings = {
    webhookProcessingMs: 0,
    downloadMs: 0,
    probeMs: 0,
    transcodeMs: 0,
    uploadMs: 0,
    webhookResultMs: 0,
    totalMs: 0,
  };
  const timed = async <T>(step: keyof JobTimings, work: () => Promise<T>): Promise<T> => {
    const stepStarted = performance.now();
    try {
      return await work();
    } finally {
      timings[step] += performance.now() - stepStarted;
    }
  };
  const base = { songId, uploadKey: event.key, jobId };
  const now = () => new Date().toISOString();

  log.info({ size: event.size, contentType: event.contentType }, 'job started');
  const processing = await timed('webhookProcessingMs', () =>
    deps.webhook.send({ ...base, outcome: 'PROCESSING', occurredAt: now() }, signal),
  );
  if (!processing.delivered && !processing.retryable) {
    log.warn(
      { status: processing.status },
      'songs refused the job (unknown song or another upload); skipping it',
    );
    timings.totalMs = performance.now() - started;
    return { status: 'refused', ...base, httpStatus: processing.status, timings };
  }
  if (!processing.delivered && retriable) {
    log.warn(
      { status: processing.status, error: processing.error },
      'songs did not get PROCESSING; not transcoding, the event will be redelivered',
    );
    timings.totalMs = performance.now() - started;
    return { status: 'deferred', ...base, httpStatus: processing.status, timings };
  }

  const workDir = await mkdtemp(path.join(deps.tempDir ?? os.tmpdir(), `hls-${songId}-`));
  try {
    let outcome: JobOutcome;
    try {
      const inputFile = path.join(workDir, 'input');
      await timed('downloadMs', async () => {
        const source = await deps.storage.get(event.key);
        await pipeline(source, createWriteStream(inputFile), ...(signal ? [{ signal }] : []));
      });
      const probed = await timed('probeMs', () =>
        probeAudio(deps.tools, inputFile, {
          maxDurationSeconds: deps.transcode.maxDurationSeconds,
          signal,
        }),
      );
      const outputDir = path.join(workDir, 'out');
      await mkdir(outputDir);
      const result = await timed('transcodeMs', () =>
        transcodeToHls(deps.tools, inputFile, probed, outputDir, { ...deps.transcode, signal }),
      );
      const keys = await timed('uploadMs', () =>
        storeOutputs(deps.storage, songId, result, deps.uploadConcurrency ?? 8, signal),
      );
      const payload: Extract<HlsWorkerWebhook, { outcome: 'READY' }> = {
        ...base,
        outcome: 'READY',
        occurredAt: now(),
        result: {
          durationMs: Math.max(1, result.durationMs),
          loudnessLufs: result.loudness.integratedLufs,
          truePeakDbtp: result.loudness.truePeakDbtp,
          waveform: result.waveform,
          masterKey: keys.masterKey,
          renditions: result.renditions.map((rendition) => ({
            bitrateKbps: rendition.bitrateKbps,
            codec: rendition.codec,
            playlistKey: keys.playlistKeys.get(rendition.bitrateKbps) as string,
          })),
          coverKey: keys.coverKey,
        },
      };
      const delivery = await timed('webhookResultMs', () => deps.webhook.send(payload, signal));
      log.info(
        {
          durationMs: payload.result.durationMs,
          loudnessLufs: payload.result.loudnessLufs,
          delivered: delivery.delivered,
          decodeErrors: result.decodeErrors,
          ffmpegCpuSeconds: result.timings.ffmpegCpuSeconds,
          transcodeMs: Math.round(result.timings.transcodeMs),
        },
        'job ready',
      );
      outcome = {
        status: 'ready',
        ...base,
        payload,
        delivered: delivery.delivered,
        webhookRetryable: !delivery.delivered && delivery.retryable,
        timings,
        ffmpegCpuSeconds: result.timings.ffmpegCpuSeconds,
      };
    } catch (error) {
      if (error instanceof JobAbortedError || signal?.aborted)
        throw new JobAbortedError(`job ${jobId} for ${event.key} aborted`);
      const failure =
        error instanceof MediaFailure
          ? error
          : new MediaFailure('INTERNAL', FAILURE_REASONS.INTERNAL, String(error));
      if (failure.code === 'INTERNAL') log.error({ err: error }, 'job failed unexpectedly');
      else log.info({ code: failure.code, detail: failure.detail }, 'upload rejected');
      const payload: Extract<HlsWorkerWebhook, { outcome: 'FAILED' }> = {
        ...base,
        outcome: 'FAILED',
        occurredAt: now(),
        code: failure.code,
        reason: failure.reason,
      };
      const delivery = await timed('webhookResultMs', () => deps.webhook.send(payload, signal));
      outcome = {
        status: 'failed',
        ...base,
        code: failure.code,
        reason: failure.reason,
        payload,
        delivered: delivery.delivered,
        webhookRetryable: !delivery.delivered && delivery.retryable,
        timings,
      };
    }
    timings.totalMs = performance.now() - started;
    return outcome;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
