import { createEvent, type EventEnvelope } from '../event-envelope';
import type { EventBus } from '../event-bus';
import { UserRegistered, UserUpdated } from '../catalogue';

/** Collects what a handler received and lets a test await a count. */
export class Inbox {
  readonly received: EventEnvelope[] = [];
  private waiters: Array<{ count: number; resolve: () => void }> = [];

  readonly handler = async (event: EventEnvelope): Promise<void> => {
    this.received.push(event);
    this.waiters = this.waiters.filter((waiter) => {
      if (this.received.length >= waiter.count) waiter.resolve();
      return this.received.length < waiter.count;
    });
  };

  waitFor(count: number, timeoutMs = 10_000): Promise<void> {
    if (this.received.length >= count) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`expected ${count} events, got ${this.received.length}`)),
        timeoutMs,
      );
      this.waiters.push({ count, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }
}

let counter = 0;
export function userRegistered(userId = `u${++counter}`, aggregateVersion = 1) {
  return createEvent({
    type: UserRegistered.type,
    version: UserRegistered.version,
    producer: 'auth',
    aggregateId: userId,
    aggregateVersion,
    data: {
      userId,
      displayName: `User ${userId}`,
      avatarUrl: null,
      createdAt: new Date().toISOString(),
    },
  });
}

export function userUpdated(
  userId: string,
  aggregateVersion: number,
  displayName = `Renamed ${aggregateVersion}`,
) {
  return createEvent({
    type: UserUpdated.type,
    version: UserUpdated.version,
    producer: 'auth',
    aggregateId: userId,
    aggregateVersion,
    data: { userId, displayName, avatarUrl: null },
  });
}

const TYPES = [UserRegistered.type, UserUpdated.type];

/**
 * What every EventBus transport must do. `makeBus()` gives a bus over a fresh broker per test;
 * buses made by one test share that broker (as processes of one deployment do).
 */
