import type { EventEnvelope } from './event-envelope';

/**
 * Publishes events and delivers them to consumers, at least once, in order per aggregate.
 * Two transports implement it: Google Cloud Pub/Sub and an embedded, Mongo-backed log.
 */
export interface EventBus {
  readonly kind: 'embedded' | 'pubsub';
  /** Validates and publishes; resolves once the transport has them durably. */
  publish(events: readonly EventEnvelope[]): Promise<void>;
  /** Starts delivering events of `types` to `handler` as consumer `consumer` (one checkpoint per consumer). */
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  close(): Promise<void>;
}

export interface SubscribeOptions {
  /** The consuming service (e.g. `query`); each consumer gets every event once, wherever it runs. */
  consumer: string;
  /** Event types to deliver; others are skipped. */
  types: readonly string[];
  /** Resolves when the event is applied; throwing means "not acknowledged": it is redelivered. */
  handler(event: EventEnvelope): Promise<void>;
  /** Deliveries before a failing event is dead-lettered (default 5). */
  maxAttempts?: number;
  /**
   * Events handled at once by this subscriber (default 1: strictly one after another). Events of one
   * aggregate are still handled one at a time, in order; only different aggregates overlap.
   */
  concurrency?: number;
}

export interface Subscription {
  stop(): Promise<void>;
}
