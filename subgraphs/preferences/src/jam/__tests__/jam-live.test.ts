import { waitUntil, type TestSubscription } from '@groovy/common/testing';
import type { RunningPreferencesSubgraph } from '../../preferences-subgraph';
import { newId, PreferencesTestServer } from '../../__tests__/preferences-test-server';
import {
  collectJamEvents,
  CONTROL,
  JOIN,
  publishSongs,
  SESSION,
  START,
  startInstance,
  subscribeJam,
  type JamEventView,
  type JamView,
} from './jam-test-kit';

let server: PreferencesTestServer;
let b: RunningPreferencesSubgraph;
const open: TestSubscription<unknown>[] = [];
beforeAll(async () => {
  server = await PreferencesTestServer.start();
  b = await startInstance(server);
});
afterAll(async () => {
  await Promise.all(open.map((subscription) => subscription.close().catch(() => undefined)));
  await b.stop();
  await server.stop();
});

const a = () => server.subgraph;

async function subscribe(
  instance: RunningPreferencesSubgraph,
  id: string,
  as?: string,
): Promise<TestSubscription<JamEventView>> {
  const subscription = await subscribeJam(instance.url, server, id, as);
  open.push(subscription as TestSubscription<unknown>);
  return subscription;
}

async function event(subscription: TestSubscription<JamEventView>) {
  const result = await subscription.next();
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!.jamSession;
}

/** The next event of `kind`, skipping others (presence changes interleave with controls). */
async function eventOfKind(subscription: TestSubscription<JamEventView>, kind: string) {
  for (;;) {
    const next = await event(subscription);
    if (next.kind === kind) return next;
  }
}

async function startJam(host: string, songIds: string[]): Promise<JamView> {
  return (await server.ok<{ startJam: JamView }>(START, { songIds }, host)).startJam;
}

