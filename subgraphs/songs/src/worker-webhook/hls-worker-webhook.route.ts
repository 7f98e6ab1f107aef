import {
  hlsWorkerWebhookSchema,
  verifyWebhookSignature,
  WEBHOOK_SIGNATURE_HEADER,
  WEBHOOK_TIMESTAMP_HEADER,
} from '@groovy/common/media';
import express, { type Express } from 'express';
import type { Logger } from 'pino';
import type { SongProcessingService } from './song-processing.service';

export const HLS_WORKER_WEBHOOK_PATH = '/webhooks/hls-worker';

export interface WebhookOptions {
  secret: string;
  toleranceSeconds: number;
}

/**
 * `POST /webhooks/hls-worker`: the HLS worker's reports. The body is read raw (the signature is over
 * the exact bytes), then: 401 bad/missing signature or a timestamp outside the replay window;
 * 400 not JSON or not the contract's shape (with zod's issues); 404 unknown song; 409 another
 * upload than the song's; 200 otherwise — `applied: false` for duplicates and out-of-date calls.
 */
export function mountHlsWorkerWebhookRoute(
  app: Express,
  service: SongProcessingService,
  options: WebhookOptions,
  logger: Logger,
): void {
  app.post(
    HLS_WORKER_WEBHOOK_PATH,
    express.raw({ type: () => true, limit: '2mb' }),
    async (req, res, next) => {
      try {
        const rawBody = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
        const verified = verifyWebhookSignature({
          secret: options.secret,
          rawBody,
          signature: req.header(WEBHOOK_SIGNATURE_HEADER),
          timestamp: req.header(WEBHOOK_TIMESTAMP_HEADER),
          toleranceSeconds: options.toleranceSeconds,
        });
        if (!verified.ok) {
          logger.warn({ reason: verified.reason }, 'refused an unauthenticated HLS worker call');
          res.status(401).json({ error: verified.reason });
          return;
        }
        let json: unknown;
        try {
          json = JSON.parse(rawBody);
        } catch {
          res.status(400).json({ error: 'body is not JSON' });
          return;
        }
        const parsed = hlsWorkerWebhookSchema.safeParse(json);
        if (!parsed.success) {
          res.status(400).json({
            error: 'body does not match the HLS worker webhook contract',
            issues: parsed.error.issues.map((issue) => ({
              path: issue.path.join('.'),
              message: issue.message,
            })),
          });
          return;
        }
        const result = await service.applyWorkerEvent(parsed.data);
        switch (result.kind) {
          case 'applied':
            res.json({ applied: true, status: result.status });
            return;
          case 'duplicate':
            res.json({ applied: false, duplicate: true, status: result.status });
            return;
          case 'outdated':
            res.json({ applied: false, status: result.status, reason: result.reason });
            return;
          case 'not-found':
            res.status(404).json({ error: `no song ${parsed.data.songId}` });
            return;
          case 'conflict':
            res.status(409).json({ error: result.reason });
            return;
          case 'invalid':
            res.status(400).json({ error: result.reason });
            return;
        }
      } catch (error) {
        next(error);
      }
    },
  );
}
