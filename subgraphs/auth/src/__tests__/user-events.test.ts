import { EmbeddedEventBus, type EventEnvelope } from '@groovy/common/events';
import { createTestLogger } from '@groovy/common/testing';
import { MongoClient } from 'mongodb';
import { AuthTestServer } from './auth-test-server';

describe('auth publishes USER_REGISTERED and USER_UPDATED through its outbox', () => {
  let server: AuthTestServer;
  let client: MongoClient;
  let bus: EmbeddedEventBus;
  const received: EventEnvelope[] = [];
  let notify: (() => void) | undefined;

  beforeAll(async () => {
    server = await AuthTestServer.start({ EVENT_BUS_DATABASE: `events_${Date.now()}` });
    client = await MongoClient.connect(server.mongo.url);
    bus = new EmbeddedEventBus({
      db: client.db(server.env.EVENT_BUS_DATABASE),
      logger: createTestLogger('bus'),
    });
    await bus.subscribe({
      consumer: 'test',
      types: ['USER_REGISTERED', 'USER_UPDATED'],
      handler: async (event) => {
        received.push(event);
        notify?.();
      },
    });
  });
  afterAll(async () => {
    await bus?.close();
    await client?.close();
    await server?.stop();
  });

  const eventsFor = async (userId: string, count: number) => {
    const deadline = Date.now() + 10_000;
    while (
      received.filter((e) => e.aggregateId === userId).length < count &&
      Date.now() < deadline
    ) {
      await new Promise<void>((resolve) => {
        notify = resolve;
        setTimeout(resolve, 200);
      });
    }
    return received.filter((e) => e.aggregateId === userId);
  };

  it('emits USER_REGISTERED on sign-up and USER_UPDATED with the next version on a profile change', async () => {
    const { user } = await server.register('events@example.com', undefined, 'Event Person');
    await server.execute(
      'mutation { updateProfile(input: { displayName: "Renamed" }) { id } }',
      {},
      {
        as: { kind: 'user', userId: user.id },
      },
    );
    const events = await eventsFor(user.id, 2);
    expect(
      events.map((e) => [
        e.type,
        e.aggregateVersion,
        (e.data as { displayName: string }).displayName,
      ]),
    ).toEqual([
      ['USER_REGISTERED', 1, 'Event Person'],
      ['USER_UPDATED', 2, 'Renamed'],
    ]);
    expect(events.every((e) => e.producer === 'auth')).toBe(true);
    // Published and cleared from the user's outbox. The relay clears it after the bus took the
    // events, so a subscriber woken by the publish can see them before that write: read until it lands.
    const readUser = () =>
      server.subgraph.connection
        .collection('users')
        .findOne({ emailNormalised: 'events@example.com' });
    let stored = await readUser();
    for (let attempt = 0; attempt < 500 && stored!._outbox.length > 0; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      stored = await readUser();
    }
    expect(stored!._outbox).toEqual([]);
    expect(stored!.version).toBe(2);
  });
});
