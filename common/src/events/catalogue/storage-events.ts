import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { ObjectFinalizedEvent } from '../../storage/storage';
import { defineEventType } from '../event-catalogue';
import { createEvent, type EventEnvelope } from '../event-envelope';

/**
 * storage: an object was completely written, so it can be read whole (the embedded counterpart of
 * Cloud Storage's OBJECT_FINALIZE notification, which reaches the HLS worker through its own Pub/Sub
 * push subscription and is not in this envelope). Recorded by the process serving the local storage
 * adapter (songs) in its outbox and relayed to the bus; the HLS worker consumes it.
 * `aggregateId` is the object key (hashed when longer than an aggregate id may be) and
 * `aggregateVersion` the object's generation, so a late copy of an older write is stale.
 */
export const ObjectFinalized = defineEventType(
  'storage',
  'OBJECT_FINALIZED',
  1,
  z.object({
    bucket: z.string().min(1),
    key: z.string().min(1).max(1024),
    size: z.number().int().nonnegative(),
    contentType: z.string().min(1),
    /** Decimal digits, µs-scale (GCS generation, or the local adapter's per-key increasing µs); null when unknown. */
    generation: z
      .string()
      .regex(/^\d{1,20}$/)
      .nullable(),
    finalizedAt: z.iso.datetime(),
  }),
);

export type ObjectFinalizedData = z.infer<typeof ObjectFinalized.data>;

const MAX_AGGREGATE_ID = 128;

/** The aggregate id of an object key: the key itself, or `sha256:<hex>` of a key too long for one. */
export function objectAggregateId(key: string): string {
  return key.length <= MAX_AGGREGATE_ID
    ? key
    : `sha256:${createHash('sha256').update(key).digest('hex')}`;
}

/**
 * OBJECT_FINALIZED for a finalised object, versioned by its generation (µs), else by its
 * finalisation time in µs too, so versions of one key compare in one unit.
 */
export function objectFinalizedEvent(
  object: ObjectFinalizedEvent,
): EventEnvelope<'OBJECT_FINALIZED', ObjectFinalizedData> {
  const generation =
    object.generation && /^\d{1,20}$/.test(object.generation) ? object.generation : null;
  const asNumber = generation === null ? NaN : Number(generation);
  return createEvent({
    type: ObjectFinalized.type,
    version: ObjectFinalized.version,
    producer: ObjectFinalized.producer,
    aggregateId: objectAggregateId(object.key),
    aggregateVersion: Number.isSafeInteger(asNumber)
      ? asNumber
      : Math.max(0, object.finalizedAt.getTime() * 1000),
    data: {
      bucket: object.bucket,
      key: object.key,
      size: object.size,
      contentType: object.contentType,
      generation,
      finalizedAt: object.finalizedAt.toISOString(),
    },
  });
}

/** The object an OBJECT_FINALIZED event describes, as the storage adapters report it. */
export function finalizedObjectOf(
  event: EventEnvelope<'OBJECT_FINALIZED', ObjectFinalizedData>,
): ObjectFinalizedEvent {
  const { bucket, key, size, contentType, generation, finalizedAt } = event.data;
  return {
    bucket,
    key,
    size,
    contentType,
    finalizedAt: new Date(finalizedAt),
    ...(generation ? { generation } : {}),
  };
}
