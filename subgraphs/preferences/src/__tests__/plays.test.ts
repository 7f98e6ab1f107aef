import {
  eventually,
  newId,
  PreferencesTestServer,
  songDeleted,
  songEvent,
} from './preferences-test-server';

const PLAY = 'mutation Play($input: RecordPlayInput!) { recordPlay(input: $input) }';
const PLAY_COUNT = `query Count($reps: [_Any!]!) { _entities(representations: $reps) { ... on Song { playCount } } }`;
const HISTORY = `query History($first: Int, $after: String) {
  library { history(first: $first, after: $after) {
    totalCount edges { cursor node { song { id } msPlayed repeats playedAt } } pageInfo { hasNextPage endCursor } } }
}`;
const CLEAR = 'mutation { clearHistory }';

interface HistoryData {
  library: {
    history: {
      totalCount: number;
      edges: {
        node: { song: { id: string }; msPlayed: number; repeats: number; playedAt: string };
      }[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
  };
}

let server: PreferencesTestServer;
beforeAll(async () => {
  server = await PreferencesTestServer.start({ RECORD_PLAY_SLACK_MS: '5000' });
});
afterAll(() => server.stop());

async function song(durationMs: number | null = 180_000, status: 'READY' | 'PROCESSING' = 'READY') {
  const songId = newId('song');
  await server.publish([songEvent({ songId, durationMs, status })]);
  return songId;
}

async function play(user: string, songId: string, msPlayed: number): Promise<boolean> {
  const data = await server.ok<{ recordPlay: boolean }>(
    PLAY,
    { input: { songId, msPlayed } },
    user,
  );
  return data.recordPlay;
}

async function playCount(songId: string): Promise<number> {
  const data = await server.ok<{ _entities: { playCount: number }[] }>(PLAY_COUNT, {
    reps: [{ __typename: 'Song', id: songId }],
  });
  return data._entities[0]!.playCount;
}

describe('recordPlay', () => {
  it('counts a play at 30 s, not before', async () => {
    const songId = await song(180_000);
    expect(await play(newId('user'), songId, 29_999)).toBe(false);
    expect(await playCount(songId)).toBe(0);
    expect(await play(newId('user'), songId, 30_000)).toBe(true);
    expect(await play(newId('user'), songId, 180_000)).toBe(true);
    expect(await playCount(songId)).toBe(2);
  });

  it('counts a song shorter than 30 s only when played whole', async () => {
    const songId = await song(20_000);
    expect(await play(newId('user'), songId, 15_000)).toBe(false);
    expect(await play(newId('user'), songId, 20_000)).toBe(true);
    // Players stop a moment early: within a second of the end is the whole song.
    expect(await play(newId('user'), songId, 19_200)).toBe(true);
    expect(await playCount(songId)).toBe(2);
  });

  it('refuses msPlayed below 0 or beyond the duration plus slack, unknown and unplayable songs', async () => {
    const songId = await song(60_000);
    const user = newId('user');
    expect(await server.errorOf(PLAY, { input: { songId, msPlayed: -1 } }, user)).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'msPlayed',
    });
    expect(await server.errorOf(PLAY, { input: { songId, msPlayed: 65_001 } }, user)).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'msPlayed',
    });
    expect(await play(user, songId, 65_000)).toBe(true);
    expect(
      await server.errorOf(PLAY, { input: { songId: 'nope', msPlayed: 40_000 } }, user),
    ).toEqual({
      code: 'NOT_FOUND',
    });
    expect(await server.errorOf(PLAY, { input: { songId, msPlayed: 40_000 } })).toEqual({
      code: 'UNAUTHENTICATED',
    });
    const uploader = newId('user');
    const processing = newId('song');
    await server.publish([
      songEvent({
        songId: processing,
        durationMs: null,
        status: 'PROCESSING',
        uploaderId: uploader,
      }),
    ]);
    expect(
      await server.errorOf(PLAY, { input: { songId: processing, msPlayed: 1 } }, uploader),
    ).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'songId',
    });
  });

  it('cannot be inflated: plays that overlap the previous counted one do not count', async () => {
    const songId = await song(180_000);
    const user = newId('user');
    const results = await Promise.all(Array.from({ length: 10 }, () => play(user, songId, 30_000)));
    expect(results.filter(Boolean)).toHaveLength(1);
    // 10 s later, another 30 s play would have started before the first ended: refused.
    server.clock.advance(10_000);
    expect(await play(user, songId, 30_000)).toBe(false);
    // Once that much time has passed, it counts again; real back-to-back listening always counts.
    server.clock.advance(20_000);
    expect(await play(user, songId, 30_000)).toBe(true);
    server.clock.advance(180_000);
    expect(await play(user, songId, 180_000)).toBe(true);
    expect(await playCount(songId)).toBe(3);
  });

  it('cannot be inflated with a very short song: one play per listener per song per 30 s', async () => {
    const songId = await song(1_000);
    const user = newId('user');
    // 100 whole plays reported within one second of real time.
    for (let index = 0; index < 100; index += 1) {
      server.clock.advance(10);
      await play(user, songId, 1_000);
    }
    expect(await playCount(songId)).toBeLessThanOrEqual(1);
    // 30 s later the same listener's play of it counts again.
    server.clock.advance(30_000);
    expect(await play(user, songId, 1_000)).toBe(true);
    expect(await playCount(songId)).toBe(2);
  }, 60_000);

  it('publishes SONG_PLAYED, with the play count, for plays that count only', async () => {
    const songId = await song(100_000);
    const user = newId('user');
    expect(await play(user, songId, 10_000)).toBe(false);
    expect(await play(user, songId, 40_000)).toBe(true);
    await eventually(
      async () =>
        server.published.of('SONG_PLAYED', (e) => (e.data as { songId: string }).songId === songId)
          .length === 1,
    );
    server.clock.advance(60_000);
    expect(await play(user, songId, 50_000)).toBe(true);
    await eventually(
      async () =>
        server.published.of('SONG_PLAYED', (e) => (e.data as { songId: string }).songId === songId)
          .length === 2,
    );
    const events = server.published.of(
      'SONG_PLAYED',
      (e) => (e.data as { songId: string }).songId === songId,
    );
    expect(events.map((e) => e.data)).toEqual([
      expect.objectContaining({
        songId,
        userId: user,
        msPlayed: 40_000,
        playCount: 1,
        countVersion: 1,
      }),
      expect.objectContaining({
        songId,
        userId: user,
        msPlayed: 50_000,
        playCount: 2,
        countVersion: 2,
      }),
    ]);
  });
});

