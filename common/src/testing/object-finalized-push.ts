import { randomUUID } from 'node:crypto';
import { OBJECT_FINALIZE, type ObjectFinalizedPush } from '../storage/finalized-push';
import type { ObjectFinalizedEvent } from '../storage/storage';

/** For tests: the push body Cloud Storage → Pub/Sub → push subscription would deliver for `event`. */
export function toObjectFinalizedPush(
  event: ObjectFinalizedEvent,
  options: { subscription?: string; messageId?: string; publishTime?: Date } = {},
): ObjectFinalizedPush {
  const time = event.finalizedAt.toISOString();
  const resource = {
    kind: 'storage#object',
    id: `${event.bucket}/${event.key}/${event.finalizedAt.getTime()}`,
    name: event.key,
    bucket: event.bucket,
    generation: String(event.finalizedAt.getTime()),
    contentType: event.contentType,
    size: String(event.size),
    timeCreated: time,
    updated: time,
    timeFinalized: time,
  };
  return {
    message: {
      data: Buffer.from(JSON.stringify(resource), 'utf8').toString('base64'),
      attributes: {
        notificationConfig: `projects/_/buckets/${event.bucket}/notificationConfigs/local`,
        eventType: OBJECT_FINALIZE,
        payloadFormat: 'JSON_API_V1',
        bucketId: event.bucket,
        objectId: event.key,
        objectGeneration: resource.generation,
        eventTime: time,
      },
      messageId: options.messageId ?? randomUUID(),
      publishTime: (options.publishTime ?? new Date()).toISOString(),
    },
    subscription: options.subscription ?? 'projects/local/subscriptions/storage-object-finalized',
  };
}
