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

/** Every counted play moves the listener's clock by at least this much (very short songs). */
export const MIN_LISTENER_ADVANCE_MS = 1_000;

/**
 * The latest end of the previous counted play that still lets a play of `msPlayed` ending `now`
 * count: the play started at `now − msPlayed`, which may overlap the previous one by a fixed 2 s
 * (clock skew, a late beacon), but every counted play must move the listener on by at least 1 s —
 * so a listener counts at most one play a second, however short the songs. Ten reports of the same
 * 30 s in a row count once; a skipped-through queue of real plays all count.
 */
export function latestPreviousEndAllowed(now: Date, msPlayed: number): Date {
  const advance = Math.max(msPlayed - MAX_OVERLAP_MS, MIN_LISTENER_ADVANCE_MS);
  return new Date(now.getTime() - advance);
}

/**
 * How long before a play of `msPlayed` the same listener's previous counted play of that song must
 * have ended: max(msPlayed, 30 s) — a 1 s song counts at most once per 30 s per listener, a song
 * played whole at most once per its length.
 */
export function songReplayWindowMs(msPlayed: number): number {
  return Math.max(msPlayed, COUNTING_THRESHOLD_MS);
}