describe('library.history', () => {
  it('lists plays newest first, folds consecutive repeats, pages, and can be cleared', async () => {
    const [a, b, c] = [await song(), await song(), await song()];
    const user = newId('user');
    for (const [songId, ms] of [
      [a, 60_000],
      [b, 60_000],
      [b, 45_000],
      [b, 50_000],
      [c, 40_000],
      [a, 35_000],
    ] as const) {
      server.clock.advance(ms);
      expect(await play(user, songId, ms)).toBe(true);
    }
    const page1 = await server.ok<HistoryData>(HISTORY, { first: 2 }, user);
    expect(page1.library.history.totalCount).toBe(4);
    expect(page1.library.history.edges.map((e) => [e.node.song.id, e.node.repeats])).toEqual([
      [a, 1],
      [c, 1],
    ]);
    const page2 = await server.ok<HistoryData>(
      HISTORY,
      { first: 2, after: page1.library.history.pageInfo.endCursor },
      user,
    );
    expect(
      page2.library.history.edges.map((e) => [e.node.song.id, e.node.repeats, e.node.msPlayed]),
    ).toEqual([
      [b, 3, 50_000],
      [a, 1, 60_000],
    ]);
    expect(page2.library.history.pageInfo.hasNextPage).toBe(false);

    // Another listener's history is their own.
    const other = await server.ok<HistoryData>(HISTORY, {}, newId('user'));
    expect(other.library.history.totalCount).toBe(0);

    // A deleted song leaves the history.
    await server.publish([songDeleted(c, 2)]);
    const withoutC = await server.ok<HistoryData>(HISTORY, {}, user);
    expect(withoutC.library.history.edges.map((e) => e.node.song.id)).toEqual([a, b, a]);

    expect(await server.ok(CLEAR, {}, user)).toEqual({ clearHistory: true });
    const cleared = await server.ok<HistoryData>(HISTORY, {}, user);
    expect(cleared.library.history).toMatchObject({ totalCount: 0, edges: [] });
    // Play counts are the songs', not the history's.
    expect(await playCount(b)).toBe(3);
    expect(await server.errorOf(CLEAR, {})).toEqual({ code: 'UNAUTHENTICATED' });
  });
});
