import { z } from 'zod';
import { eventEnvelopeSchema, type EventEnvelope } from './event-envelope';

/** An event type at one version, with the schema of its `data`. */
export interface EventDefinition<TType extends string = string, TData = unknown> {
  type: TType;
  version: number;
  /** The service that publishes it (its Pub/Sub topic is `groovy.<producer>`). */
  producer: string;
  data: z.ZodType<TData>;
}

const definitions = new Map<string, EventDefinition>();
const keyOf = (type: string, version: number) => `${type}@${version}`;

/** Registers an event type/version; producers and consumers validate against it. */
export function defineEventType<TType extends string, TData>(
  producer: string,
  type: TType,
  version: number,
  data: z.ZodType<TData>,
): EventDefinition<TType, TData> {
  const definition = { type, version, producer, data };
  definitions.set(keyOf(type, version), definition as EventDefinition);
  return definition;
}

/** The producers of the given event types (any version), for transports with a topic per producer. */
export function producersOf(types: readonly string[]): string[] {
  const producers = new Set<string>();
  for (const definition of definitions.values()) {
    if (types.includes(definition.type)) producers.add(definition.producer);
  }
  return [...producers].sort();
}

/** Thrown for a message that is not a valid event of a known type: log it and dead-letter it. */
export class InvalidEventError extends Error {
  constructor(readonly problems: string) {
    super(`invalid event: ${problems}`);
    this.name = 'InvalidEventError';
  }
}

function describe(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}

/** Validates the envelope and, for a registered type/version, its data. Throws InvalidEventError. */
export function parseEvent(raw: unknown): EventEnvelope {
  const envelope = eventEnvelopeSchema.safeParse(raw);
  if (!envelope.success) throw new InvalidEventError(describe(envelope.error));
  const definition = definitions.get(keyOf(envelope.data.type, envelope.data.version));
  if (!definition) {
    throw new InvalidEventError(
      `unknown event type ${envelope.data.type} version ${envelope.data.version}`,
    );
  }
  const data = definition.data.safeParse(envelope.data.data);
  if (!data.success) throw new InvalidEventError(`${envelope.data.type}: ${describe(data.error)}`);
  return { ...envelope.data, data: data.data };
}

/** Narrowing helper for consumers: `if (isEvent(event, UserRegistered)) event.data.displayName`. */
export function isEvent<TType extends string, TData>(
  event: EventEnvelope,
  definition: EventDefinition<TType, TData>,
): event is EventEnvelope<TType, TData> {
  return event.type === definition.type && event.version === definition.version;
}
