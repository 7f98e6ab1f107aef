import type { Logger } from '@groovy/common/logging';
import {
  hlsWorkerWebhookSchema,
  signWebhookBody,
  WEBHOOK_SIGNATURE_HEADER,
  WEBHOOK_TIMESTAMP_HEADER,
  type HlsWorkerWebhook,
} from '@groovy/common/media';
import { JobAbortedError } from '../media/media-failure';

export interface SongsWebhookOptions {
  url: string;
  secret: string;
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** First retry waits about this long; each next one twice as long (with jitter), up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Per attempt. */
  timeoutMs: number;
  logger: Logger;
  /** For tests: a random source in [0, 1). */
  random?: () => number;
}

export type WebhookDelivery =
  | { delivered: true; status: number; attempts: number }
  | {
      delivered: false;
      status: number | null;
      attempts: number;
      retryable: boolean;
      error: string;
    };

export interface SongsWebhookClient {
  /** Validates, signs and POSTs `payload`, retrying network errors, 429 and 5xx; never throws on HTTP failure. */
  send(payload: HlsWorkerWebhook, signal?: AbortSignal): Promise<WebhookDelivery>;
}

/** Exponential backoff with "equal jitter": half the step fixed, half random, so waits still grow. */
export function retryDelayMs(
  attempt: number,
  baseDelayMs: number,
  maxDelayMs: number,
  random: () => number,
): number {
  const step = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
  return Math.round(step / 2 + random() * (step / 2));
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new JobAbortedError());
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new JobAbortedError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The worker → songs webhook (`SONGS_WEBHOOK_URL`), HMAC-signed as common's contract says. */
export function createSongsWebhookClient(options: SongsWebhookOptions): SongsWebhookClient {
  const {
    url,
    secret,
    maxAttempts,
    baseDelayMs,
    maxDelayMs,
    timeoutMs,
    logger,
    random = Math.random,
  } = options;
  return {
    async send(payload, signal) {
      const body = JSON.stringify(hlsWorkerWebhookSchema.parse(payload));
      const log = logger.child({
        songId: payload.songId,
        jobId: payload.jobId,
        outcome: payload.outcome,
      });
      let lastStatus: number | null = null;
      let lastError = '';
      for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
        if (signal?.aborted) throw new JobAbortedError();
        const timestamp = Math.floor(Date.now() / 1000);
        try {
          const response = await fetch(url, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              [WEBHOOK_SIGNATURE_HEADER]: signWebhookBody(secret, timestamp, body),
              [WEBHOOK_TIMESTAMP_HEADER]: String(timestamp),
            },
            body,
            signal: signal
              ? AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)])
              : AbortSignal.timeout(timeoutMs),
          });
          const text = await response.text().catch(() => '');
          if (response.ok) {
            log.info({ status: response.status, attempts: attempt }, 'songs webhook delivered');
            return { delivered: true, status: response.status, attempts: attempt };
          }
          lastStatus = response.status;
          lastError = `HTTP ${response.status}: ${text.slice(0, 300)}`;
          const retryable = response.status >= 500 || response.status === 429;
          if (!retryable) {
            log.warn(
              { status: response.status, body: text.slice(0, 300) },
              'songs webhook refused the call; not retrying',
            );
            return {
              delivered: false,
              status: response.status,
              attempts: attempt,
              retryable: false,
              error: lastError,
            };
          }
        } catch (error) {
          if (signal?.aborted) throw new JobAbortedError();
          lastStatus = null;
          lastError = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        }
        if (attempt < maxAttempts) {
          const delayMs = retryDelayMs(attempt, baseDelayMs, maxDelayMs, random);
          log.warn(
            { attempt, status: lastStatus, error: lastError, retryInMs: delayMs },
            'songs webhook failed; retrying',
          );
          await sleep(delayMs, signal);
        }
      }
      log.error(
        { attempts: maxAttempts, status: lastStatus, error: lastError },
        'songs webhook failed; giving up',
      );
      return {
        delivered: false,
        status: lastStatus,
        attempts: maxAttempts,
        retryable: true,
        error: lastError,
      };
    },
  };
}
