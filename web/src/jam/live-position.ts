/**
 * Where the Jam is now. The server sends `positionMs` as of `serverTimeMs`; while playing, the live
 * position advances with the server clock: positionMs + (serverNow - serverTimeMs), never below 0
 * and never past the song's end when it is known.
 */

export interface JamPlaybackState {
  playing: boolean;
  positionMs: number;
  serverTimeMs: number;
}

export function livePositionMs(
  playback: JamPlaybackState,
  serverNowMs: number,
  durationMs?: number,
): number {
  const elapsed = playback.playing ? Math.max(0, serverNowMs - playback.serverTimeMs) : 0;
  const position = Math.max(0, playback.positionMs + elapsed);
  return durationMs !== undefined && durationMs > 0 ? Math.min(position, durationMs) : position;
}

/** How far ahead (server time) a participant schedules the start of playback. */
export const START_LEAD_MS = 400;

export interface StartPlan {
  /** Seek the paused element here first… */
  seekToMs: number;
  /** …and call play() when the server clock reads this. */
  startAtServerMs: number;
}

/**
 * Starting playback takes a while (buffering, decoder start), so instead of playing at once from
 * wherever the Jam is, each participant seeks to where the Jam WILL be `leadMs` from now (server
 * time) and starts exactly then: everyone starts together, whatever their latency. A PLAY stamped in
 * the future by the server (serverTimeMs ahead of now) is honoured as it is.
 */
export function planStart(
  playback: JamPlaybackState,
  serverNowMs: number,
  leadMs = START_LEAD_MS,
  durationMs?: number,
): StartPlan {
  const startAtServerMs = Math.max(serverNowMs + leadMs, playback.serverTimeMs);
  return {
    seekToMs: livePositionMs({ ...playback, playing: true }, startAtServerMs, durationMs),
    startAtServerMs,
  };
}
