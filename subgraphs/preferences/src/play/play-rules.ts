/*
 * The rules of a play, pure: what counts (the industry's 30-second rule), what is refused, and the
 * anti-inflation rule (a listener cannot have listened to more music than time has passed).
 */

/** A play counts at 30 s listened, or the whole song when it is shorter. */
export const COUNTING_THRESHOLD_MS = 30_000;
/** "The whole song": players stop a moment early; this much short of the end still counts. */
export const WHOLE_SONG_TOLERANCE_MS = 1_000;
/** How much a play may overlap the previous counted one (clock skew, a beacon sent late). */
export const MAX_OVERLAP_MS = 2_000;

export function countsAsPlay(msPlayed: number, durationMs: number): boolean {
  if (msPlayed <= 0) return false;
  const threshold =
    durationMs >= COUNTING_THRESHOLD_MS
      ? COUNTING_THRESHOLD_MS
      : Math.max(1, durationMs - Math.min(WHOLE_SONG_TOLERANCE_MS, durationMs / 2));
  return msPlayed >= threshold;
}

/**
 * The latest end of the previous counted play that still lets a play of `msPlayed` ending `now`
 * count: the play started at `now − msPlayed`, which may overlap the previous one by at most
 * min(2 s, half the play). Ten reports of the same 30 s in a row count once; a skipped-through
 * queue of real plays all count.
 */
export function latestPreviousEndAllowed(now: Date, msPlayed: number): Date {
  const overlap = Math.min(MAX_OVERLAP_MS, Math.floor(msPlayed / 2));
  return new Date(now.getTime() - msPlayed + overlap);
}
