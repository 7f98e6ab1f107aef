import {
  EmbeddedEventBus,
  ObjectFinalized,
  OutboxRelay,
  type EventEnvelope,
} from '@groovy/common/events';
import type { ObjectFinalizedEvent } from '@groovy/common/storage';
import { createTestLogger, startTestMongo, type TestMongo } from '@groovy/common/testing';
import { mongo as driver } from 'mongoose';
import { KEEP_PUBLISHED_MS, ObjectFinalizedOutbox } from '../object-finalized-outbox';

let mongo: TestMongo;
let client: driver.MongoClient;
beforeAll(async () => {
  mongo = await startTestMongo();
  client = await driver.MongoClient.connect(mongo.url);
});
afterAll(async () => {
  await client?.close();
  await mongo?.stop();
});

const object = (generation: string): ObjectFinalizedEvent => ({
  bucket: 'local',
  key: 'uploads/6650f0c2a1b2c3d4e5f60718/original.mp3',
  size: 1234,
  contentType: 'audio/mpeg',
  finalizedAt: new Date(Number(BigInt(generation) / 1000n)),
  generation,
});

describe('ObjectFinalizedOutbox', () => {
  it('keeps OBJECT_FINALIZED in the outbox until a relay publishes it (e.g. after a crash before the publish), in order, once', async () => {
    const db = client.db(mongo.freshDatabaseName('songs'));
    let notified = 0;
    const outbox = new ObjectFinalizedOutbox(db, { recorded: () => (notified += 1) });
    // No relay attached: as if the process died right after the write.
    await outbox.record(object('1767323045678000'));
    await outbox.record(object('1767323045999000'));
    expect(notified).toBe(2);
    const stored = await db.collection(ObjectFinalizedOutbox.COLLECTION).findOne({});
    expect(stored).toMatchObject({ _id: object('1').key, generation: '1767323045999000' });
    expect(stored!._outbox).toHaveLength(2);

    // "Restart": a relay over the same collection publishes both, then finds nothing more.
    const bus = new EmbeddedEventBus({
      db: client.db(mongo.freshDatabaseName('events')),
      logger: createTestLogger('bus'),
    });
    const received: EventEnvelope[] = [];
    let done!: () => void;
    const both = new Promise<void>((resolve) => (done = resolve));
    await bus.subscribe({
      consumer: 'hls-worker',
      types: [ObjectFinalized.type],
      handler: async (event) => {
        received.push(event);
        if (received.length === 2) done();
      },
    });
    const relay = new OutboxRelay({
      sources: [outbox.source],
      bus,
      logger: createTestLogger('relay'),
    });
    try {
      expect(await relay.flushOnce()).toBe(2);
      expect(await relay.flushOnce()).toBe(0);
      await both;
      expect(received.map((event) => [event.aggregateId, event.aggregateVersion])).toEqual([
        [object('1').key, 1767323045678000],
        [object('1').key, 1767323045999000],
      ]);
      expect((await db.collection(ObjectFinalizedOutbox.COLLECTION).findOne({}))!._outbox).toEqual(
        [],
      );
      // Published records are purged a while after their last finalisation (by the periodic purge,
      // not by record); unpublished ones never are.
      const { finalizedAt } = object('1767323045999000');
      expect(await outbox.purgePublished(new Date(finalizedAt.getTime() + 1000))).toBe(0);
      expect(await outbox.purge(new Date(0))).toBe(0);
      const later = new Date(finalizedAt.getTime() + KEEP_PUBLISHED_MS + 1000);
      expect(await outbox.purgePublished(later)).toBe(1);
      expect(await db.collection(ObjectFinalizedOutbox.COLLECTION).countDocuments()).toBe(0);
      expect(
        (await db.collection(ObjectFinalizedOutbox.COLLECTION).indexes()).map((index) => index.key),
      ).toContainEqual({ finalizedAt: 1 });
    } finally {
      await bus.close();
    }
  });
});
