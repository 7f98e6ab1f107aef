import { MongoClient } from 'mongodb';
import { startTestMongo, createTestLogger, type TestMongo } from '../../testing';
import { EmbeddedEventBus } from '../embedded/embedded-event-bus';
import { describeEventBusContract, Inbox, userRegistered } from './event-bus-contract';

let mongo: TestMongo;
beforeAll(async () => {
  mongo = await startTestMongo();
});
afterAll(() => mongo?.stop());

async function embeddedBroker(options: { gapTimeoutMs?: number } = {}) {
  const database = mongo.freshDatabaseName('events');
  const clients: MongoClient[] = [];
  const buses: EmbeddedEventBus[] = [];
  return {
    database,
    bus: async () => {
      // One client per bus, as separate processes would have.
      const client = await MongoClient.connect(mongo.url);
      clients.push(client);
      const bus = new EmbeddedEventBus({
        db: client.db(database),
        logger: createTestLogger('events'),
        retryDelayMs: 10,
        gapTimeoutMs: options.gapTimeoutMs ?? 300,
      });
      buses.push(bus);
      return bus;
    },
    client: () => clients[0]!,
    cleanup: async () => {
      await Promise.all(buses.map((bus) => bus.close()));
      await clients[0]?.db(database).dropDatabase().catch(() => undefined);
      await Promise.all(clients.map((client) => client.close()));
    },
  };
}

describeEventBusContract('embedded (MongoDB log)', () => embeddedBroker());

describe('embedded event bus specifics', () => {
  it('dead-letters a malformed message found in the log and keeps delivering', async () => {
    const broker = await embeddedBroker();
    try {
      const bus = (await broker.bus()) as EmbeddedEventBus;
      await bus.publish([userRegistered('first')]);
      const db = broker.client().db(broker.database);
      const seq = (await db.collection<{ _id: string; value: number }>('sequences').findOneAndUpdate({ _id: 'events' }, { $inc: { value: 1 } }, { returnDocument: 'after' }))!.value;
      await db.collection('events').insertOne({ _id: 'garbage' as never, seq, envelope: { type: 'USER_REGISTERED', nonsense: true }, publishedAt: new Date() });
      await bus.publish([userRegistered('last')]);
      const inbox = new Inbox();
      await bus.subscribe({ consumer: 'query', types: ['USER_REGISTERED'], handler: inbox.handler });
      await inbox.waitFor(2);
      expect(inbox.received.map((e) => e.aggregateId)).toEqual(['first', 'last']);
      const dead = await bus.listDeadLetters('query');
      expect(dead).toHaveLength(1);
      expect(dead[0]!.error).toMatch(/invalid event/);
    } finally {
      await broker.cleanup();
    }
  });

  it('waits for a late insert at a sequence gap, and moves past a gap a dead publisher left', async () => {
    const broker = await embeddedBroker({ gapTimeoutMs: 400 });
    try {
      const bus = (await broker.bus()) as EmbeddedEventBus;
      const db = broker.client().db(broker.database);
      await bus.publish([userRegistered('g1')]);
      // A publisher took sequence number 2 and died before inserting it.
      await db.collection<{ _id: string; value: number }>('sequences').updateOne({ _id: 'events' }, { $inc: { value: 1 } });
      await bus.publish([userRegistered('g3')]);
      const inbox = new Inbox();
      const started = Date.now();
      await bus.subscribe({ consumer: 'query', types: ['USER_REGISTERED'], handler: inbox.handler });
      await inbox.waitFor(2);
      expect(inbox.received.map((e) => e.aggregateId)).toEqual(['g1', 'g3']);
      expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    } finally {
      await broker.cleanup();
    }
  });
});
