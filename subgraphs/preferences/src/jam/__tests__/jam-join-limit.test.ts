import { newId, PreferencesTestServer } from '../../__tests__/preferences-test-server';
import { JOIN, START, type JamView } from './jam-test-kit';

// A join code is the only key to a Jam: without a per-user bound on join attempts, a caller can
// try codes as fast as the router's request rate allows (20 aliased joinJam per request).
let server: PreferencesTestServer;
beforeAll(async () => {
  server = await PreferencesTestServer.start({ JAM_JOINS_PER_MINUTE: '3' });
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
});
