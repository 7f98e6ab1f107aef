import { MongoClient } from 'mongodb';
import { startTestMongo, createTestLogger, type TestMongo } from '../../testing';
import { EmbeddedEventBus } from '../embedded/embedded-event-bus';
import type { EventLogHooks } from '../embedded/event-log';
import type { EventEnvelope } from '../event-envelope';
import { describeEventBusContract, Inbox, userRegistered, userUpdated } from './event-bus-contract';

let mongo: TestMongo;
beforeAll(async () => {
  mongo = await startTestMongo();
});
afterAll(() => mongo?.stop());

async function embeddedBroker(
  options: {
    gapTimeoutMs?: number;
    leaseMs?: number;
    livePollIntervalMs?: number;
    pollIntervalMs?: number;
    safetyPollIntervalMs?: number;
    wakeUps?: boolean;
  } = {},
) {
  const database = mongo.freshDatabaseName('events');
  const clients: MongoClient[] = [];
  const buses: EmbeddedEventBus[] = [];
  return {
    database,
    bus: async (hooks?: EventLogHooks) => {
      // One client per bus, as separate processes would have.
      const client = await MongoClient.connect(mongo.url);
      clients.push(client);
      const bus = new EmbeddedEventBus({
        db: client.db(database),
        logger: createTestLogger('events'),
        retryDelayMs: 10,
        gapTimeoutMs: options.gapTimeoutMs ?? 300,
        ...(options.leaseMs ? { leaseMs: options.leaseMs } : {}),
        ...(options.livePollIntervalMs ? { livePollIntervalMs: options.livePollIntervalMs } : {}),
        ...(options.pollIntervalMs ? { pollIntervalMs: options.pollIntervalMs } : {}),
        ...(options.safetyPollIntervalMs
          ? { safetyPollIntervalMs: options.safetyPollIntervalMs }
          : {}),
        ...(options.wakeUps === false ? { wakeUps: false } : {}),
        ...(hooks ? { hooks } : {}),
      });
      buses.push(bus);
      return bus;
    },
    client: () => clients[0]!,
    cleanup: async () => {
      await Promise.all(buses.map((bus) => bus.close()));
      await clients[0]
        ?.db(database)
        .dropDatabase()
        .catch(() => undefined);
      await Promise.all(clients.map((client) => client.close()));
    },
  };
}

describeEventBusContract('embedded (MongoDB log)', () => embeddedBroker());

