import { createTestLogger } from '../../testing';
import {
  PubSubEventBus,
  type PubSubClient,
  type PubSubMessage,
  type PubSubSubscription,
  type PubSubTopic,
} from '../pubsub/pubsub-event-bus';
import { describeEventBusContract, userRegistered, userUpdated } from './event-bus-contract';

/** An in-memory stand-in for @google-cloud/pubsub, recording what the transport asks of it. */
class FakePubSub implements PubSubClient {
  readonly published: Array<{
    topic: string;
    data: string;
    orderingKey?: string;
    attributes?: Record<string, string>;
  }> = [];
  readonly createdSubscriptions: Array<{ topic: string; name: string; options: unknown }> = [];
  readonly subscriptions = new Map<string, FakeSubscription>();
  readonly subscriptionOptions = new Map<string, unknown>();

  topic(name: string): PubSubTopic {
    return {
      name,
      get: async () => [{}],
      publishMessage: async (message) => {
        this.published.push({
          topic: name,
          data: message.data.toString(),
          orderingKey: message.orderingKey,
          attributes: message.attributes,
        });
        return String(this.published.length);
      },
      createSubscription: async (subscriptionName, options) => {
        this.createdSubscriptions.push({ topic: name, name: subscriptionName, options });
        return [{}];
      },
    };
  }

  subscription(name: string, options?: unknown): PubSubSubscription {
    this.subscriptionOptions.set(name, options);
    const subscription = new FakeSubscription();
    this.subscriptions.set(name, subscription);
    return subscription;
  }

  async close(): Promise<void> {}
}

class FakeSubscription implements PubSubSubscription {
  private listener: ((message: PubSubMessage) => void) | undefined;
  closed = false;
  deleted = false;
  on(event: string, listener: never): this {
    if (event === 'message') this.listener = listener;
    return this;
  }
  async exists(): Promise<[boolean]> {
    return [true];
  }
  async close(): Promise<void> {
    this.closed = true;
  }
  async delete(): Promise<void> {
    this.deleted = true;
  }
  /** Delivers a message; resolves with what the transport did with it. */
  deliver(data: string, attributes: Record<string, string> = {}): Promise<'ack' | 'nack'> {
    return new Promise((resolve) => {
      this.listener!({
        id: 'm1',
        data: Buffer.from(data),
        attributes,
        deliveryAttempt: 1,
        ack: () => resolve('ack'),
        nack: () => resolve('nack'),
      });
    });
  }
}

