import { newId, PreferencesTestServer } from '../../__tests__/preferences-test-server';
import {
  ADD,
  collectJamEvents,
  CONTROL,
  END,
  GUEST_CONTROL,
  JOIN,
  LEAVE,
  MOVE,
  publishSongs,
  REMOVE,
  SESSION,
  START,
  type JamView,
} from './jam-test-kit';

let server: PreferencesTestServer;
beforeAll(async () => {
  server = await PreferencesTestServer.start();
});
afterAll(async () => {
  await server.stop();
});

async function startJam(host: string, songIds: string[] = []): Promise<JamView> {
  return (await server.ok<{ startJam: JamView }>(START, { songIds }, host)).startJam;
}

async function join(code: string, user: string): Promise<JamView> {
  return (await server.ok<{ joinJam: JamView }>(JOIN, { code }, user)).joinJam;
}

describe('Jam sessions over HTTP', () => {
  it('starts with a short unambiguous code, queues the songs and lets others join by it', async () => {
    const [host, guest] = [newId('user'), newId('user')];
    const songs = await publishSongs(server, [200_000, 180_000]);
    const jam = await startJam(host, songs);
    expect(jam.code).toMatch(/^[ABCDEFGHJKLMNPQRSTUVWXYZ23456789]{6}$/);
    expect(jam.host).toEqual({ id: host });
    expect(jam.queue.map((item) => [item.song.id, item.addedBy.id])).toEqual([
      [songs[0], host],
      [songs[1], host],
    ]);
    expect(jam.playback).toMatchObject({ current: { song: { id: songs[0] } }, playing: false });

    const joined = await join(jam.code.toLowerCase().replace(/^(...)/, '$1-'), guest);
    expect(joined.participants.map((p) => p.user.id)).toEqual([host, guest]);
    // Joining again changes nothing.
    expect((await join(jam.code, guest)).participants).toHaveLength(2);
    expect(await server.errorOf(JOIN, { code: 'O0I1' }, guest)).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'code',
    });
  });

  it('refuses the anonymous, hides a Jam from non-participants, answers serverTime', async () => {
    const host = newId('user');
    const jam = await startJam(host);
    expect(await server.errorOf(START, {})).toEqual({ code: 'UNAUTHENTICATED' });
    expect(await server.errorOf(SESSION, { id: jam.id }, newId('user'))).toEqual({
      code: 'FORBIDDEN',
    });
    expect(await server.errorOf(CONTROL, { id: jam.id, action: 'PLAY' }, newId('user'))).toEqual({
      code: 'FORBIDDEN',
    });
    const before = Date.now();
    const { serverTime } = await server.ok<{ serverTime: number }>('{ serverTime }');
    expect(serverTime).toBeGreaterThanOrEqual(before - 1);
    expect(serverTime).toBeLessThanOrEqual(Date.now() + 1);
  });

  it('lets the host control; a guest only when guestsCanControl', async () => {
    const [host, guest] = [newId('user'), newId('user')];
    const songs = await publishSongs(server, [200_000, 100_000]);
    const jam = await startJam(host, songs);
    await join(jam.code, guest);

    expect(await server.errorOf(CONTROL, { id: jam.id, action: 'PLAY' }, guest)).toEqual({
      code: 'FORBIDDEN',
    });
    expect(await server.errorOf(GUEST_CONTROL, { id: jam.id, enabled: true }, guest)).toEqual({
      code: 'FORBIDDEN',
    });
    const played = (
      await server.ok<{ controlJam: JamView }>(CONTROL, { id: jam.id, action: 'PLAY' }, host)
    ).controlJam;
    expect(played.playback.playing).toBe(true);

    await server.ok(GUEST_CONTROL, { id: jam.id, enabled: true }, host);
    const sought = (
      await server.ok<{ controlJam: JamView }>(
        CONTROL,
        { id: jam.id, action: 'SEEK', positionMs: 42_000 },
        guest,
      )
    ).controlJam;
    expect(sought.playback).toMatchObject({ playing: true, positionMs: 42_000 });
    expect(
      await server.errorOf(CONTROL, { id: jam.id, action: 'SEEK', positionMs: 500_000 }, guest),
    ).toEqual({ code: 'BAD_USER_INPUT', field: 'positionMs' });

    const next = (
      await server.ok<{ controlJam: JamView }>(CONTROL, { id: jam.id, action: 'NEXT' }, guest)
    ).controlJam;
    expect(next.playback).toMatchObject({ current: { song: { id: songs[1] } }, positionMs: 0 });
    const paused = (
      await server.ok<{ controlJam: JamView }>(CONTROL, { id: jam.id, action: 'PAUSE' }, guest)
    ).controlJam;
    expect(paused.playback.playing).toBe(false);
    // NEXT after the last song: playback stops at the end of the queue.
    const ended = (
      await server.ok<{ controlJam: JamView }>(CONTROL, { id: jam.id, action: 'NEXT' }, host)
    ).controlJam;
    expect(ended.playback).toMatchObject({ playing: false, positionMs: 100_000 });

    await server.ok(GUEST_CONTROL, { id: jam.id, enabled: false }, host);
    expect(await server.errorOf(CONTROL, { id: jam.id, action: 'PREVIOUS' }, guest)).toEqual({
      code: 'FORBIDDEN',
    });
  });

  it('edits the queue: anyone adds, the adder or the host removes, the host moves; who added what stays', async () => {
    const [host, guest, other] = [newId('user'), newId('user'), newId('user')];
    const [a, b, c] = await publishSongs(server, [60_000, 60_000, 60_000]);
    const jam = await startJam(host, [a!]);
    await join(jam.code, guest);
    await join(jam.code, other);

    const added = (
      await server.ok<{ addToJamQueue: JamView }>(ADD, { id: jam.id, songIds: [b, c] }, guest)
    ).addToJamQueue;
    expect(added.queue.map((item) => [item.song.id, item.addedBy.id])).toEqual([
      [a, host],
      [b, guest],
      [c, guest],
    ]);
    const [, itemB, itemC] = added.queue;
    expect(await server.errorOf(REMOVE, { id: jam.id, itemId: itemB!.id }, other)).toEqual({
      code: 'FORBIDDEN',
    });
    expect(
      await server.errorOf(MOVE, { id: jam.id, itemId: itemC!.id, toIndex: 0 }, guest),
    ).toEqual({
      code: 'FORBIDDEN',
    });
    const moved = (
      await server.ok<{ moveJamQueueItem: JamView }>(
        MOVE,
        { id: jam.id, itemId: itemC!.id, toIndex: 0 },
        host,
      )
    ).moveJamQueueItem;
    expect(moved.queue.map((item) => item.song.id)).toEqual([c, a, b]);
    expect(moved.playback.current?.song.id).toBe(a);

    const removed = (
      await server.ok<{ removeFromJamQueue: JamView }>(
        REMOVE,
        { id: jam.id, itemId: itemB!.id },
        guest,
      )
    ).removeFromJamQueue;
    expect(removed.queue.map((item) => item.song.id)).toEqual([c, a]);
    expect(await server.errorOf(ADD, { id: jam.id, songIds: ['no-such-song'] }, guest)).toEqual({
      code: 'NOT_FOUND',
    });
    expect(await server.errorOf(REMOVE, { id: jam.id, itemId: 'gone' }, host)).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'itemId',
    });
  });

  it('takes 32 participants; the 33rd is told the Jam is full', async () => {
    const host = newId('user');
    const jam = await startJam(host);
    for (let i = 1; i < 32; i++) await join(jam.code, newId('user'));
    const result = await server.execute(JOIN, { code: jam.code }, newId('user'));
    expect(result.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(result.errors?.[0]?.message).toMatch(/full/);
    const session = await server.ok<{ jamSession: JamView }>(SESSION, { id: jam.id }, host);
    expect(session.jamSession.participants).toHaveLength(32);
  });

  it('hands the host role to the longest-present participant; the last one out ends it', async () => {
    const [host, first, second] = [newId('user'), newId('user'), newId('user')];
    const jam = await startJam(host);
    await join(jam.code, first);
    await join(jam.code, second);
    await server.ok(LEAVE, { id: jam.id }, host);
    const after = await server.ok<{ jamSession: JamView }>(SESSION, { id: jam.id }, first);
    expect(after.jamSession.host).toEqual({ id: first });
    expect(await server.errorOf(SESSION, { id: jam.id }, host)).toEqual({ code: 'FORBIDDEN' });
    expect(await server.errorOf(END, { id: jam.id }, second)).toEqual({ code: 'FORBIDDEN' });
    await server.ok(LEAVE, { id: jam.id }, second);
    await server.ok(LEAVE, { id: jam.id }, first);
    expect(await server.errorOf(JOIN, { code: jam.code }, newId('user'))).toEqual({
      code: 'NOT_FOUND',
    });
  });

  it('one active Jam per host: starting another ends the first', async () => {
    const host = newId('user');
    const events = await collectJamEvents(server);
    const firstJam = await startJam(host);
    const secondJam = await startJam(host);
    const first = await server.ok<{ jamSession: JamView }>(SESSION, { id: firstJam.id }, host);
    expect(first.jamSession.endedAt).not.toBeNull();
    expect(await server.errorOf(JOIN, { code: firstJam.code }, newId('user'))).toEqual({
      code: 'NOT_FOUND',
    });
    await server.ok(END, { id: secondJam.id }, host);
    // Every change went out on the bus as one JAM_UPDATED at the session's next version.
    const ours = () =>
      events.filter((event) => [firstJam.id, secondJam.id].includes(event.aggregateId));
    await eventually(() => ours().length >= 4);
    expect(
      ours().map((event) => [
        event.aggregateId,
        (event.data as { kind: string }).kind,
        event.aggregateVersion,
      ]),
    ).toEqual([
      [firstJam.id, 'STARTED', 1],
      [firstJam.id, 'ENDED', 2],
      [secondJam.id, 'STARTED', 1],
      [secondJam.id, 'ENDED', 2],
    ]);
  });
});

/** Waits (bounded) for events the bus delivers in the background. */
async function eventually(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met within 20 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