describe('embedded event bus specifics', () => {
  it('keeps no position of a live subscriber in Mongo and files no dead letter for it', async () => {
    const broker = await embeddedBroker();
    try {
      const bus = (await broker.bus()) as EmbeddedEventBus;
      const inbox = new Inbox();
      let failures = 0;
      const subscription = await bus.subscribe({
        consumer: 'shouts-live',
        types: ['USER_REGISTERED'],
        live: true,
        maxAttempts: 1,
        handler: async (event) => {
          if (event.aggregateId === 'fails') {
            failures += 1;
            throw new Error('boom');
          }
          await inbox.handler(event);
        },
      });
      await bus.publish([userRegistered('fails'), userRegistered('passes')]);
      await inbox.waitFor(1);
      expect(failures).toBe(1);
      expect(inbox.received.map((e) => e.aggregateId)).toEqual(['passes']);
      const db = broker.client().db(broker.database);
      expect(await db.collection('consumer_checkpoints').countDocuments()).toBe(0);
      expect(await bus.listDeadLetters('shouts-live')).toEqual([]);
      await subscription.stop();
      expect(await db.collection('consumer_checkpoints').countDocuments()).toBe(0);
    } finally {
      await broker.cleanup();
    }
  });

  it('dead-letters a malformed message found in the log and keeps delivering', async () => {
    const broker = await embeddedBroker();
    try {
      const bus = (await broker.bus()) as EmbeddedEventBus;
      await bus.publish([userRegistered('first')]);
      const db = broker.client().db(broker.database);
      const seq = (await db
        .collection<{ _id: string; value: number }>('sequences')
        .findOneAndUpdate({ _id: 'events' }, { $inc: { value: 1 } }, { returnDocument: 'after' }))!
        .value;
      await db.collection('events').insertOne({
        _id: 'garbage' as never,
        seq,
        envelope: { type: 'USER_REGISTERED', nonsense: true },
        publishedAt: new Date(),
      });
      await bus.publish([userRegistered('last')]);
      const inbox = new Inbox();
      await bus.subscribe({
        consumer: 'query',
        types: ['USER_REGISTERED'],
        handler: inbox.handler,
      });
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
      await db
        .collection<{ _id: string; value: number }>('sequences')
        .updateOne({ _id: 'events' }, { $inc: { value: 1 } });
      await bus.publish([userRegistered('g3')]);
      const inbox = new Inbox();
      const started = Date.now();
      await bus.subscribe({
        consumer: 'query',
        types: ['USER_REGISTERED'],
        handler: inbox.handler,
      });
      await inbox.waitFor(2);
      expect(inbox.received.map((e) => e.aggregateId)).toEqual(['g1', 'g3']);
      expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    } finally {
      await broker.cleanup();
    }
  });

  it('moves past a hole wider than one read (a dead publisher reserved 150 numbers)', async () => {
    const broker = await embeddedBroker({ gapTimeoutMs: 50 });
    try {
      const bus = (await broker.bus()) as EmbeddedEventBus;
      const db = broker.client().db(broker.database);
      await bus.publish([userRegistered('h1')]);
      // Reads look up the next 100 numbers by equality: none of them will ever hold an event.
      await db
        .collection<{ _id: string; value: number }>('sequences')
        .updateOne({ _id: 'events' }, { $inc: { value: 150 } });
      await bus.publish([userRegistered('h152')]);
      const inbox = new Inbox();
      await bus.subscribe({
        consumer: 'query',
        types: ['USER_REGISTERED'],
        handler: inbox.handler,
      });
      await inbox.waitFor(2);
      expect(inbox.received.map((e) => e.aggregateId)).toEqual(['h1', 'h152']);
    } finally {
      await broker.cleanup();
    }
  });

  it('wakes subscribers in another instance on publish: no poll interval passes', async () => {
    // Poll intervals no test would wait for: only the publish wake-up (the tailable cursor on the
    // capped wake collection, one per bus instance) can deliver these.
    const broker = await embeddedBroker({
      livePollIntervalMs: 600_000,
      pollIntervalMs: 600_000,
      safetyPollIntervalMs: 600_000,
    });
    try {
      const [subscriber, publisher] = [await broker.bus(), await broker.bus()];
      const live = new Inbox();
      const durable = new Inbox();
      await subscriber.subscribe({
        consumer: 'wake-live',
        types: ['USER_REGISTERED'],
        live: true,
        handler: live.handler,
      });
      await subscriber.subscribe({
        consumer: 'wake-durable',
        types: ['USER_REGISTERED'],
        handler: durable.handler,
      });
      // One after the other: each must wake the subscribers after they went idle again.
      for (const [index, user] of ['w1', 'w2', 'w3'].entries()) {
        await publisher.publish([userRegistered(user)]);
        await Promise.all([live.waitFor(index + 1, 20_000), durable.waitFor(index + 1, 20_000)]);
      }
      expect(live.received.map((e) => e.aggregateId)).toEqual(['w1', 'w2', 'w3']);
      expect(durable.received.map((e) => e.aggregateId)).toEqual(['w1', 'w2', 'w3']);
      // One waiting cursor for the instance, whatever its number of subscriptions.
      const status = await broker.client().db('admin').command({ serverStatus: 1 });
      if (status.metrics?.cursor?.open?.total !== undefined)
        expect(status.metrics.cursor.open.total).toBe(1);
    } finally {
      await broker.cleanup();
    }
  });

  it('without wake-ups, polls a live subscriber again within milliseconds after events, not after its idle interval', async () => {
    // An idle interval no test would wait for: only the busy polling after events can pass this.
    const broker = await embeddedBroker({ livePollIntervalMs: 60_000, wakeUps: false });
    try {
      const instances = [await broker.bus(), await broker.bus()];
      const inboxes = [new Inbox(), new Inbox()];
      for (const [index, bus] of instances.entries()) {
        await bus.subscribe({
          consumer: 'shouts-live',
          types: ['USER_REGISTERED'],
          live: true,
          handler: inboxes[index]!.handler,
        });
      }
      // Each instance hears its own publish at once (the publisher wakes its subscribers)…
      await instances[0]!.publish([userRegistered('a1')]);
      await inboxes[0]!.waitFor(1);
      await instances[1]!.publish([userRegistered('b1')]);
      await inboxes[1]!.waitFor(1);
      // …and, busy now, polls again within milliseconds: the other instance's events arrive.
      await instances[0]!.publish([userRegistered('a2'), userRegistered('a3')]);
      await instances[1]!.publish([userRegistered('b2')]);
      await Promise.all(inboxes.map((inbox) => inbox.waitFor(5, 4_000)));
      for (const inbox of inboxes)
        expect(inbox.received.map((e) => e.aggregateId)).toEqual(['a1', 'b1', 'a2', 'a3', 'b2']);
    } finally {
      await broker.cleanup();
    }
  });

  it('delivers an event its publisher inserted after the gap timeout: every consumer, on every instance, once, in order per aggregate', async () => {
    const broker = await embeddedBroker({ gapTimeoutMs: 50 });
    try {
      const reserved = gate();
      const resume = gate();
      let pauses = 1;
      // A publisher paused (GC, SIGSTOP, a frozen VM) between taking its sequence number and inserting.
      const slowPublisher = await broker.bus({
        afterReserve: async () => {
          if (pauses-- <= 0) return;
          reserved.open();
          await resume.opened;
        },
      });
      const instances = [await broker.bus(), await broker.bus()];
      const inboxes = { query: new Inbox(), comments: new Inbox() };
      for (const bus of instances) {
        for (const [consumer, inbox] of Object.entries(inboxes)) {
          await bus.subscribe({
            consumer,
            types: ['USER_REGISTERED', 'USER_UPDATED'],
            handler: inbox.handler,
          });
        }
      }
      const late = slowPublisher.publish([userRegistered('late', 1)]);
      await reserved.opened;
      await instances[0]!.publish([userRegistered('behind')]);
      // Every consumer has moved past the reserved number: the late event now lands behind them all.
      await Promise.all(Object.values(inboxes).map((inbox) => inbox.waitFor(1)));
      resume.open();
      await late;
      await instances[1]!.publish([userUpdated('late', 2)]);
      await instances[0]!.publish([userRegistered('sentinel')]);
      for (const inbox of Object.values(inboxes)) {
        await inbox.waitFor(4);
        expect(inbox.received.map((e) => `${e.aggregateId}@${e.aggregateVersion}`)).toEqual([
          'behind@1',
          'late@1',
          'late@2',
          'sentinel@1',
        ]);
      }
    } finally {
      await broker.cleanup();
    }
  });
});

