'use client';

import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { usePlayer, usePlayerTime } from '@/player/PlayerProvider';
import type { PlayerTrack } from '@/player/track';
import { CommentAvatar } from './CommentAvatar';
import { useCommentFeed } from './CommentFeedProvider';
import { formatMoment } from './comment-time';
import { useConversationClient } from './use-conversation-client';
import { useTimedComments } from './use-timed-comments';
import {
  activeTimedComment,
  clusterMarkers,
  popupLeftPx,
  type MarkerCluster,
  type TimedComment,
} from './waveform-markers';

/** A marker's width (px): markers closer than this merge into one. */
const MARKER_PX = 22;
/** The popup's width (px), for keeping it inside the waveform. */
const POPUP_PX = 260;
/** Characters of a comment shown in a marker's label and its popup. */
const PREVIEW_CHARS = 120;

function preview(body: string): string {
  const text = body.replace(/\s+/g, ' ').trim();
  return text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS - 1)}…` : text;
}

function markerLabel(cluster: MarkerCluster): string {
  const first = cluster.comments[0]!;
  const at = formatMoment(cluster.atMs);
  if (cluster.comments.length === 1) {
    const who = first.author?.displayName ?? 'Someone';
    return `Comment by ${who} at ${at}: ${preview(first.body) || 'hidden'}. Play from ${at}`;
  }
  return `${cluster.comments.length} comments from ${at}. Play from ${at}`;
}

function useWidth<E extends HTMLElement>() {
  const ref = useRef<E>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setWidth(Math.round(element.clientWidth));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width] as const;
}

/** The row of avatars under the waveform; does not depend on the playback clock. */
const WaveformMarkers = memo(function WaveformMarkers({
  comments,
  durationMs,
  onSeek,
}: {
  comments: readonly TimedComment[];
  durationMs: number;
  onSeek: (atMs: number) => void;
}) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const clusters = useMemo(
    () => clusterMarkers(comments, durationMs, width, MARKER_PX),
    [comments, durationMs, width],
  );
  return (
    <div ref={ref} className="waveform-markers" role="group" aria-label="Timed comments">
      {clusters.map((cluster) => {
        const label = markerLabel(cluster);
        return (
          <button
            key={cluster.comments[0]!.id}
            type="button"
            className="waveform-marker"
            style={{ left: `${(cluster.fraction * 100).toFixed(3)}%` }}
            title={label}
            data-at-ms={cluster.atMs}
            onClick={() => onSeek(cluster.atMs)}
          >
            {/* The name is this text; the avatar and the count are pictures of it. */}
            <span className="visually-hidden">{label}</span>
            <CommentAvatar author={cluster.comments[0]!.author} size="small" />
            {cluster.comments.length > 1 ? (
              <span className="waveform-marker__count" aria-hidden="true">
                {cluster.comments.length > 99 ? '99+' : cluster.comments.length}
              </span>
            ) : null}
          </button>
        );
      })}
    </div>
  );
});

/**
 * The comment of the moment, popping up over the waveform while the song plays (SoundCloud-style),
 * and staying up while it is paused within the comment's moment.
 * It sits over the bars, inside the waveform's width, never over the play button or the player bar,
 * and lets clicks through to the waveform. Decorative for screen readers: the markers and the list
 * carry the same comments.
 */
function WaveformPopup({
  comments,
  track,
  durationMs,
}: {
  comments: readonly TimedComment[];
  track: PlayerTrack;
  durationMs: number;
}) {
  const player = usePlayer();
  const time = usePlayerTime();
  const [ref, width] = useWidth<HTMLDivElement>();
  // Playing, or paused right after a comment's moment (it stays up until playback moves on).
  const shown =
    player.track?.id === track.id && (player.status === 'playing' || player.status === 'paused');
  const active = shown ? activeTimedComment(comments, time.positionMs) : null;
  const left =
    active && durationMs > 0 ? popupLeftPx(active.atMs / durationMs, width, POPUP_PX) : 0;
  return (
    <div ref={ref} className="waveform-popup-layer" aria-hidden="true">
      {active ? (
        <div
          key={active.id}
          className="waveform-popup"
          style={{ left: `${left}px`, maxWidth: `${POPUP_PX}px` }}
        >
          <CommentAvatar author={active.author} size="small" />
          <span className="waveform-popup__text">
            <strong>{active.author?.displayName ?? 'Someone'}</strong>{' '}
            {preview(active.body) || 'hidden'}
          </span>
        </div>
      ) : null}
    </div>
  );
}

/**
 * Timed comments on a song's waveform: avatars along it (clustered by pixel) that seek when clicked,
 * and the comment of the moment popping up during playback. Place it right after the <Waveform> in a
 * `.song-waveform` box.
 */
export function WaveformComments({
  track,
  durationMs,
}: {
  track: PlayerTrack;
  durationMs: number | null;
}) {
  const client = useConversationClient();
  const feed = useCommentFeed();
  const comments = useTimedComments(client, track.id, feed);
  const player = usePlayer();
  const time = usePlayerTime();
  const isCurrent = player.track?.id === track.id;
  const effectiveDuration = isCurrent && time.durationMs > 0 ? time.durationMs : (durationMs ?? 0);
  // Stable across clock ticks so the markers do not re-render while the song plays.
  const playerRef = useRef(player);
  useEffect(() => {
    playerRef.current = player;
  });
  const onSeek = useMemo(
    () => (atMs: number) => {
      const current = playerRef.current;
      if (current.track?.id === track.id) current.seek(atMs);
      else current.playTrack(track, { startAtMs: atMs });
    },
    [track],
  );
  if (comments.length === 0) return null;
  return (
    <>
      <WaveformPopup comments={comments} track={track} durationMs={effectiveDuration} />
      <WaveformMarkers comments={comments} durationMs={effectiveDuration} onSeek={onSeek} />
    </>
  );
}
