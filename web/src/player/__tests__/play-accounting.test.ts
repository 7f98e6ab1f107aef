import {
  markJump,
  markPaused,
  playReportOf,
  samplePosition,
  SAMPLE_JITTER_MS,
  startAccount,
  type PlayAccount,
} from '../play-accounting';

/** Feeds (positionMs, nowMs) samples in order. */
function feed(account: PlayAccount, samples: Array<[number, number]>, rate = 1): PlayAccount {
  return samples.reduce((a, [position, now]) => samplePosition(a, position, now, rate), account);
}

describe('play accounting', () => {
  it('sums continuous playback', () => {
    const samples: Array<[number, number]> = [];
    for (let t = 0; t <= 40_000; t += 250) samples.push([t, 1_000 + t]);
    const account = feed(startAccount('s1'), samples);
    expect(account.listenedMs).toBe(40_000);
    expect(playReportOf(account)).toEqual({ songId: 's1', msPlayed: 40_000 });
  });

  it('does not count a seek forwards announced by `seeking`', () => {
    let account = feed(startAccount('s1'), [
      [0, 0],
      [250, 250],
      [500, 500],
    ]);
    account = markJump(account);
    account = feed(account, [
      [170_000, 520],
      [170_250, 770],
    ]);
    expect(account.listenedMs).toBe(750);
  });

  it('counts an unannounced jump forwards only for the wall-clock time that passed', () => {
    const account = feed(startAccount('s1'), [
      [0, 0],
      [60_000, 250], // position jumped a minute in a quarter of a second
    ]);
    expect(account.listenedMs).toBe(250 + SAMPLE_JITTER_MS);
  });

  it('does not count going backwards, then counts from the new place', () => {
    const account = feed(startAccount('s1'), [
      [0, 0],
      [10_000, 10_000],
      [2_000, 10_250], // "previous" restarted near the start
      [2_250, 10_500],
    ]);
    expect(account.listenedMs).toBe(10_250);
  });

  it('does not count a pause, and resumes counting afterwards', () => {
    let account = feed(startAccount('s1'), [
      [0, 0],
      [1_000, 1_000],
    ]);
    account = markPaused(account);
    account = feed(account, [
      [1_000, 60_000], // resumed a minute later
      [1_250, 60_250],
    ]);
    expect(account.listenedMs).toBe(1_250);
  });

  it('scales the wall-clock cap with the playback rate', () => {
    const account = feed(
      startAccount('s1'),
      [
        [0, 0],
        [2_000, 1_000],
      ],
      2,
    );
    expect(account.listenedMs).toBe(2_000);
  });

  it('ignores non-finite samples', () => {
    const account = feed(startAccount('s1'), [
      [0, 0],
      [Number.NaN, 100],
      [250, 250],
    ]);
    expect(account.listenedMs).toBe(250);
  });
});

describe('playReportOf', () => {
  it('is null when nothing was listened to', () => {
    expect(playReportOf(null)).toBeNull();
    expect(playReportOf(startAccount('s1'))).toBeNull();
  });

  it('caps at the song duration', () => {
    const account = { ...startAccount('s1'), listenedMs: 10_400 };
    expect(playReportOf(account, 10_000)).toEqual({ songId: 's1', msPlayed: 10_000 });
    expect(playReportOf(account, null)).toEqual({ songId: 's1', msPlayed: 10_400 });
  });
});
