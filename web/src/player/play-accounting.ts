/**
 * How long a song was actually LISTENED to, from the media element's events: the sum of the forward
 * steps of its position between samples (`timeupdate`, `pause`, `ended`), where a step counts for at
 * most the wall-clock time that passed (times the playback rate). A seek (`seeking`) or any jump
 * backwards only moves the reference point; a jump forwards that no seeking event announced counts
 * only for the time that really passed. So dragging the seek bar to the end does not make a play.
 *
 * Pure and immutable: the player keeps one account per loaded song and reports it with `recordPlay`
 * when the song ends, another one starts (skip, previous, a new queue) or the page is left.
 */

/** Sampling jitter allowed beyond the wall clock (timeupdate fires every 15–250 ms). */
export const SAMPLE_JITTER_MS = 100;

export interface PlayAccount {
  songId: string;
  /** Milliseconds listened so far. */
  listenedMs: number;
  /** The position at the last sample; null until the first sample (or after a seek). */
  positionMs: number | null;
  /** The wall-clock time of the last sample (performance.now()). */
  sampledAtMs: number | null;
}

export function startAccount(songId: string): PlayAccount {
  return { songId, listenedMs: 0, positionMs: null, sampledAtMs: null };
}

/** A position seen while playing (timeupdate, pause, ended) at wall-clock `nowMs`. */
export function samplePosition(
  account: PlayAccount,
  positionMs: number,
  nowMs: number,
  playbackRate = 1,
): PlayAccount {
  if (!Number.isFinite(positionMs) || !Number.isFinite(nowMs)) return account;
  if (account.positionMs === null || account.sampledAtMs === null) {
    return { ...account, positionMs, sampledAtMs: nowMs };
  }
  const step = positionMs - account.positionMs;
  const elapsed = Math.max(0, nowMs - account.sampledAtMs);
  const rate = Number.isFinite(playbackRate) && playbackRate > 0 ? playbackRate : 1;
  const counted = step > 0 ? Math.min(step, elapsed * rate + SAMPLE_JITTER_MS) : 0;
  return {
    ...account,
    listenedMs: account.listenedMs + counted,
    positionMs,
    sampledAtMs: nowMs,
  };
}

/** A seek started (or playback stopped being continuous): the next sample only sets the reference. */
export function markJump(account: PlayAccount): PlayAccount {
  return { ...account, positionMs: null, sampledAtMs: null };
}

/** Playback paused: counting resumes from the next sample, so the pause is not counted. */
export const markPaused = markJump;

export interface PlayReport {
  songId: string;
  msPlayed: number;
}

/**
 * What to send with `recordPlay`, or null when nothing was listened to. Capped at the song's
 * duration (the server refuses more than the duration plus some slack).
 */
export function playReportOf(
  account: PlayAccount | null,
  durationMs?: number | null,
): PlayReport | null {
  if (!account) return null;
  let ms = Math.round(account.listenedMs);
  if (typeof durationMs === 'number' && durationMs > 0) ms = Math.min(ms, Math.round(durationMs));
  return ms >= 1 ? { songId: account.songId, msPlayed: ms } : null;
}
