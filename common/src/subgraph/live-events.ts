import { createPubSub } from '@graphql-yoga/subscription';
import type { PubSub } from 'type-graphql';
import type { EventEnvelope } from '../events/event-envelope';

/**
 * What a subgraph's GraphQL subscriptions listen to. Every event of the description's
 * `liveEventTypes` that reaches this instance (through the event bus, from whichever instance or
 * service published it) is published on `pubSub` with the event type as topic and the validated
 * `EventEnvelope` as payload. Pass `pubSub` to `buildFederatedSchema` and subscribe with
 * `@Subscription(() => Comment, { topics: 'COMMENT_CREATED', filter: ({ payload, args }) => … })`,
 * mapping `@Root() event: EventEnvelope` to the field's type.
 */
export interface LiveEvents {
  /** type-graphql's PubSub (`@graphql-yoga/subscription`'s `createPubSub`, as type-graphql 2 documents). */
  readonly pubSub: PubSub;
}

/** The live events of one instance, and the entry its bus subscriber feeds. */
export class InstanceLiveEvents implements LiveEvents {
  private readonly yogaPubSub = createPubSub<Record<string, [EventEnvelope]>>();
  readonly pubSub: PubSub = this.yogaPubSub as unknown as PubSub;

  /** Hands `event` to this instance's subscribers of its type (none listening: nothing happens). */
  deliver(event: EventEnvelope): void {
    this.yogaPubSub.publish(event.type, event);
  }
}
