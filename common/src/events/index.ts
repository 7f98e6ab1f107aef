export * from './catalogue';
export { createEventBus } from './create-event-bus';
export {
  EmbeddedEventBus,
  type DeadLetter,
  type EmbeddedEventBusOptions,
} from './embedded/embedded-event-bus';
export type { EventBus, SubscribeOptions, Subscription } from './event-bus';
export { eventBusEnvironmentShape, type EventBusEnvironment } from './event-bus-environment';
export {
  defineEventType,
  InvalidEventError,
  isEvent,
  parseEvent,
  producersOf,
  type EventDefinition,
} from './event-catalogue';
export {
  createEvent,
  eventEnvelopeSchema,
  type EventEnvelope,
  type NewEvent,
} from './event-envelope';
export { appendToOutbox, OUTBOX_FIELD, OutboxRelay, type OutboxSource } from './outbox/outbox';
export { ProcessedEvents, type ApplyOutcome } from './processed-events';
export {
  PubSubEventBus,
  type PubSubClient,
  type PubSubEventBusOptions,
  type PubSubMessage,
  type PubSubSubscription,
  type PubSubTopic,
} from './pubsub/pubsub-event-bus';
export {
  ConcurrentWriteError,
  DEFAULT_MAX_WRITE_ATTEMPTS,
  insertWithEvents,
  NO_OUTBOX_NOTIFIER,
  writeWithEvents,
  type AggregateChange,
  type AggregateVersionField,
  type Declined,
  type OutboxNotifier,
  type WriteOutcome,
  type WriteWithEventsOptions,
} from './outbox/write-with-events';
