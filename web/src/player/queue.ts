import type { PlayerTrack } from './track';

/**
 * The listening queue: an ordered list and the index playing. Pure, so the provider's reducer and
 * the tests share it.
 */
export interface QueueState {
  tracks: PlayerTrack[];
  /** -1 when nothing is loaded. */
  index: number;
}

export const EMPTY_QUEUE: QueueState = { tracks: [], index: -1 };

/** "Previous" restarts the current song when more than this has played (like every music player). */
export const RESTART_THRESHOLD_MS = 3000;

export function currentTrack(queue: QueueState): PlayerTrack | undefined {
  return queue.tracks[queue.index];
}

/** Replaces the queue, starting at `startIndex` (clamped). An empty list empties the queue. */
export function playQueue(tracks: readonly PlayerTrack[], startIndex = 0): QueueState {
  if (tracks.length === 0) return EMPTY_QUEUE;
  const index = Math.min(Math.max(0, Math.trunc(startIndex) || 0), tracks.length - 1);
  return { tracks: [...tracks], index };
}

/** Starts `track`; when it is already in the queue, jump to it instead of losing the queue. */
export function playTrack(queue: QueueState, track: PlayerTrack): QueueState {
  const at = queue.tracks.findIndex((t) => t.id === track.id);
  if (at >= 0) return { ...queue, index: at };
  return { tracks: [track], index: 0 };
}

export function hasNext(queue: QueueState): boolean {
  return queue.index >= 0 && queue.index < queue.tracks.length - 1;
}

export function hasPrevious(queue: QueueState): boolean {
  return queue.index > 0;
}

/** The queue after "next" (or after a song ends); null when the queue is over. */
export function nextInQueue(queue: QueueState): QueueState | null {
  return hasNext(queue) ? { ...queue, index: queue.index + 1 } : null;
}

/**
 * "Previous": restart the current song if it has played a few seconds or is the first; otherwise
 * go to the song before.
 */
export function previousInQueue(
  queue: QueueState,
  positionMs: number,
): { queue: QueueState; restart: boolean } {
  if (positionMs > RESTART_THRESHOLD_MS || !hasPrevious(queue)) return { queue, restart: true };
  return { queue: { ...queue, index: queue.index - 1 }, restart: false };
}