/** A promise with its resolve, to let a test decide when a handler may finish. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

describe('embedded event bus: long handlers, concurrency, shutdown', () => {
  it('keeps the lease while a handler runs longer than it: a second instance of the consumer does not get the event too', async () => {
    const broker = await embeddedBroker({ leaseMs: 300 });
    try {
      const [first, second] = [await broker.bus(), await broker.bus()];
      const deliveries: string[] = [];
      const slowStarted = gate();
      const inbox = new Inbox();
      const handler = async (event: EventEnvelope) => {
        deliveries.push(event.aggregateId);
        if (event.aggregateId === 'slow') {
          slowStarted.open();
          // Four leases long: without renewal the other instance would take over and redeliver it.
          await new Promise((resolve) => setTimeout(resolve, 1_200));
        }
        await inbox.handler(event);
      };
      await first.subscribe({ consumer: 'worker', types: ['USER_REGISTERED'], handler });
      await first.publish([userRegistered('slow')]);
      await slowStarted.opened;
      await second.subscribe({ consumer: 'worker', types: ['USER_REGISTERED'], handler });
      await first.publish([userRegistered('next')]);
      await inbox.waitFor(2);
      expect(deliveries).toEqual(['slow', 'next']);
    } finally {
      await broker.cleanup();
    }
  });

  it('keeps the lease while stopping until the running handler ends: a second instance neither gets the event meanwhile nor after', async () => {
    const leaseMs = 300;
    const broker = await embeddedBroker({ leaseMs });
    try {
      const [first, second] = [await broker.bus(), await broker.bus()];
      const slowStarted = gate();
      const slowMayEnd = gate();
      let slowEnded = false;
      const firstDeliveries: string[] = [];
      const subscription = await first.subscribe({
        consumer: 'worker',
        types: ['USER_REGISTERED'],
        handler: async (event) => {
          firstDeliveries.push(event.aggregateId);
          slowStarted.open();
          await slowMayEnd.opened; // e.g. a transcode, which finishes even when the worker is stopping
          slowEnded = true;
        },
      });
      await first.publish([userRegistered('slow')]);
      await slowStarted.opened;
      const stopped = subscription.stop();

      const secondDeliveries: string[] = [];
      const secondInbox = new Inbox();
      await second.subscribe({
        consumer: 'worker',
        types: ['USER_REGISTERED'],
        handler: async (event) => {
          secondDeliveries.push(
            `${event.aggregateId}${slowEnded ? '' : ' (while the first instance was handling it)'}`,
          );
          await secondInbox.handler(event);
        },
      });
      // The handler outlives the lease four times over while the first instance drains; the
      // second instance keeps trying to take the lease all along (every 50 ms).
      setTimeout(slowMayEnd.open, 4 * leaseMs);
      await stopped;
      expect(firstDeliveries).toEqual(['slow']);
      expect(secondDeliveries).toEqual([]);
      // Its checkpoint was saved past the event (a write that only matches under its lease); the
      // second instance may already hold the lease it handed back, but has moved nothing.
      const checkpoint = await broker
        .client()
        .db(broker.database)
        .collection('consumer_checkpoints')
        .findOne({ _id: 'worker' as never });
      expect(checkpoint).toMatchObject({ seq: 1 });

      // The second instance takes over from there: the next event, never `slow`.
      await second.publish([userRegistered('next')]);
      await secondInbox.waitFor(1);
      expect(secondDeliveries).toEqual(['next']);
    } finally {
      await broker.cleanup();
    }
  });

  it('handles different aggregates at once up to `concurrency`, and one aggregate strictly in order', async () => {
    const broker = await embeddedBroker();
    try {
      const bus = await broker.bus();
      const log: string[] = [];
      let running = 0;
      let maxRunning = 0;
      const b1Done = gate();
      const inbox = new Inbox();
      await bus.subscribe({
        consumer: 'worker',
        types: ['USER_REGISTERED', 'USER_UPDATED'],
        concurrency: 2,
        handler: async (event) => {
          const name = `${event.aggregateId}${event.aggregateVersion}`;
          running += 1;
          maxRunning = Math.max(maxRunning, running);
          log.push(`start ${name}`);
          // a1 can only finish once b1 was handled: proves b1 ran while a1 was still running.
          if (name === 'a1') await b1Done.opened;
          await new Promise((resolve) => setImmediate(resolve));
          log.push(`end ${name}`);
          running -= 1;
          if (name === 'b1') b1Done.open();
          await inbox.handler(event);
        },
      });
      await bus.publish([
        userRegistered('a', 1),
        userUpdated('a', 2),
        userRegistered('b', 1),
        userUpdated('a', 3),
        ...Array.from({ length: 6 }, (_, i) => userRegistered(`c${i}`, 1)),
      ]);
      await inbox.waitFor(10);
      expect(log.indexOf('end b1')).toBeLessThan(log.indexOf('end a1'));
      // Within aggregate a: each one starts after the previous one ended.
      expect(log.indexOf('start a2')).toBeGreaterThan(log.indexOf('end a1'));
      expect(log.indexOf('start a3')).toBeGreaterThan(log.indexOf('end a2'));
      expect(
        inbox.received.filter((e) => e.aggregateId === 'a').map((e) => e.aggregateVersion),
      ).toEqual([1, 2, 3]);
      expect(maxRunning).toBe(2);
    } finally {
      await broker.cleanup();
    }
  });

  it('moves the checkpoint only past finished events, so a restart redelivers exactly the unfinished ones', async () => {
    const broker = await embeddedBroker();
    try {
      const first = await broker.bus();
      const stuckStarted = gate();
      const bothDone = gate();
      const handled: string[] = [];
      let stopping = false;
      const subscription = await first.subscribe({
        consumer: 'worker',
        types: ['USER_REGISTERED'],
        concurrency: 2,
        maxAttempts: 2,
        handler: async (event) => {
          if (event.aggregateId === 'stuck') {
            stuckStarted.open();
            // Runs until the subscriber stops, then fails (as a job aborted at shutdown does).
            while (!stopping) await new Promise((resolve) => setTimeout(resolve, 10));
            throw new Error('aborted at shutdown');
          }
          handled.push(event.aggregateId);
          if (handled.length === 2) bothDone.open();
        },
      });
      await first.publish([
        userRegistered('done-1'),
        userRegistered('stuck'),
        userRegistered('done-2'),
      ]);
      await stuckStarted.opened;
      await bothDone.opened;
      stopping = true;
      await subscription.stop();
      expect(handled).toEqual(['done-1', 'done-2']);
      // Failing while stopping is not a failed attempt: nothing is dead-lettered.
      expect(await (first as EmbeddedEventBus).listDeadLetters('worker')).toEqual([]);

      const second = await broker.bus();
      const after = new Inbox();
      await second.subscribe({
        consumer: 'worker',
        types: ['USER_REGISTERED'],
        handler: after.handler,
      });
      await after.waitFor(2);
      // `stuck` again; `done-2` again too (it is after the unfinished one), never `done-1`.
      expect(after.received.map((e) => e.aggregateId)).toEqual(['stuck', 'done-2']);
    } finally {
      await broker.cleanup();
    }
  });
});
