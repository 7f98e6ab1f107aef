import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { InvalidEventError, parseEvent, producersOf } from '../event-catalogue';
import type { EventEnvelope } from '../event-envelope';
import type { EventBus, SubscribeOptions, Subscription } from '../event-bus';

/** The slice of `@google-cloud/pubsub`'s PubSub this transport uses (so tests can stub it). */
export interface PubSubClient {
  topic(name: string, options?: { messageOrdering?: boolean }): PubSubTopic;
  subscription(
    name: string,
    options?: { flowControl?: { maxMessages?: number; allowExcessMessages?: boolean } },
  ): PubSubSubscription;
  close(): Promise<void>;
}

export interface PubSubTopic {
  get(options: { autoCreate: boolean }): Promise<unknown>;
  publishMessage(message: {
    data: Buffer;
    orderingKey?: string;
    attributes?: Record<string, string>;
  }): Promise<string>;
  createSubscription(
    name: string,
    options: {
      enableMessageOrdering: boolean;
      deadLetterPolicy?: { deadLetterTopic: string; maxDeliveryAttempts: number };
      retryPolicy?: { minimumBackoff: { seconds: number }; maximumBackoff: { seconds: number } };
      ackDeadlineSeconds?: number;
      /** A subscription nobody pulls from for this long is deleted by Pub/Sub (live subscribers). */
      expirationPolicy?: { ttl: { seconds: number } };
      messageRetentionDuration?: { seconds: number };
    },
  ): Promise<unknown>;
  readonly name: string;
}

export interface PubSubMessage {
  id: string;
  data: Buffer;
  attributes: Record<string, string>;
  deliveryAttempt?: number;
  ack(): void;
  nack(): void;
}

export interface PubSubSubscription {
  on(event: 'message', listener: (message: PubSubMessage) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  exists(): Promise<[boolean]>;
  close(): Promise<void>;
  delete(): Promise<unknown>;
}

export interface PubSubEventBusOptions {
  client: PubSubClient;
  logger: Logger;
  /** Topic names are `<prefix>.<producer>`; subscriptions `<prefix>.<producer>.<consumer>`. */
  prefix?: string;
  /** Deliveries before Pub/Sub moves a message to `<prefix>.dead-letter` (5..100; default 5). */
  maxDeliveryAttempts?: number;
  /** Messages in flight per subscription (flow control). */
  maxMessagesInFlight?: number;
  /** Create topics and subscriptions that don't exist yet (dev, emulator); off when infra is provisioned. */
  createResources?: boolean;
  /**
   * Live subscribers (`subscribe({ live: true })`) get a subscription of their own, created whatever
   * `createResources` says and deleted on stop; one left behind by a crashed instance is deleted by
   * Pub/Sub after this long without a pull (seconds; Pub/Sub's minimum, and default here, is 1 day).
   */
  liveSubscriptionTtlSeconds?: number;
}

/** How long a live subscription keeps unacknowledged messages: they are only useful right away. */
const LIVE_MESSAGE_RETENTION_SECONDS = 600;

const ALREADY_EXISTS = 6;

/**
 * Google Cloud Pub/Sub transport: a topic per producing domain, a subscription per consuming service
 * with message ordering (ordering key = aggregate id), a dead-letter topic after a bounded number of
 * deliveries, flow control, and an ack only after the handler succeeded (a nack redelivers).
 * A message that is not a valid event is forwarded to the dead-letter topic and acked, so it never
 * blocks the ordered stream behind it.
 */
export class PubSubEventBus implements EventBus {
  readonly kind = 'pubsub' as const;
  private readonly prefix: string;
  private readonly ensured = new Map<string, Promise<unknown>>();
  private readonly subscriptions = new Set<PubSubSubscription>();
  /** Per-instance subscriptions of live subscribers: deleted when they stop. */
  private readonly liveSubscriptions = new Set<PubSubSubscription>();

  constructor(private readonly options: PubSubEventBusOptions) {
    this.prefix = options.prefix ?? 'groovy';
  }

  private topicName(producer: string): string {
    return `${this.prefix}.${producer}`;
  }

  private get deadLetterTopicName(): string {
    return `${this.prefix}.dead-letter`;
  }

  private topic(name: string): PubSubTopic {
    const topic = this.options.client.topic(name, { messageOrdering: true });
    if (this.options.createResources) {
      if (!this.ensured.has(name)) this.ensured.set(name, topic.get({ autoCreate: true }));
    }
    return topic;
  }

  private async ready(name: string): Promise<void> {
    await this.ensured.get(name);
  }

