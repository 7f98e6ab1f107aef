import { newId, PreferencesTestServer } from '../../__tests__/preferences-test-server';
import { ADD, CONTROL, JOIN, publishSongs, START, type JamView } from './jam-test-kit';

// A join code is the only key to a Jam: without a per-user bound on join attempts, a caller can
// try codes as fast as the router's request rate allows (20 aliased joinJam per request). And
// every change of a Jam sends its whole state (up to 500 queue items, each resolved through the
// songs subgraph by the router) to every subscriber: changes are bounded per user too.
let server: PreferencesTestServer;
beforeAll(async () => {
  server = await PreferencesTestServer.start({
    JAM_JOINS_PER_MINUTE: '3',
    JAM_CHANGES_PER_MINUTE: '3',
  });
});
afterAll(() => server?.stop());

/** A well-formed code no live Jam holds (they are drawn at random: one that starts with 2222 is not). */
const unknownCode = (n: number) => `2222${'ABCDEFGH'[n]}2`;

describe('join attempts per user', () => {
  it('refuses joinJam beyond JAM_JOINS_PER_MINUTE with RATE_LIMITED, even with the right code, until the minute has passed', async () => {
    const [host, guesser, friend] = [newId('user'), newId('user'), newId('user')];
    const jam = (await server.ok<{ startJam: JamView }>(START, {}, host)).startJam;
    for (let guess = 0; guess < 3; guess++)
      expect(await server.errorOf(JOIN, { code: unknownCode(guess) }, guesser)).toEqual({
        code: 'NOT_FOUND',
      });
    const refused = await server.execute(JOIN, { code: jam.code }, guesser);
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'RATE_LIMITED',
      retryAfterSeconds: expect.any(Number),
    });
    // Per user: someone else joins; the guesser did not.
    const joined = (await server.ok<{ joinJam: JamView }>(JOIN, { code: jam.code }, friend))
      .joinJam;
    expect(joined.participants.map((p) => p.user.id)).toEqual([host, friend]);

    server.clock.advance(60_000);
    const later = (await server.ok<{ joinJam: JamView }>(JOIN, { code: jam.code }, guesser))
      .joinJam;
    expect(later.participants.map((p) => p.user.id)).toEqual([host, friend, guesser]);
  });

  it('refuses Jam changes beyond JAM_CHANGES_PER_MINUTE per user with RATE_LIMITED, until the minute has passed', async () => {
    const [host, guest] = [newId('user'), newId('user')];
    const songs = await publishSongs(server, [200_000, 180_000]);
    const jam = (await server.ok<{ startJam: JamView }>(START, { songIds: songs }, host)).startJam;
    await server.ok(JOIN, { code: jam.code }, guest);
    await server.ok(CONTROL, { id: jam.id, action: 'PLAY' }, host);
    await server.ok(CONTROL, { id: jam.id, action: 'PAUSE' }, host);
    const control = await server.execute(CONTROL, { id: jam.id, action: 'PLAY' }, host);
    expect(control.errors?.[0]?.extensions).toMatchObject({
      code: 'RATE_LIMITED',
      retryAfterSeconds: expect.any(Number),
    });
    const add = await server.execute(ADD, { id: jam.id, songIds: [songs[0]] }, host);
    expect(add.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    // Per user: the guest still adds a song.
    const added = (
      await server.ok<{ addToJamQueue: JamView }>(ADD, { id: jam.id, songIds: [songs[1]] }, guest)
    ).addToJamQueue;
    expect(added.queue).toHaveLength(3);
    expect(added.playback.playing).toBe(false);

    server.clock.advance(60_000);
    await server.ok(CONTROL, { id: jam.id, action: 'PLAY' }, host);
  });
});
