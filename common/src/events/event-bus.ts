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
  /**
   * A per-instance, non-durable subscriber (for live updates such as GraphQL subscriptions): every
   * instance that subscribes hears every event of `types` published from the moment `subscribe`
   * resolves (no replay of history), instead of one instance of `consumer` handling each event.
   * It keeps no position that outlives the process, and removes what it created on `stop()`
   * (embedded: an in-memory position, no lease; Pub/Sub: a subscription per instance, deleted on
   * stop and expiring by itself after a crash). Events are not dead-lettered: a live handler should
   * not fail; one that does is logged and its event dropped after `maxAttempts`.
   */
  live?: boolean;
}

export interface Subscription {
  stop(): Promise<void>;
}
