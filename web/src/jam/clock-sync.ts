/**
 * Server clock estimation, NTP style. One round trip to `Query.serverTime` gives three timestamps:
 * t0 (client, sent), s (server, answered) and t3 (client, received). Assuming the answer was taken
 * half-way, offset = s - (t0 + t3) / 2 and the uncertainty is the round trip, delay = t3 - t0.
 * We keep the last few samples and trust the one with the lowest delay (the least queued), as NTP's
 * clock filter does. A jump of the local clock (a laptop that slept, a changed system time) makes
 * every stored sample wrong: `noticeClockJump` drops them so the next round trips start afresh.
 */

export interface ClockSample {
  /** serverTime - local time at the middle of the round trip, ms. */
  offsetMs: number;
  /** The round trip, ms. */
  delayMs: number;
  /** Local time the answer came back, ms. */
  receivedAtMs: number;
}

/** One round trip → a sample; null when the timestamps are unusable (negative trip, not finite). */
export function clockSample(t0: number, serverMs: number, t3: number): ClockSample | null {
  if (![t0, serverMs, t3].every(Number.isFinite) || t3 < t0) return null;
  return { offsetMs: serverMs - (t0 + t3) / 2, delayMs: t3 - t0, receivedAtMs: t3 };
}

/** The sample with the lowest delay (the earliest of equals), or undefined with none. */
export function bestSample(samples: readonly ClockSample[]): ClockSample | undefined {
  let best: ClockSample | undefined;
  for (const sample of samples) if (!best || sample.delayMs < best.delayMs) best = sample;
  return best;
}

export interface ClockSyncOptions {
  /** How many recent samples to keep. */
  window?: number;
}

export const DEFAULT_CLOCK_WINDOW = 8;

/** The estimator: add samples, read the offset. Pure (no timers, no network). */
export class ClockSync {
  private samples: ClockSample[] = [];
  /** `startOver()` was called: the next sample replaces every stored one. */
  private stale = false;
  private readonly window: number;

  constructor(options: ClockSyncOptions = {}) {
    this.window = Math.max(1, options.window ?? DEFAULT_CLOCK_WINDOW);
  }

  /** Adds a round trip; returns false when it was unusable. */
  addRoundTrip(t0: number, serverMs: number, t3: number): boolean {
    const sample = clockSample(t0, serverMs, t3);
    if (!sample) return false;
    if (this.stale) {
      this.stale = false;
      this.samples = [];
    }
    this.samples.push(sample);
    if (this.samples.length > this.window)
      this.samples.splice(0, this.samples.length - this.window);
    return true;
  }

  /** True once at least one sample is in. */
  get synced(): boolean {
    return this.samples.length > 0;
  }

  get sampleCount(): number {
    return this.samples.length;
  }

  /** serverTime - localTime, from the lowest-delay sample (0 before any). */
  get offsetMs(): number {
    return bestSample(this.samples)?.offsetMs ?? 0;
  }

  /** The round trip of the sample in use (Infinity before any): the offset's error is at most half. */
  get delayMs(): number {
    return bestSample(this.samples)?.delayMs ?? Number.POSITIVE_INFINITY;
  }

  /** The server's clock now, estimated from the local clock. */
  serverNow(localNowMs: number): number {
    return localNowMs + this.offsetMs;
  }

  /** Forget every sample (clock jump, reconnect): the next round trips rebuild the estimate. */
  reset(): void {
    this.samples = [];
    this.stale = false;
  }

  /**
   * Start a fresh estimate without a gap: the stored samples keep serving until the next usable
   * round trip, which replaces them all. (Dropping them at once would move `serverNow` by the
   * whole offset for one round trip, and a playing page would seek twice.)
   */
  startOver(): void {
    this.stale = this.samples.length > 0;
  }
}

/**
 * A clock-jump detector fed with (wall clock, monotonic clock) pairs: when the wall clock moved by
 * more than `toleranceMs` differently from the monotonic one since the last check, the local clock
 * jumped (system time changed) — and when the monotonic clock advanced far more than the check
 * interval, the machine probably slept. Either way the offset samples are stale.
 */
export class ClockJumpDetector {
  private last: { wallMs: number; monotonicMs: number } | undefined;

  constructor(
    private readonly toleranceMs = 1_000,
    private readonly maxGapMs = 10_000,
  ) {}

  /** Returns true when the clocks disagree (or a long gap passed) since the previous call. */
  check(wallMs: number, monotonicMs: number): boolean {
    const previous = this.last;
    this.last = { wallMs, monotonicMs };
    if (!previous) return false;
    const wallStep = wallMs - previous.wallMs;
    const monotonicStep = monotonicMs - previous.monotonicMs;
    return Math.abs(wallStep - monotonicStep) > this.toleranceMs || monotonicStep > this.maxGapMs;
  }
}
