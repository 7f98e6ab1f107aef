import type { Logger } from '@groovy/common/logging';
import { InvalidObjectFinalizedPushError, parseObjectFinalizedPush } from '@groovy/common/storage';
import express, { type Express } from 'express';
import type { UploadJobQueue } from '../job/job-queue';
import type { ProcessedUploads } from '../job/processed-uploads';
import { parseUploadKey } from '../job/upload-key';
import type { PushAuthenticator } from './push-authentication';

export const OBJECT_FINALIZED_PATH = '/pubsub/object-finalized';

/**
 * `POST /pubsub/object-finalized`: Cloud Storage → Pub/Sub **push** deliveries (production, with
 * STORAGE_DRIVER=gcs; local storage announces uploads on the event bus instead). 400 for a body that is not such a message (Pub/Sub will keep
 * redelivering it, which is visible); 204 for other events and keys outside `uploads/<songId>/<file>`;
 * 503 when the queue is full or the worker is stopping (Pub/Sub redelivers later); 202 once queued.
 * Before anything else the push is authenticated (401 and no work otherwise: an OIDC token of our
 * push subscription in production, a shared token on the dev path); an upload whose generation was
 * already processed answers 200 and is not transcoded again.
 */
export function mountObjectFinalizedRoute(
  app: Express,
  queue: UploadJobQueue,
  logger: Logger,
  { authenticator, processed }: { authenticator: PushAuthenticator; processed: ProcessedUploads },
): void {
  app.post(
    OBJECT_FINALIZED_PATH,
    (req, res, next) => {
      authenticator.authenticate(req).then((result) => {
        if (result.ok) return next();
        logger.warn(
          { reason: result.reason, auth: authenticator.kind },
          'unauthenticated object-finalized push refused',
        );
        res.setHeader('www-authenticate', authenticator.kind === 'oidc' ? 'Bearer' : 'Token');
        res.status(401).json({
          error: 'this endpoint only takes pushes from the storage notification subscription',
        });
      }, next);
    },
    // Read as text: parseObjectFinalizedPush parses the JSON itself and says what is wrong with it.
    express.text({ limit: '256kb', type: () => true }),
    async (req, res) => {
      let event;
      try {
        event = parseObjectFinalizedPush(typeof req.body === 'string' ? req.body : '');
      } catch (error) {
        if (error instanceof InvalidObjectFinalizedPushError) {
          if (error.otherEvent) {
            res.status(204).end();
            return;
          }
          logger.warn({ error: error.message }, 'bad object-finalized push');
          res.status(400).json({ error: error.message });
          return;
        }
        throw error;
      }
      if (!parseUploadKey(event.key)) {
        res.status(204).end();
        return;
      }
      if (await processed.isProcessed(event)) {
        logger.info(
          { key: event.key, generation: event.generation },
          'upload already processed; push acknowledged, not transcoded again',
        );
        res.status(200).json({ accepted: false, key: event.key, alreadyProcessed: true });
        return;
      }
      const queued = queue.enqueue(event);
      if (queued === 'full' || queued === 'stopping') {
        res.status(503).json({
          error:
            queued === 'full' ? 'the job queue is full; retry later' : 'the worker is stopping',
        });
        return;
      }
      logger.info({ key: event.key, bucket: event.bucket, queued }, 'upload job accepted');
      res.status(202).json({ accepted: true, key: event.key, duplicate: queued === 'duplicate' });
    },
  );
}
