import { bestSample, clockSample, ClockJumpDetector, ClockSync } from '../clock-sync';

describe('clockSample', () => {
  it('takes the offset at the middle of the round trip and the trip as the delay', () => {
    // Client clock 1,000 ms behind the server; 40 ms out, 20 ms back.
    expect(clockSample(10_000, 11_040, 10_060)).toEqual({
      offsetMs: 1_010,
      delayMs: 60,
      receivedAtMs: 10_060,
    });
  });

  it('refuses a negative round trip or non-finite timestamps', () => {
    expect(clockSample(100, 5, 99)).toBeNull();
    expect(clockSample(100, Number.NaN, 120)).toBeNull();
  });
});

describe('ClockSync', () => {
  it('uses the lowest-delay sample of the window', () => {
    const sync = new ClockSync({ window: 3 });
    expect(sync.synced).toBe(false);
    expect(sync.offsetMs).toBe(0);
    sync.addRoundTrip(0, 600, 200); // delay 200, offset 500
    sync.addRoundTrip(1_000, 1_520, 1_040); // delay 40, offset 500
    sync.addRoundTrip(2_000, 2_700, 2_300); // delay 300, offset 550
    expect(sync.offsetMs).toBe(500);
    expect(sync.delayMs).toBe(40);
    expect(sync.serverNow(5_000)).toBe(5_500);
  });

  it('forgets samples older than the window, even good ones', () => {
    const sync = new ClockSync({ window: 2 });
    sync.addRoundTrip(0, 100, 10); // delay 10, offset 95
    sync.addRoundTrip(100, 350, 200); // delay 100, offset 200
    sync.addRoundTrip(300, 560, 420); // delay 120, offset 200
    expect(sync.sampleCount).toBe(2);
    expect(sync.offsetMs).toBe(200);
    expect(sync.delayMs).toBe(100);
  });

  it('ignores unusable round trips and starts afresh after reset', () => {
    const sync = new ClockSync();
    expect(sync.addRoundTrip(10, 0, 5)).toBe(false);
    sync.addRoundTrip(0, 50, 20);
    sync.reset();
    expect(sync.synced).toBe(false);
    expect(sync.delayMs).toBe(Number.POSITIVE_INFINITY);
  });

  it('keeps serving the old estimate after startOver until a new round trip replaces every sample', () => {
    const sync = new ClockSync();
    sync.addRoundTrip(0, 1_010, 20); // offset 1000, delay 20
    sync.addRoundTrip(100, 1_105, 110); // offset 1000, delay 10
    sync.startOver();
    expect(sync.synced).toBe(true);
    expect(sync.offsetMs).toBe(1_000);
    expect(sync.addRoundTrip(200, 0, 150)).toBe(false); // unusable: still the old estimate
    expect(sync.offsetMs).toBe(1_000);
    sync.addRoundTrip(1_000, 3_050, 1_100); // after a jump: offset 2000, delay 100 (worse, but new)
    expect(sync.sampleCount).toBe(1);
    expect(sync.offsetMs).toBe(2_000);
    expect(sync.delayMs).toBe(100);
  });

  it('bestSample keeps the earliest of equal delays', () => {
    const a = clockSample(0, 10, 20)!;
    const b = clockSample(100, 200, 120)!;
    expect(bestSample([a, b])).toBe(a);
    expect(bestSample([])).toBeUndefined();
  });
});

describe('ClockJumpDetector', () => {
  it('stays quiet while the wall and monotonic clocks advance together', () => {
    const detector = new ClockJumpDetector(1_000, 10_000);
    expect(detector.check(1_000_000, 0)).toBe(false);
    expect(detector.check(1_002_000, 2_000)).toBe(false);
    expect(detector.check(1_004_050, 4_000)).toBe(false);
  });

  it('notices a changed system time', () => {
    const detector = new ClockJumpDetector(1_000, 10_000);
    detector.check(1_000_000, 0);
    expect(detector.check(1_060_000, 2_000)).toBe(true);
  });

  it('notices a long gap between checks (a laptop that slept, a frozen tab)', () => {
    const detector = new ClockJumpDetector(1_000, 10_000);
    detector.check(1_000_000, 0);
    expect(detector.check(1_600_000, 600_000)).toBe(true);
  });
});