describe('Subscription.jamSession', () => {
  it('sends the full state first, then each change, including changes made on another instance', async () => {
    const [host, guest] = [newId('user'), newId('user')];
    const songs = await publishSongs(server, [200_000, 200_000]);
    const jam = await startJam(host, songs);
    await server.ok(JOIN, { code: jam.code }, guest);

    const onB = await subscribe(b, jam.id, guest);
    const state = await event(onB);
    expect(state.kind).toBe('STATE');
    expect(state.session).toMatchObject({
      id: jam.id,
      code: jam.code,
      host: { id: host },
      queue: [{ song: { id: songs[0] } }, { song: { id: songs[1] } }],
      playback: { playing: false, positionMs: 0 },
    });
    expect(state.session.participants).toEqual([
      { user: { id: host }, connected: false },
      { user: { id: guest }, connected: true },
    ]);

    // The host controls through instance A; the guest listens on B.
    await server.ok(CONTROL, { id: jam.id, action: 'PLAY' }, host);
    const played = await eventOfKind(onB, 'PLAY');
    expect(played.actor).toEqual({ id: host });
    expect(played.session.playback).toMatchObject({ playing: true, positionMs: 0 });
    expect(played.serverTimeMs).toBeGreaterThanOrEqual(state.serverTimeMs);

    await server.ok(CONTROL, { id: jam.id, action: 'SEEK', positionMs: 90_000 }, host);
    const sought = await eventOfKind(onB, 'SEEK');
    expect(sought.session.playback.positionMs).toBe(90_000);
  });

  it('refuses non-participants (FORBIDDEN) and the anonymous (UNAUTHENTICATED)', async () => {
    const host = newId('user');
    const jam = await startJam(host, []);
    const stranger = await subscribe(a(), jam.id, newId('user'));
    const refused = await stranger.next();
    expect(refused.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    const anonymous = await subscribe(a(), jam.id);
    expect((await anonymous.next()).errors?.map((error) => error.extensions?.code)).toEqual([
      'UNAUTHENTICATED',
    ]);
  });

  it('shows presence: connected while a subscription is open on any instance', async () => {
    const [host, guest] = [newId('user'), newId('user')];
    const jam = await startJam(host, []);
    await server.ok(JOIN, { code: jam.code }, guest);
    const hostFeed = await subscribe(a(), jam.id, host);
    expect((await event(hostFeed)).kind).toBe('STATE');

    const guestOnB = await subscribe(b, jam.id, guest);
    const connected = await eventOfKind(hostFeed, 'PRESENCE');
    expect(connected.actor).toEqual({ id: guest });
    expect(connected.session.participants.find((p) => p.user.id === guest)?.connected).toBe(true);
    expect((await event(guestOnB)).kind).toBe('STATE');

    // A second connection of the guest on A; closing the one on B keeps them connected.
    const guestOnA = await subscribe(a(), jam.id, guest);
    expect((await event(guestOnA)).kind).toBe('STATE');
    await guestOnB.close();
    await server.ok(CONTROL, { id: jam.id, action: 'PAUSE' }, host);
    const marker = await event(hostFeed);
    expect(marker.kind).toBe('PAUSE');
    expect(marker.session.participants.find((p) => p.user.id === guest)?.connected).toBe(true);

    await guestOnA.close();
    const disconnected = await eventOfKind(hostFeed, 'PRESENCE');
    expect(disconnected.session.participants.find((p) => p.user.id === guest)?.connected).toBe(
      false,
    );
  });

  it("disconnects a crashed instance's connections once their records expire", async () => {
    const [host, guest] = [newId('user'), newId('user')];
    const jam = await startJam(host, []);
    await server.ok(JOIN, { code: jam.code }, guest);
    const hostFeed = await subscribe(a(), jam.id, host);
    await event(hostFeed);
    // What an instance that then crashed leaves behind: the record of an open subscription…
    const records = server.client.db(a().connection.name).collection('jam_connections');
    const crashed = { _id: `crashed-${guest}` as never };
    await records.insertOne({
      ...crashed,
      sessionId: jam.id,
      userId: guest,
      instanceId: 'crashed-instance',
      expiresAt: new Date(Date.now() + 60_000),
    });
    await server.module.jam.service.bumpPresence(jam.id);
    await server.module.jam.service.reconcilePresence(jam.id, guest);
    const connected = await eventOfKind(hostFeed, 'PRESENCE');
    expect(connected.session.participants.find((p) => p.user.id === guest)?.connected).toBe(true);
    // …that nobody renews any more, so its expiry passes. Moved into the past here rather than
    // waited for: a short expiry set at the insert could pass before the connect above counted
    // the record (a loaded machine), and then no PRESENCE would come at all.
    await records.updateOne(crashed, { $set: { expiresAt: new Date(Date.now() - 1) } });
    // A live instance's heartbeat (every 5 s) sweeps the expired record.
    for (;;) {
      const result = await hostFeed.next(30_000);
      const next = result.data!.jamSession;
      if (next.kind !== 'PRESENCE') continue;
      expect(next.actor).toEqual({ id: guest });
      expect(next.session.participants.find((p) => p.user.id === guest)?.connected).toBe(false);
      break;
    }
  });

  it('advances at the end of a song exactly once with two instances, and stops at the end of the queue', async () => {
    const events = await collectJamEvents(server);
    const host = newId('user');
    const [first, second] = await publishSongs(server, [300, 300]);
    const jam = await startJam(host, [first!, second!]);
    const feedA = await subscribe(a(), jam.id, host);
    const feedB = await subscribe(b, jam.id, host);
    await event(feedA);
    await event(feedB);
    await server.ok(CONTROL, { id: jam.id, action: 'PLAY' }, host);

    for (const feed of [feedA, feedB]) {
      const advanced = await eventOfKind(feed, 'ADVANCED');
      expect(advanced.actor).toBeNull();
      expect(advanced.session.playback).toMatchObject({
        current: { song: { id: second } },
        playing: true,
        positionMs: 0,
      });
      const stopped = await eventOfKind(feed, 'ADVANCED');
      expect(stopped.session.playback).toMatchObject({
        current: { song: { id: second } },
        playing: false,
        positionMs: 300,
      });
    }
    const ours = () =>
      events.filter(
        (e) => e.aggregateId === jam.id && (e.data as { kind: string }).kind === 'ADVANCED',
      );
    await waitUntil(() => ours().length >= 2);
    // Both instances' schedulers raced for each advance: one compare-and-set won each.
    expect(ours().map((e) => e.aggregateVersion)).toEqual([
      ...new Set(ours().map((e) => e.aggregateVersion)),
    ]);
    expect(ours()).toHaveLength(2);
    const session = await server.ok<{ jamSession: JamView }>(SESSION, { id: jam.id }, host);
    expect(session.jamSession.playback.playing).toBe(false);
  });

  it('keeps the state across an instance restart; a new instance picks up the due advance', async () => {
    const host = newId('user');
    const [first, second] = await publishSongs(server, [200_000, 200_000]);
    const jam = await startJam(host, [first!, second!]);
    const c = await startInstance(server);
    await executeOk(c, CONTROL, { id: jam.id, action: 'SEEK', positionMs: 199_000 }, host);
    await executeOk(c, CONTROL, { id: jam.id, action: 'PLAY' }, host);
    await c.stop();
    const restarted = await startInstance(server);
    try {
      const feed = await subscribe(restarted, jam.id, host);
      const state = await event(feed);
      expect(state.session.playback.current?.song.id).toBeDefined();
      expect(state.session.queue.map((item) => item.song.id)).toEqual([first, second]);
      // Whatever instance is up advances at the end of the song (A, B or the restarted one).
      const advanced =
        state.session.playback.current?.song.id === second
          ? state
          : await eventOfKind(feed, 'ADVANCED');
      expect(advanced.session.playback).toMatchObject({
        current: { song: { id: second } },
        playing: true,
      });
    } finally {
      await restarted.stop();
    }
  });
});

async function executeOk(
  instance: RunningPreferencesSubgraph,
  query: string,
  variables: Record<string, unknown>,
  as: string,
): Promise<void> {
  const { executeAsRouter } = await import('@groovy/common/testing');
  const result = await executeAsRouter(instance.url, query, variables, {
    identitySecret: server.env.IDENTITY_TOKEN_SECRET,
    as,
  });
  if (result.errors) throw new Error(JSON.stringify(result.errors));
}
