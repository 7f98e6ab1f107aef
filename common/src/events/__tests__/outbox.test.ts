import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { MongoClient, type Db } from 'mongodb';
import { startTestMongo, createTestLogger, type TestMongo } from '../../testing';
import { EmbeddedEventBus } from '../embedded/embedded-event-bus';
import { OutboxRelay, OUTBOX_FIELD } from '../outbox/outbox';
import { ProcessedEvents } from '../processed-events';
import { Inbox, userRegistered, userUpdated } from './event-bus-contract';

const run = promisify(execFile);
const TSX = require.resolve('tsx/cli');

describe('outbox and idempotent consumers', () => {
  let mongo: TestMongo;
  let client: MongoClient;
  let producerDb: Db;
  let bus: EmbeddedEventBus;
  let database: string;

  beforeAll(async () => {
    mongo = await startTestMongo();
    client = await MongoClient.connect(mongo.url);
  });
  afterAll(async () => {
    await client?.close();
    await mongo?.stop();
  });
  beforeEach(() => {
    database = mongo.freshDatabaseName('producer');
    producerDb = client.db(database);
    bus = new EmbeddedEventBus({
      db: client.db(`${database}_bus`),
      logger: createTestLogger('events'),
      retryDelayMs: 10,
    });
  });
  afterEach(() => bus.close());

  it('publishes an event written with its state change after the producer crashed before publishing: one effect, nothing lost, nothing invented', async () => {
    const users = producerDb.collection('users');
    await users.insertOne({ _id: 'ada' as never, displayName: 'Ada', version: 1 });
    const child = await run(process.execPath, [
      TSX,
      path.join(__dirname, 'fixtures', 'crashing-producer.ts'),
      mongo.url,
      database,
      'ada',
    ]).catch((error: { code: number; stdout: string }) => error);
    expect((child as { code: number }).code).toBe(137);
    const eventId = (child as { stdout: string }).stdout.trim();
    const stored = await users.findOne({ _id: 'ada' as never });
    expect(stored).toMatchObject({ displayName: 'Renamed before the crash', version: 2 });
    expect(stored![OUTBOX_FIELD]).toHaveLength(1);

    // The consumer: a read model applied idempotently.
    const readModel = client.db(`${database}_query`);
    const ledger = new ProcessedEvents(readModel, 'query');
    const inbox = new Inbox();
    await bus.subscribe({
      consumer: 'query',
      types: ['USER_UPDATED'],
      handler: async (event) => {
        await ledger.applyOnce(event, async () => {
          await readModel.collection('users').updateOne(
            { _id: event.aggregateId as never },
            {
              $set: { displayName: (event.data as { displayName: string }).displayName },
              $inc: { applied: 1 },
            },
            { upsert: true },
          );
        });
        await inbox.handler(event);
      },
    });

    // On restart, the relay finds the event and publishes it; a second relay pass finds nothing.
    const relay = new OutboxRelay({
      sources: [{ name: 'user', collection: users }],
      bus,
      logger: createTestLogger('relay'),
    });
    expect(await relay.flushOnce()).toBe(1);
    expect(await relay.flushOnce()).toBe(0);
    await inbox.waitFor(1);
    expect(inbox.received.map((e) => e.id)).toEqual([eventId]);
    expect((await users.findOne({ _id: 'ada' as never }))![OUTBOX_FIELD]).toEqual([]);
    expect(await readModel.collection('users').findOne({ _id: 'ada' as never })).toMatchObject({
      displayName: 'Renamed before the crash',
      applied: 1,
    });
  });

  it('a relay that died after publishing but before clearing publishes again, and the duplicate has no effect', async () => {
    const users = producerDb.collection('users');
    const event = userUpdated('grace', 2, 'Grace H.');
    await users.insertOne({ _id: 'grace' as never, version: 2, [OUTBOX_FIELD]: [event] });
    await bus.publish([event]); // the first relay got this far, then died
    const inbox = new Inbox();
    await bus.subscribe({
      consumer: 'query',
      types: ['USER_UPDATED', 'USER_REGISTERED'],
      handler: inbox.handler,
    });
    const relay = new OutboxRelay({
      sources: [{ name: 'user', collection: users }],
      bus,
      logger: createTestLogger('relay'),
    });
    await relay.flushOnce();
    await bus.publish([userRegistered('marker')]);
    await inbox.waitFor(2);
    expect(inbox.received.map((e) => e.aggregateId)).toEqual(['grace', 'marker']);
  });

  it('drains a backlog larger than one pass right away, without waiting for the poll interval between passes', async () => {
    const users = producerDb.collection('users');
    // 250 documents with unpublished events (a restart after a bulk import): three passes' worth.
    const events = Array.from({ length: 250 }, (_, i) => userRegistered(`backlog-${i}`));
    await users.insertMany(
      events.map((event) => ({
        _id: event.aggregateId as never,
        version: 1,
        [OUTBOX_FIELD]: [event],
      })),
    );
    const inbox = new Inbox();
    await bus.subscribe({ consumer: 'query', types: ['USER_REGISTERED'], handler: inbox.handler });
    // Nobody nudges, and the fallback poll is far longer than the test may take.
    const relay = new OutboxRelay({
      sources: [{ name: 'user', collection: users }],
      bus,
      logger: createTestLogger('relay'),
      pollIntervalMs: 60_000,
    });
    relay.start();
    try {
      const t0 = Date.now();
      const iv = setInterval(
        async () =>
          console.log(
            Date.now() - t0,
            inbox.received.length,
            await users.countDocuments({ [`${OUTBOX_FIELD}.0`]: { $exists: true } }),
          ),
        250,
      );
      await inbox.waitFor(250, 5_000).finally(() => clearInterval(iv));
    } finally {
      await relay.stop();
    }
    expect(new Set(inbox.received.map((e) => e.id))).toEqual(new Set(events.map((e) => e.id)));
    expect(await users.countDocuments({ [`${OUTBOX_FIELD}.0`]: { $exists: true } })).toBe(0);
  });

  it('a document whose events cannot be published holds back only itself', async () => {
    const users = producerDb.collection('users');
    const good = [userRegistered('good-1'), userRegistered('good-2')];
    const bad = { ...userRegistered('bad'), data: { nonsense: true } };
    await users.insertMany([
      { _id: 'good-1' as never, [OUTBOX_FIELD]: [good[0]] },
      { _id: 'bad' as never, [OUTBOX_FIELD]: [bad] },
      { _id: 'good-2' as never, [OUTBOX_FIELD]: [good[1]] },
    ]);
    const inbox = new Inbox();
    await bus.subscribe({ consumer: 'query', types: ['USER_REGISTERED'], handler: inbox.handler });
    const relay = new OutboxRelay({
      sources: [{ name: 'user', collection: users }],
      bus,
      logger: createTestLogger('relay'),
    });
    expect(await relay.flushOnce()).toBe(2);
    await inbox.waitFor(2);
    expect(inbox.received.map((e) => e.aggregateId)).toEqual(['good-1', 'good-2']);
    expect(
      await users
        .find({ [`${OUTBOX_FIELD}.0`]: { $exists: true } })
        .map((doc) => doc._id)
        .toArray(),
    ).toEqual(['bad']);
  });

  it('ProcessedEvents skips duplicates and events older than what was applied, in any order', async () => {
    const db = client.db(`${database}_ledger`);
    const ledger = new ProcessedEvents(db, 'query');
    const applied: string[] = [];
    const apply = (event: ReturnType<typeof userUpdated>) =>
      ledger.applyOnce(event, async () => {
        applied.push((event.data as { displayName: string }).displayName);
      });
    const v2 = userUpdated('lin', 2, 'v2');
    const v3 = userUpdated('lin', 3, 'v3');
    expect(await apply(v3)).toBe('applied');
    expect(await apply(v2)).toBe('stale'); // arrived late
    expect(await apply(v3)).toBe('duplicate'); // redelivered
    expect(await apply(userUpdated('lin', 3, 'another v3'))).toBe('stale');
    expect(await apply(userUpdated('lin', 4, 'v4'))).toBe('applied');
    expect(applied).toEqual(['v3', 'v4']);
  });

  it('ProcessedEvents applies an event once when two deliveries of it arrive at the same time', async () => {
    const db = client.db(`${database}_ledger_concurrent`);
    const first = new ProcessedEvents(db, 'query');
    const second = new ProcessedEvents(db, 'query'); // as if in another process
    const event = userUpdated('lin', 1, 'v1');
    let applies = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const firstStarted = new Promise<void>((resolve) => (started = resolve));
    const apply = async () => {
      applies += 1;
      started();
      await gate;
    };
    const outcomes = [first.applyOnce(event, apply), second.applyOnce(event, apply)];
    await firstStarted; // one delivery is applying; the other has claimed nothing
    release();
    expect((await Promise.all(outcomes)).sort()).toEqual(['applied', 'duplicate']);
    expect(applies).toBe(1);
  });

  it('ProcessedEvents gives the event back when applying fails, and takes over a claim whose process died', async () => {
    const db = client.db(`${database}_ledger_failures`);
    const ledger = new ProcessedEvents(db, 'query', { claimLeaseMs: 60_000 });
    const failing = userUpdated('lin', 1, 'v1');
    await expect(
      ledger.applyOnce(failing, async () => {
        throw new Error('read model unavailable');
      }),
    ).rejects.toThrow('read model unavailable');
    const applied: string[] = [];
    expect(await ledger.applyOnce(failing, async () => void applied.push('retried'))).toBe(
      'applied',
    );

    // A claim left by a process that died mid-apply: expired, so the redelivery applies.
    const orphan = userUpdated('ada', 1, 'v1');
    await db.collection('query_processed_events').insertOne({
      _id: orphan.id as never,
      claimId: 'dead-process',
      claimedUntil: new Date(Date.now() - 1000),
    });
    expect(await ledger.applyOnce(orphan, async () => void applied.push('taken over'))).toBe(
      'applied',
    );
    expect(await ledger.applyOnce(orphan, async () => void applied.push('again'))).toBe(
      'duplicate',
    );
    expect(applied).toEqual(['retried', 'taken over']);
  });
});
