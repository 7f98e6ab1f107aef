import { formatDuration, spokenDuration } from '@/format/durations';

/**
 * Times shown on comments: the moment of the song a timed comment is pinned to ("at 1:23") and how
 * long ago a comment was written ("5 minutes ago"). Comments render in the browser only, so the
 * relative time needs no server/browser agreement.
 */

/** "1:23" for a moment of the song (ms); whole seconds, rounded down like the player's clock. */
export function formatMoment(atMs: number): string {
  return formatDuration(Math.max(0, atMs));
}

/** "at 1:23": the chip on the composer and the label on a timed comment. */
export function momentLabel(atMs: number): string {
  return `at ${formatMoment(atMs)}`;
}

/** "at 1 minute 23 seconds", for screen readers. */
export function spokenMoment(atMs: number): string {
  return `at ${spokenDuration(Math.max(0, atMs))}`;
}

const UNITS: Array<[unit: string, ms: number]> = [
  ['year', 365 * 24 * 3600_000],
  ['month', 30 * 24 * 3600_000],
  ['week', 7 * 24 * 3600_000],
  ['day', 24 * 3600_000],
  ['hour', 3600_000],
  ['minute', 60_000],
];

/** "just now", "1 minute ago", "3 hours ago", "2 years ago"; a time in the future (clock skew) is "just now". */
export function timeAgo(iso: string, nowMs: number): string {
  const then = Date.parse(iso);
  if (!Number.isFinite(then)) return '';
  const elapsed = nowMs - then;
  for (const [unit, ms] of UNITS) {
    if (elapsed >= ms) {
      const n = Math.floor(elapsed / ms);
      return `${n} ${unit}${n === 1 ? '' : 's'} ago`;
    }
  }
  return 'just now';
}
