/**
 * Waveform geometry (pure): ~1,000 peaks in 0..1 from the worker → as many bars as fit the width,
 * mirrored around the middle; a click's x → a time; arrow keys → a time.
 */

export interface Bar {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface BarLayout {
  width: number;
  height: number;
  barWidth: number;
  gap: number;
  /** Shortest bar, so silence still shows a line. */
  minBarHeight: number;
}

export const DEFAULT_BAR_LAYOUT: Omit<BarLayout, 'width'> = {
  height: 96,
  barWidth: 3,
  gap: 2,
  minBarHeight: 2,
};

/** How many bars of `barWidth` with `gap` between them fit in `width` (at least 1). */
export function barCountFor(width: number, barWidth: number, gap: number): number {
  if (!(width > 0) || !(barWidth > 0)) return 1;
  return Math.max(1, Math.floor((width + gap) / (barWidth + Math.max(0, gap))));
}

/**
 * Resamples peaks to `count` values, each the highest peak of its bucket (so short transients stay
 * visible). Values outside 0..1 and non-numbers are clamped; no peaks → silence.
 */
export function resamplePeaks(peaks: readonly number[], count: number): number[] {
  const n = Math.max(1, Math.floor(count));
  if (peaks.length === 0) return new Array<number>(n).fill(0);
  const clamp = (v: number) => (Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i += 1) {
    const start = Math.floor((i * peaks.length) / n);
    const end = Math.max(start + 1, Math.floor(((i + 1) * peaks.length) / n));
    let max = 0;
    for (let j = start; j < end && j < peaks.length; j += 1) max = Math.max(max, clamp(peaks[j]!));
    out[i] = max;
  }
  return out;
}

/** Bars spread over the full width (the leftover pixels go into the gaps), centred vertically. */
export function waveformBars(peaks: readonly number[], layout: BarLayout): Bar[] {
  const count = barCountFor(layout.width, layout.barWidth, layout.gap);
  const values = resamplePeaks(peaks, count);
  const step = count > 1 ? (layout.width - layout.barWidth) / (count - 1) : 0;
  const minH = Math.min(layout.minBarHeight, layout.height);
  return values.map((value, i) => {
    const height = Math.max(minH, value * layout.height);
    return {
      x: count > 1 ? i * step : (layout.width - layout.barWidth) / 2,
      y: (layout.height - height) / 2,
      width: layout.barWidth,
      height,
    };
  });
}

/** Fraction 0..1 of the song played, safe for unknown durations. */
export function playedFraction(positionMs: number, durationMs: number): number {
  if (!(durationMs > 0) || !Number.isFinite(positionMs)) return 0;
  return Math.min(1, Math.max(0, positionMs / durationMs));
}

/** A click (or tap) at `offsetX` of a waveform `width` wide → the time to seek to, in ms. */
export function timeAtPosition(offsetX: number, width: number, durationMs: number): number {
  if (!(width > 0) || !(durationMs > 0) || !Number.isFinite(offsetX)) return 0;
  const fraction = Math.min(1, Math.max(0, offsetX / width));
  return Math.round(fraction * durationMs);
}

export const SEEK_STEP_MS = 5000;

/**
 * Keyboard seeking on the waveform slider (WAI-ARIA slider keys): arrows ±5 s, Page Up/Down ±10 %
 * (at least 10 s), Home/End. Returns undefined for other keys so the event is left alone.
 */
export function seekTargetForKey(
  key: string,
  positionMs: number,
  durationMs: number,
): number | undefined {
  if (!(durationMs > 0)) return undefined;
  const big = Math.max(10_000, durationMs / 10);
  const clamp = (ms: number) => Math.min(durationMs, Math.max(0, Math.round(ms)));
  switch (key) {
    case 'ArrowRight':
    case 'ArrowUp':
      return clamp(positionMs + SEEK_STEP_MS);
    case 'ArrowLeft':
    case 'ArrowDown':
      return clamp(positionMs - SEEK_STEP_MS);
    case 'PageUp':
      return clamp(positionMs + big);
    case 'PageDown':
      return clamp(positionMs - big);
    case 'Home':
      return 0;
    case 'End':
      return durationMs;
    default:
      return undefined;
  }
}