  async publish(events: readonly EventEnvelope[]): Promise<void> {
    for (const event of events) parseEvent(event);
    // Sequential per call: ordering keys keep each aggregate's events in order on the topic.
    for (const event of events) {
      const name = this.topicName(event.producer);
      const topic = this.topic(name);
      await this.ready(name);
      await topic.publishMessage({
        data: Buffer.from(JSON.stringify(event)),
        orderingKey: event.aggregateId,
        attributes: { type: event.type, version: String(event.version), eventId: event.id },
      });
    }
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    const producers = producersOf(options.types);
    const opened: PubSubSubscription[] = [];
    const deadLetter = this.topic(this.deadLetterTopicName);
    await this.ready(this.deadLetterTopicName);
    try {
      for (const producer of producers)
        await this.subscribeTo(producer, options, deadLetter, opened);
    } catch (error) {
      // Nothing half-open: what this call opened (and, for live ones, created) goes away with it.
      await Promise.all(
        opened.map((subscription) => this.closeSubscription(subscription).catch(() => undefined)),
      );
      throw error;
    }
    return {
      stop: async () => {
        await Promise.all(opened.map((subscription) => this.closeSubscription(subscription)));
      },
    };
  }

  /** Opens the subscription of `options.consumer` to `producer`'s topic, adding it to `opened`. */
  private async subscribeTo(
    producer: string,
    options: SubscribeOptions,
    deadLetter: PubSubTopic,
    opened: PubSubSubscription[],
  ): Promise<void> {
    const topicName = this.topicName(producer);
    const topic = this.topic(topicName);
    await this.ready(topicName);
    const live = options.live === true;
    // A live subscriber is one instance: its own subscription, so every instance hears every event.
    const name = live
      ? `${topicName}.${options.consumer}.live.${randomUUID()}`
      : `${topicName}.${options.consumer}`;
    if (live) await this.createLiveSubscription(topic, name);
    else if (this.options.createResources)
      await this.createSubscription(topic, name, deadLetter.name);
    const subscription = this.options.client.subscription(name, {
      // A subscriber that asks for a concurrency gets at most that many messages at once.
      flowControl: {
        maxMessages: options.concurrency ?? this.options.maxMessagesInFlight ?? 100,
        allowExcessMessages: false,
      },
    });
    subscription.on('message', (message) => void this.onMessage(options, message, deadLetter));
    subscription.on('error', (error) =>
      this.options.logger.error({ err: error, subscription: name }, 'Pub/Sub subscription error'),
    );
    opened.push(subscription);
    this.subscriptions.add(subscription);
    if (live) this.liveSubscriptions.add(subscription);
  }

  /** Closes a subscriber; a live one's subscription is deleted too (best effort: it also expires). */
  private async closeSubscription(subscription: PubSubSubscription): Promise<void> {
    if (!this.subscriptions.delete(subscription)) return;
    await subscription.close();
    if (this.liveSubscriptions.delete(subscription)) {
      await subscription
        .delete()
        .catch((error: unknown) =>
          this.options.logger.warn(
            { err: error },
            'could not delete a live subscription; Pub/Sub expires it',
          ),
        );
    }
  }

  private async createLiveSubscription(topic: PubSubTopic, name: string): Promise<void> {
    await topic.createSubscription(name, {
      enableMessageOrdering: true,
      expirationPolicy: { ttl: { seconds: this.options.liveSubscriptionTtlSeconds ?? 86_400 } },
      messageRetentionDuration: { seconds: LIVE_MESSAGE_RETENTION_SECONDS },
      ackDeadlineSeconds: 10,
    });
  }

  private async createSubscription(
    topic: PubSubTopic,
    name: string,
    deadLetterTopic: string,
  ): Promise<void> {
    try {
      await topic.createSubscription(name, {
        enableMessageOrdering: true,
        deadLetterPolicy: {
          deadLetterTopic,
          maxDeliveryAttempts: this.options.maxDeliveryAttempts ?? 5,
        },
        retryPolicy: { minimumBackoff: { seconds: 1 }, maximumBackoff: { seconds: 60 } },
        ackDeadlineSeconds: 60,
      });
    } catch (error) {
      if ((error as { code?: number }).code !== ALREADY_EXISTS) throw error;
    }
  }

  private async onMessage(
    options: SubscribeOptions,
    message: PubSubMessage,
    deadLetter: PubSubTopic,
  ): Promise<void> {
    let event: EventEnvelope;
    try {
      event = parseEvent(JSON.parse(message.data.toString('utf8')));
    } catch (error) {
      const problem = error instanceof InvalidEventError ? error.problems : 'not JSON';
      this.options.logger.error(
        { messageId: message.id, problem },
        'invalid event message; dead-lettered',
      );
      try {
        await deadLetter.publishMessage({
          data: message.data,
          attributes: {
            ...message.attributes,
            consumer: options.consumer,
            problem: problem.slice(0, 1000),
          },
        });
        message.ack();
      } catch (publishError) {
        this.options.logger.error(
          { err: publishError },
          'could not dead-letter an invalid message; nacking',
        );
        message.nack();
      }
      return;
    }
    if (!options.types.includes(event.type)) {
      message.ack();
      return;
    }
    try {
      await options.handler(event);
      message.ack();
    } catch (error) {
      this.options.logger.warn(
        { err: error, eventId: event.id, deliveryAttempt: message.deliveryAttempt },
        'event handler failed; nacked for redelivery',
      );
      message.nack();
    }
  }

  async close(): Promise<void> {
    await Promise.all(
      [...this.subscriptions].map((subscription) => this.closeSubscription(subscription)),
    );
    await this.options.client.close();
  }
}
