/** Progress of the direct-to-storage PUT, from XMLHttpRequest upload progress events. */

/** Whole percent 0..100; never 100 before every byte is sent, never NaN. */
export function uploadPercent(loaded: number, total: number): number {
  if (!Number.isFinite(loaded) || !Number.isFinite(total) || total <= 0) return 0;
  const ratio = Math.min(1, Math.max(0, loaded / total));
  return ratio >= 1 ? 100 : Math.min(99, Math.floor(ratio * 100));
}

export interface ProgressSample {
  /** ms (performance.now or Date.now). */
  at: number;
  loaded: number;
}

/**
 * Bytes per second over the recent samples (the last `windowMs`), or undefined while there is too
 * little to tell. Used for the "about N s left" hint.
 */
export function uploadRate(
  samples: readonly ProgressSample[],
  windowMs = 3000,
): number | undefined {
  const last = samples[samples.length - 1];
  if (!last) return undefined;
  const first = samples.find((s) => last.at - s.at <= windowMs) ?? last;
  const elapsed = last.at - first.at;
  if (elapsed < 250 || last.loaded <= first.loaded) return undefined;
  return ((last.loaded - first.loaded) / elapsed) * 1000;
}

/** "about 12 seconds left", "about 3 minutes left", or undefined when unknown. */
export function timeLeftText(loaded: number, total: number, bytesPerSecond: number | undefined) {
  if (!bytesPerSecond || bytesPerSecond <= 0 || total <= loaded) return undefined;
  const seconds = Math.ceil((total - loaded) / bytesPerSecond);
  if (seconds < 60) return `about ${seconds} second${seconds === 1 ? '' : 's'} left`;
  const minutes = Math.ceil(seconds / 60);
  return `about ${minutes} minute${minutes === 1 ? '' : 's'} left`;
}
