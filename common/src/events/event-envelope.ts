import { randomUUID } from 'node:crypto';
import { z } from 'zod';

/**
 * The one envelope every event travels in, whatever the transport. `aggregateVersion` grows by one
 * with every change of the aggregate, so a consumer can ignore an event older than what it applied.
 */
export const eventEnvelopeSchema = z.object({
  id: z.uuid(),
  type: z.string().regex(/^[A-Z][A-Z0-9_]{1,63}$/, 'expected an UPPER_SNAKE event type'),
  version: z.number().int().positive(),
  occurredAt: z.iso.datetime(),
  producer: z.string().min(1).max(64),
  aggregateId: z.string().min(1).max(128),
  aggregateVersion: z.number().int().nonnegative(),
  data: z.unknown(),
});

export type EventEnvelope<TType extends string = string, TData = unknown> = Omit<
  z.infer<typeof eventEnvelopeSchema>,
  'type' | 'data'
> & { type: TType; data: TData };

export interface NewEvent<TType extends string, TData> {
  type: TType;
  version: number;
  producer: string;
  aggregateId: string;
  aggregateVersion: number;
  data: TData;
  occurredAt?: Date;
}

/** Stamps a new event with its id and time. */
export function createEvent<TType extends string, TData>(
  event: NewEvent<TType, TData>,
): EventEnvelope<TType, TData> {
  return {
    id: randomUUID(),
    type: event.type,
    version: event.version,
    occurredAt: (event.occurredAt ?? new Date()).toISOString(),
    producer: event.producer,
    aggregateId: event.aggregateId,
    aggregateVersion: event.aggregateVersion,
    data: event.data,
  };
}
