import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * The HLS worker → songs subgraph webhook. The worker POSTs one of these after each job state
 * change; songs verifies the signature, ignores duplicates and out-of-date calls, and moves the
 * song PROCESSING → READY or FAILED. Signed as `v1=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>`
 * in `x-groovy-signature`, with `x-groovy-timestamp` (unix seconds) checked against a replay window.
 */
export const WEBHOOK_SIGNATURE_HEADER = 'x-groovy-signature';
export const WEBHOOK_TIMESTAMP_HEADER = 'x-groovy-timestamp';

const rendition = z.object({
  bitrateKbps: z.number().int().positive(),
  /** RFC 6381 codec string, e.g. `mp4a.40.2` for AAC-LC. */
  codec: z.string().min(1),
  /** Storage key of the rendition's media playlist, e.g. `hls/<songId>/128k/playlist.m3u8`. */
  playlistKey: z.string().min(1),
});

const common = {
  songId: z.string().min(1),
  /** Storage key of the original upload this job processed. */
  uploadKey: z.string().min(1),
  /** Unique per job run; a retry of the same upload gets a new one. */
  jobId: z.string().min(1),
  /** When the worker reached this state: songs ignores calls older than what it already applied. */
  occurredAt: z.iso.datetime(),
};

export const hlsWorkerWebhookSchema = z.discriminatedUnion('outcome', [
  z.object({ ...common, outcome: z.literal('PROCESSING') }),
  z.object({
    ...common,
    outcome: z.literal('READY'),
    result: z.object({
      durationMs: z.number().int().positive(),
      /** Integrated loudness, EBU R128 / ITU-R BS.1770. */
      loudnessLufs: z.number(),
      truePeakDbtp: z.number().nullable(),
      /** Peak values in 0..1, about 1,000 of them. */
      waveform: z.array(z.number().min(0).max(1)).min(1).max(10_000),
      /** Storage key of the HLS master playlist. */
      masterKey: z.string().min(1),
      renditions: z.array(rendition).min(1),
      /** Storage key of the embedded cover art, when the file had one. */
      coverKey: z.string().min(1).nullable(),
    }),
  }),
  z.object({
    ...common,
    outcome: z.literal('FAILED'),
    /** Why, in words a listener or artist can act on ("This file is not audio"). */
    reason: z.string().min(1).max(500),
    code: z.enum(['NOT_AUDIO', 'CORRUPT', 'TOO_LONG', 'EMPTY', 'INTERNAL']),
  }),
]);

export type HlsWorkerWebhook = z.infer<typeof hlsWorkerWebhookSchema>;

export function signWebhookBody(secret: string, timestamp: number, rawBody: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
}

/** Checks the signature and that the timestamp is within `toleranceSeconds` of now (replay window). */
export function verifyWebhookSignature(options: {
  secret: string;
  rawBody: string;
  signature: string | undefined;
  timestamp: string | undefined;
  toleranceSeconds?: number;
  now?: number;
}): { ok: true } | { ok: false; reason: string } {
  const { secret, rawBody, signature, timestamp, toleranceSeconds = 300 } = options;
  if (!signature || !timestamp || !/^\d{1,12}$/.test(timestamp)) {
    return { ok: false, reason: 'missing signature or timestamp' };
  }
  const nowSeconds = Math.floor((options.now ?? Date.now()) / 1000);
  if (Math.abs(nowSeconds - Number(timestamp)) > toleranceSeconds) {
    return { ok: false, reason: 'timestamp outside the replay window' };
  }
  const expected = Buffer.from(signWebhookBody(secret, Number(timestamp), rawBody));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false, reason: 'signature does not match' };
  }
  return { ok: true };
}
