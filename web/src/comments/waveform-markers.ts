import type { CommentNode } from './comment-model';

/**
 * Timed comments along the waveform (pure): which comments get markers, how markers that would
 * overlap are merged into one (by pixel, so a song with thousands of comments draws at most one
 * marker per `markerPx` of width), and which comment pops up at the current moment of playback.
 */

/** A comment pinned to a moment: `atMs` is set. */
export type TimedComment<C extends CommentNode = CommentNode> = C & { atMs: number };

/** At most this many timed comments are loaded for the markers (the TIMELINE order's first pages). */
export const MARKER_COMMENT_CAP = 150;
/** Page size used to load them. */
export const MARKER_PAGE_SIZE = 50;
/** A comment pops up for this long after its moment while the song plays. */
export const POPUP_WINDOW_MS = 3500;

export function isTimed<C extends CommentNode>(comment: C): comment is TimedComment<C> {
  return typeof comment.atMs === 'number' && Number.isFinite(comment.atMs);
}

/** Comments worth a marker (timed, not deleted), by moment then by id; the same id once. */
export function timedComments<C extends CommentNode>(comments: Iterable<C>): TimedComment<C>[] {
  const byId = new Map<string, TimedComment<C>>();
  for (const comment of comments) {
    if (isTimed(comment) && !comment.deleted) byId.set(comment.id, comment);
  }
  return [...byId.values()].sort(
    (a, b) => a.atMs - b.atMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

export interface MarkerCluster<C extends CommentNode = CommentNode> {
  /** Where the marker sits, 0..1 of the waveform's width (its first comment's moment). */
  fraction: number;
  /** The moment a click seeks to: the first comment's. */
  atMs: number;
  /** The comments it stands for, by moment; the first one's author is the avatar shown. */
  comments: TimedComment<C>[];
}

/**
 * Greedy clustering over comments sorted by moment: a comment less than `markerPx` pixels right of
 * the current marker joins it, otherwise it starts a new one. O(n); the result has at most
 * `widthPx / markerPx + 1` markers whatever the number of comments.
 */
export function clusterMarkers<C extends CommentNode>(
  sorted: readonly TimedComment<C>[],
  durationMs: number,
  widthPx: number,
  markerPx: number,
): MarkerCluster<C>[] {
  if (!(durationMs > 0) || !(widthPx > 0)) return [];
  const clusters: MarkerCluster<C>[] = [];
  let clusterX = Number.NEGATIVE_INFINITY;
  for (const comment of sorted) {
    const fraction = Math.min(1, Math.max(0, comment.atMs / durationMs));
    const x = fraction * widthPx;
    const last = clusters.at(-1);
    if (last && x - clusterX < markerPx) {
      last.comments.push(comment);
      continue;
    }
    clusters.push({ fraction, atMs: comment.atMs, comments: [comment] });
    clusterX = x;
  }
  return clusters;
}

/**
 * The comment to pop up at `positionMs`: the latest one whose moment has been reached less than
 * `windowMs` ago (binary search over comments sorted by moment), or null.
 */
export function activeTimedComment<C extends CommentNode>(
  sorted: readonly TimedComment<C>[],
  positionMs: number,
  windowMs = POPUP_WINDOW_MS,
): TimedComment<C> | null {
  let lo = 0;
  let hi = sorted.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]!.atMs <= positionMs) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  if (found < 0) return null;
  const comment = sorted[found]!;
  return positionMs - comment.atMs < windowMs ? comment : null;
}

/**
 * Left offset (px) of a popup `popupPx` wide centred on its marker, kept inside the waveform so it
 * never spills over the play button beside it or off the page.
 */
export function popupLeftPx(fraction: number, widthPx: number, popupPx: number): number {
  if (!(widthPx > 0)) return 0;
  const centre = Math.min(1, Math.max(0, fraction)) * widthPx;
  const max = Math.max(0, widthPx - popupPx);
  return Math.min(max, Math.max(0, centre - popupPx / 2));
}

/** Initials for an avatar without a picture: "Ada Lovelace" → "AL", a deleted author → "?". */
export function initials(displayName: string | null | undefined): string {
  const words = (displayName ?? '').trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '?';
  const letters =
    words.length === 1 ? [...words[0]!].slice(0, 1) : [[...words[0]!][0], [...words.at(-1)!][0]];
  return letters.join('').toUpperCase();
}