export function describeEventBusContract(
  name: string,
  makeBus: () => Promise<{ bus: () => Promise<EventBus>; cleanup: () => Promise<void> }>,
): void {
  describe(`EventBus contract: ${name}`, () => {
    let broker: Awaited<ReturnType<typeof makeBus>>;
    beforeEach(async () => {
      broker = await makeBus();
    });
    afterEach(async () => {
      await broker.cleanup();
    });

    it('delivers subscribed types in order, per aggregate, and skips the rest', async () => {
      const bus = await broker.bus();
      const inbox = new Inbox();
      await bus.subscribe({ consumer: 'query', types: [UserUpdated.type], handler: inbox.handler });
      const a = userRegistered('a');
      await bus.publish([
        a,
        userUpdated('a', 2, 'A2'),
        userUpdated('b', 1, 'B1'),
        userUpdated('a', 3, 'A3'),
        userUpdated('b', 2, 'B2'),
      ]);
      await inbox.waitFor(4);
      expect(inbox.received.map((e) => e.type)).not.toContain(UserRegistered.type);
      const names = (id: string) =>
        inbox.received
          .filter((e) => e.aggregateId === id)
          .map((e) => (e.data as { displayName: string }).displayName);
      expect(names('a')).toEqual(['A2', 'A3']);
      expect(names('b')).toEqual(['B1', 'B2']);
    });

    it('refuses to publish an invalid event, naming the problem', async () => {
      const bus = await broker.bus();
      const bad = { ...userRegistered(), data: { userId: 'x' } };
      await expect(bus.publish([bad])).rejects.toThrow(/USER_REGISTERED: displayName/);
      await expect(bus.publish([{ ...userRegistered(), type: 'NOT_A_TYPE' }])).rejects.toThrow(
        /unknown event type/,
      );
    });

    it('redelivers an event whose handler failed, then carries on', async () => {
      const bus = await broker.bus();
      const inbox = new Inbox();
      let failures = 0;
      await bus.subscribe({
        consumer: 'flaky',
        types: TYPES,
        handler: async (event) => {
          if (event.aggregateId === 'boom' && failures < 2) {
            failures += 1;
            throw new Error('transient');
          }
          await inbox.handler(event);
        },
      });
      await bus.publish([userRegistered('boom'), userRegistered('after')]);
      await inbox.waitFor(2);
      expect(failures).toBe(2);
      expect(inbox.received.map((e) => e.aggregateId)).toEqual(['boom', 'after']);
    });

    it('dead-letters an event that keeps failing without blocking the ones behind it', async () => {
      const bus = await broker.bus();
      const inbox = new Inbox();
      let attempts = 0;
      await bus.subscribe({
        consumer: 'strict',
        types: TYPES,
        maxAttempts: 3,
        handler: async (event) => {
          if (event.aggregateId === 'poison') {
            attempts += 1;
            throw new Error('cannot apply');
          }
          await inbox.handler(event);
        },
      });
      await bus.publish([userRegistered('poison'), userRegistered('fine')]);
      await inbox.waitFor(1);
      expect(attempts).toBe(3);
      expect(inbox.received.map((e) => e.aggregateId)).toEqual(['fine']);
    });

    it('gives every consumer every event, and each event to one instance of a consumer', async () => {
      const [one, two, three] = [await broker.bus(), await broker.bus(), await broker.bus()];
      const query = new Inbox();
      const commentsA = new Inbox();
      const commentsB = new Inbox();
      await one.subscribe({ consumer: 'query', types: TYPES, handler: query.handler });
      await two.subscribe({ consumer: 'comments', types: TYPES, handler: commentsA.handler });
      await three.subscribe({ consumer: 'comments', types: TYPES, handler: commentsB.handler });
      const events = Array.from({ length: 10 }, (_, i) => userRegistered(`multi-${i}`));
      await one.publish(events);
      await query.waitFor(10);
      const deadline = Date.now() + 10_000;
      while (commentsA.received.length + commentsB.received.length < 10 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const comments = [...commentsA.received, ...commentsB.received].map((e) => e.id).sort();
      expect(comments).toEqual(events.map((e) => e.id).sort());
    });

    it('gives every live subscriber (one per instance) every event from when it subscribed, none from before', async () => {
      const publisher = await broker.bus();
      await publisher.publish([userRegistered('live-before')]);
      const [one, two] = [await broker.bus(), await broker.bus()];
      const hearsOne = new Inbox();
      const hearsTwo = new Inbox();
      // The same consumer name on both instances: live subscribers still each get everything.
      const first = await one.subscribe({
        consumer: 'jam-live',
        types: TYPES,
        live: true,
        handler: hearsOne.handler,
      });
      await two.subscribe({
        consumer: 'jam-live',
        types: TYPES,
        live: true,
        handler: hearsTwo.handler,
      });
      const after = [userRegistered('live-after'), userUpdated('live-after', 2)];
      await publisher.publish(after);
      await hearsOne.waitFor(2);
      await hearsTwo.waitFor(2);
      expect(hearsOne.received.map((e) => e.id)).toEqual(after.map((e) => e.id));
      expect(hearsTwo.received.map((e) => e.id)).toEqual(after.map((e) => e.id));

      // A stopped live subscriber hears nothing more; the others go on.
      await first.stop();
      const late = userRegistered('live-late');
      await publisher.publish([late]);
      await hearsTwo.waitFor(3);
      expect(hearsTwo.received[2]!.id).toBe(late.id);
      expect(hearsOne.received).toHaveLength(2);

      // A live subscriber that starts later does not replay what it missed.
      const latecomer = new Inbox();
      await (
        await broker.bus()
      ).subscribe({
        consumer: 'jam-live',
        types: TYPES,
        live: true,
        handler: latecomer.handler,
      });
      const last = userRegistered('live-last');
      await publisher.publish([last]);
      await latecomer.waitFor(1);
      expect(latecomer.received.map((e) => e.id)).toEqual([last.id]);
    });

    it('delivers an event published twice (a relay retrying) once', async () => {
      const bus = await broker.bus();
      const inbox = new Inbox();
      await bus.subscribe({ consumer: 'query', types: TYPES, handler: inbox.handler });
      const event = userRegistered('twice');
      await bus.publish([event]);
      await bus.publish([event, userRegistered('marker')]);
      await inbox.waitFor(2);
      expect(inbox.received.map((e) => e.aggregateId)).toEqual(['twice', 'marker']);
    });

    it('resumes after a restart from what was acknowledged', async () => {
      const first = await broker.bus();
      const before = new Inbox();
      const subscription = await first.subscribe({
        consumer: 'resume',
        types: TYPES,
        handler: before.handler,
      });
      await first.publish([userRegistered('r1'), userRegistered('r2')]);
      await before.waitFor(2);
      await subscription.stop();
      await first.publish([userRegistered('r3')]);
      const after = new Inbox();
      const second = await broker.bus();
      await second.subscribe({ consumer: 'resume', types: TYPES, handler: after.handler });
      await after.waitFor(1);
      await second.publish([userRegistered('r4')]);
      await after.waitFor(2);
      expect(after.received.map((e) => e.aggregateId)).toEqual(['r3', 'r4']);
    });
  });
}
