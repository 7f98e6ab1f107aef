import { z } from 'zod';
import type { ObjectFinalizedEvent } from './storage';

/**
 * Cloud Storage's Pub/Sub notifications as a push subscription delivers them (what the HLS worker's
 * `POST /pubsub/object-finalized` takes; the local adapter announces uploads on the event bus instead).
 * https://cloud.google.com/storage/docs/pubsub-notifications
 */
export interface ObjectFinalizedPush {
  message: {
    data: string;
    attributes: Record<string, string>;
    messageId: string;
    publishTime: string;
  };
  subscription: string;
}

/** Thrown by {@link parseObjectFinalizedPush}; `message` says what was wrong. */
export class InvalidObjectFinalizedPushError extends Error {
  constructor(
    message: string,
    /** True when the push is well formed but reports another event (e.g. OBJECT_DELETE): ack it and move on. */
    readonly otherEvent = false,
  ) {
    super(message);
    this.name = 'InvalidObjectFinalizedPushError';
  }
}

export const OBJECT_FINALIZE = 'OBJECT_FINALIZE';

const pushSchema = z.object({
  message: z.object({
    data: z
      .string({ error: 'message.data must be a base64 string' })
      .min(1, 'message.data must not be empty'),
    attributes: z.record(z.string(), z.string()).optional(),
    messageId: z.string().optional(),
    message_id: z.string().optional(),
    publishTime: z.string().optional(),
  }),
  subscription: z.string().optional(),
});

const sizeSchema = z.union([
  z.string().regex(/^\d+$/, 'size must be a whole number'),
  z.number().int().nonnegative(),
]);
const timeSchema = z
  .string()
  .refine((value) => !Number.isNaN(Date.parse(value)), 'expected an RFC 3339 time');

/** The parts of the JSON_API_V1 object resource (`storage#object`) we read. */
const objectResourceSchema = z.object({
  bucket: z.string().min(1),
  name: z.string().min(1),
  size: sizeSchema,
  contentType: z.string().optional(),
  generation: z
    .union([
      z.string().regex(/^\d{1,20}$/, 'generation must be a whole number'),
      z.number().int().nonnegative(),
    ])
    .optional(),
  timeFinalized: timeSchema.optional(),
  updated: timeSchema.optional(),
  timeCreated: timeSchema.optional(),
});

function describe(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`)
    .join('; ');
}

/**
 * Parses a Pub/Sub push body (an object, or its JSON text) carrying a Cloud Storage
 * OBJECT_FINALIZE notification. Throws InvalidObjectFinalizedPushError naming the problem.
 */
export function parseObjectFinalizedPush(body: unknown): ObjectFinalizedEvent {
  let value = body;
  if (typeof value === 'string' || Buffer.isBuffer(value)) {
    try {
      value = JSON.parse(value.toString());
    } catch {
      throw new InvalidObjectFinalizedPushError('push body is not JSON');
    }
  }
  const push = pushSchema.safeParse(value);
  if (!push.success)
    throw new InvalidObjectFinalizedPushError(
      `not a Pub/Sub push message: ${describe(push.error)}`,
    );
  const { data, attributes = {}, publishTime } = push.data.message;
  const eventType = attributes.eventType;
  if (eventType !== undefined && eventType !== OBJECT_FINALIZE) {
    throw new InvalidObjectFinalizedPushError(
      `not an ${OBJECT_FINALIZE} notification (eventType ${eventType})`,
      true,
    );
  }
  if (attributes.payloadFormat !== undefined && attributes.payloadFormat !== 'JSON_API_V1') {
    throw new InvalidObjectFinalizedPushError(
      `payloadFormat ${attributes.payloadFormat} carries no object resource; configure the notification with JSON_API_V1`,
    );
  }
  let resource: unknown;
  try {
    resource = JSON.parse(Buffer.from(data, 'base64').toString('utf8'));
  } catch {
    throw new InvalidObjectFinalizedPushError('message.data is not base64-encoded JSON');
  }
  const object = objectResourceSchema.safeParse(resource);
  if (!object.success) {
    throw new InvalidObjectFinalizedPushError(
      `message.data is not a Cloud Storage object resource: ${describe(object.error)}`,
    );
  }
  const { bucket, name, size, contentType, generation, timeFinalized, updated, timeCreated } =
    object.data;
  // The object's generation tells a redelivery (same generation) from a re-upload (a newer one).
  const objectGeneration = generation ?? attributes.objectGeneration;
  const time = timeFinalized ?? updated ?? timeCreated ?? attributes.eventTime ?? publishTime;
  return {
    bucket,
    key: name,
    size: Number(size),
    contentType: contentType ?? 'application/octet-stream',
    finalizedAt: time ? new Date(time) : new Date(),
    ...(objectGeneration !== undefined && /^\d{1,20}$/.test(String(objectGeneration))
      ? { generation: String(objectGeneration) }
      : {}),
  };
}
