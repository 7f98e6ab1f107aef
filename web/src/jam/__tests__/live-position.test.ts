import { livePositionMs, planStart } from '../live-position';

describe('livePositionMs', () => {
  it('advances with the server clock while playing', () => {
    expect(
      livePositionMs({ playing: true, positionMs: 10_000, serverTimeMs: 50_000 }, 52_500),
    ).toBe(12_500);
  });

  it('stays put while paused', () => {
    expect(
      livePositionMs({ playing: false, positionMs: 10_000, serverTimeMs: 50_000 }, 90_000),
    ).toBe(10_000);
  });

  it('holds a position stamped in the future until then, and stops at the end of the song', () => {
    expect(livePositionMs({ playing: true, positionMs: 3_000, serverTimeMs: 50_000 }, 49_000)).toBe(
      3_000,
    );
    expect(
      livePositionMs({ playing: true, positionMs: 9_000, serverTimeMs: 0 }, 5_000, 10_000),
    ).toBe(10_000);
  });
});

describe('planStart', () => {
  it('seeks to where the Jam will be after the lead and starts then', () => {
    expect(
      planStart({ playing: true, positionMs: 1_000, serverTimeMs: 10_000 }, 10_300, 400),
    ).toEqual({ seekToMs: 1_700, startAtServerMs: 10_700 });
  });

  it('honours a start the server stamped further in the future', () => {
    expect(planStart({ playing: true, positionMs: 0, serverTimeMs: 20_000 }, 10_000, 400)).toEqual({
      seekToMs: 0,
      startAtServerMs: 20_000,
    });
  });
});