describe('PubSubEventBus (stubbed client)', () => {
  const make = () => {
    const client = new FakePubSub();
    const bus = new PubSubEventBus({
      client,
      logger: createTestLogger('pubsub'),
      createResources: true,
      maxDeliveryAttempts: 7,
    });
    return { client, bus };
  };

  it("publishes to the producer's topic with the aggregate as ordering key", async () => {
    const { client, bus } = make();
    const event = userRegistered('ada');
    await bus.publish([event]);
    expect(client.published).toEqual([
      {
        topic: 'groovy.auth',
        data: JSON.stringify(event),
        orderingKey: 'ada',
        attributes: { type: 'USER_REGISTERED', version: '1', eventId: event.id },
      },
    ]);
    await expect(bus.publish([{ ...event, data: {} }])).rejects.toThrow(/invalid event/);
    expect(client.published).toHaveLength(1);
  });

  it('subscribes per consumer with ordering, a dead-letter policy and flow control', async () => {
    const { client, bus } = make();
    await bus.subscribe({ consumer: 'query', types: ['USER_UPDATED'], handler: async () => {} });
    expect(client.createdSubscriptions).toEqual([
      {
        topic: 'groovy.auth',
        name: 'groovy.auth.query',
        options: expect.objectContaining({
          enableMessageOrdering: true,
          deadLetterPolicy: { deadLetterTopic: 'groovy.dead-letter', maxDeliveryAttempts: 7 },
        }),
      },
    ]);
    expect(client.subscriptions.has('groovy.auth.query')).toBe(true);
    expect(client.subscriptionOptions.get('groovy.auth.query')).toEqual({
      flowControl: { maxMessages: 100, allowExcessMessages: false },
    });
  });

  it('gives each live subscriber a subscription of its own that expires, and deletes it on stop', async () => {
    const client = new FakePubSub();
    // Provisioned infrastructure (no resource creation): live subscriptions are created anyway.
    const bus = new PubSubEventBus({
      client,
      logger: createTestLogger('pubsub'),
      createResources: false,
      liveSubscriptionTtlSeconds: 90_000,
    });
    const heard: string[] = [];
    const first = await bus.subscribe({
      consumer: 'comments-live',
      types: ['USER_UPDATED'],
      live: true,
      handler: async (event) => void heard.push(event.id),
    });
    await bus.subscribe({
      consumer: 'comments-live',
      types: ['USER_UPDATED'],
      live: true,
      handler: async () => {},
    });
    const names = client.createdSubscriptions.map((created) => created.name);
    expect(names).toHaveLength(2);
    expect(new Set(names).size).toBe(2);
    for (const name of names)
      expect(name).toMatch(/^groovy\.auth\.comments-live\.live\.[\w-]{36}$/);
    for (const created of client.createdSubscriptions) {
      expect(created.topic).toBe('groovy.auth');
      expect(created.options).toEqual({
        enableMessageOrdering: true,
        expirationPolicy: { ttl: { seconds: 90_000 } },
        messageRetentionDuration: { seconds: 600 },
        ackDeadlineSeconds: 10,
      });
    }
    const own = client.subscriptions.get(names[0]!)!;
    const event = userUpdated('ada', 2);
    expect(await own.deliver(JSON.stringify(event))).toBe('ack');
    expect(heard).toEqual([event.id]);

    await first.stop();
    expect(own.closed).toBe(true);
    expect(own.deleted).toBe(true);
    const other = client.subscriptions.get(names[1]!)!;
    expect(other.deleted).toBe(false);
    await bus.close();
    expect(other.deleted).toBe(true);
  });

  it('does not delete a shared (durable) subscription on stop', async () => {
    const { client, bus } = make();
    const subscription = await bus.subscribe({
      consumer: 'query',
      types: ['USER_UPDATED'],
      handler: async () => {},
    });
    await subscription.stop();
    const shared = client.subscriptions.get('groovy.auth.query')!;
    expect(shared.closed).toBe(true);
    expect(shared.deleted).toBe(false);
  });

  it("maps a subscriber's concurrency to flow control (at most that many messages in flight)", async () => {
    const { client, bus } = make();
    await bus.subscribe({
      consumer: 'hls-worker',
      types: ['OBJECT_FINALIZED'],
      concurrency: 2,
      handler: async () => {},
    });
    expect(client.subscriptionOptions.get('groovy.storage.hls-worker')).toEqual({
      flowControl: { maxMessages: 2, allowExcessMessages: false },
    });
  });

  it('acks only after the handler succeeded, nacks when it throws, acks types it does not want', async () => {
    const { client, bus } = make();
    const handled: string[] = [];
    await bus.subscribe({
      consumer: 'query',
      types: ['USER_UPDATED'],
      handler: async (event) => {
        if (event.aggregateId === 'boom') throw new Error('not now');
        handled.push(event.aggregateId);
      },
    });
    const subscription = client.subscriptions.get('groovy.auth.query')!;
    expect(await subscription.deliver(JSON.stringify(userUpdated('lin', 2)))).toBe('ack');
    expect(await subscription.deliver(JSON.stringify(userUpdated('boom', 2)))).toBe('nack');
    expect(await subscription.deliver(JSON.stringify(userRegistered('other')))).toBe('ack');
    expect(handled).toEqual(['lin']);
  });

  it('forwards an invalid message to the dead-letter topic and acks it, so it blocks nothing', async () => {
    const { client, bus } = make();
    await bus.subscribe({ consumer: 'query', types: ['USER_UPDATED'], handler: async () => {} });
    const subscription = client.subscriptions.get('groovy.auth.query')!;
    expect(await subscription.deliver('{not json')).toBe('ack');
    expect(
      await subscription.deliver(JSON.stringify({ ...userUpdated('x', 2), data: { nope: 1 } })),
    ).toBe('ack');
    const deadLettered = client.published.filter((p) => p.topic === 'groovy.dead-letter');
    expect(deadLettered).toHaveLength(2);
    expect(deadLettered[0]!.attributes).toMatchObject({ consumer: 'query', problem: 'not JSON' });
    expect(deadLettered[1]!.attributes!.problem).toMatch(/^USER_UPDATED: userId: .*displayName: /);
  });
});

// The shared contract against the Pub/Sub emulator (docker compose runs one), when it is reachable.
const emulator = process.env.PUBSUB_EMULATOR_HOST;
if (emulator) {
  describeEventBusContract(`pubsub (emulator at ${emulator})`, async () => {
    const { PubSub } = await import('@google-cloud/pubsub');
    const prefix = `test${Date.now()}${Math.floor(Math.random() * 1e6)}`;
    const buses: PubSubEventBus[] = [];
    return {
      bus: async () => {
        const bus = new PubSubEventBus({
          client: new PubSub({ projectId: 'groovy-test' }) as unknown as PubSubClient,
          logger: createTestLogger('pubsub'),
          prefix,
          createResources: true,
        });
        buses.push(bus);
        return bus;
      },
      cleanup: async () => {
        await Promise.all(buses.map((bus) => bus.close()));
      },
    };
  });
} else {
  describe('EventBus contract: pubsub', () => {
    it.skip('skipped: PUBSUB_EMULATOR_HOST is not set (no Pub/Sub emulator on this machine)', () => {});
  });
}
