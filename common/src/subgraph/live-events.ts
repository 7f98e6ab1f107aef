import { Repeater } from '@graphql-yoga/subscription';
import type { PubSub } from 'type-graphql';
import { SubscriberTooSlowError } from '../errors/domain-errors';
import type { EventEnvelope } from '../events/event-envelope';

/** Events one live subscription may have waiting for its client before it is ended. */
export const DEFAULT_LIVE_BUFFER_SIZE = 1_000;

/**
 * What a subgraph's GraphQL subscriptions listen to. Every event of the description's
 * `liveEventTypes` that reaches this instance (through the event bus, from whichever instance or
 * service published it) is published on `pubSub` with the event type as topic and the validated
 * `EventEnvelope` as payload. Pass `pubSub` to `buildFederatedSchema` and subscribe with
 * `@Subscription(() => Comment, { topics: 'COMMENT_CREATED', filter: ({ payload, args }) => … })`,
 * mapping `@Root() event: EventEnvelope` to the field's type.
 *
 * Each subscription buffers at most `bufferSize` events its client has not taken yet; one more
 * ends that subscription (only it) with SUBSCRIBER_TOO_SLOW (`extensions.retryable: true`),
 * so a stalled client costs bounded memory and never takes the process down.
 */
export interface LiveEvents {
  /** type-graphql's PubSub: `publish(topic, payload)`, `subscribe(topic)` → a bounded stream. */
  readonly pubSub: PubSub;
}

/** The live events of one instance, and the entry its bus subscriber feeds. */
export class InstanceLiveEvents implements LiveEvents {
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();
  readonly pubSub: PubSub;

  constructor(private readonly bufferSize = DEFAULT_LIVE_BUFFER_SIZE) {
    this.pubSub = {
      publish: (topic: string, payload: unknown) => this.publish(topic, payload),
      subscribe: (topic: string) => this.subscribe(topic),
    };
  }

  /** Hands `event` to this instance's subscribers of its type (none listening: nothing happens). */
  deliver(event: EventEnvelope): void {
    this.publish(event.type, event);
  }

  /** Subscriptions listening now on `topic`. */
  subscribers(topic: string): number {
    return this.listeners.get(topic)?.size ?? 0;
  }

  private publish(topic: string, payload: unknown): void {
    for (const listener of [...(this.listeners.get(topic) ?? [])]) listener(payload);
  }

  /**
   * A Repeater per subscription (as `@graphql-yoga/subscription`'s createPubSub), but bounded: it
   * counts the values its client has not taken yet, and one more than `bufferSize` stops it with
   * SubscriberTooSlowError (the values already buffered are delivered first, then the error).
   * An unbounded one would throw RepeaterOverflowError from the publisher at 1,025 and crash.
   */
  private subscribe(topic: string): AsyncIterableIterator<unknown> {
    const { bufferSize } = this;
    return new Repeater<unknown>(async (push, stop) => {
      let waiting = 0;
      const listener = (payload: unknown) => {
        if (waiting >= bufferSize) {
          stop(new SubscriberTooSlowError(bufferSize));
          return;
        }
        waiting += 1;
        push(payload).then(
          () => (waiting -= 1),
          () => (waiting -= 1),
        );
      };
      const listeners = this.listeners.get(topic) ?? new Set();
      this.listeners.set(topic, listeners);
      listeners.add(listener);
      await stop;
      listeners.delete(listener);
      if (listeners.size === 0 && this.listeners.get(topic) === listeners) {
        this.listeners.delete(topic);
      }
    });
  }
}
