'use client';

import {
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
} from 'react';
import { formatDuration, spokenDuration } from '@/format/durations';
import { usePlayer, usePlayerTime } from './PlayerProvider';
import type { PlayerTrack } from './track';
import {
  DEFAULT_BAR_LAYOUT,
  playedFraction,
  seekTargetForKey,
  timeAtPosition,
  waveformBars,
} from './waveform';

/**
 * The song's waveform (SVG bars from the worker's peaks) and its seek slider: the played part is
 * highlighted, a click or tap seeks there, arrow keys / Page Up / Page Down / Home / End seek too.
 * When another song (or none) is loaded, seeking starts this song at that position.
 */
export function Waveform({
  peaks,
  track,
  durationMs: catalogueDurationMs,
}: {
  peaks: readonly number[];
  track: PlayerTrack;
  durationMs: number | null;
}) {
  const player = usePlayer();
  const time = usePlayerTime();
  const isCurrent = player.track?.id === track.id;
  const durationMs =
    isCurrent && time.durationMs > 0 ? time.durationMs : (catalogueDurationMs ?? 0);
  const positionMs = isCurrent ? time.positionMs : 0;
  const fraction = playedFraction(positionMs, durationMs);

  const containerRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(720);
  useEffect(() => {
    const element = containerRef.current;
    if (!element) return;
    const measure = () => setWidth(Math.max(40, Math.round(element.clientWidth)));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const { height } = DEFAULT_BAR_LAYOUT;
  const bars = useMemo(() => waveformBars(peaks, { ...DEFAULT_BAR_LAYOUT, width }), [peaks, width]);
  const clipId = `wave-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;

  const seekTo = (ms: number) => {
    if (isCurrent) player.seek(ms);
    else player.playTrack(track, { startAtMs: ms });
  };

  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    seekTo(timeAtPosition(event.clientX - rect.left, rect.width, durationMs));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const target = seekTargetForKey(event.key, positionMs, durationMs);
    if (target === undefined) return;
    event.preventDefault();
    seekTo(target);
  };

  const bodies = (
    <>
      {bars.map((bar, i) => (
        <rect key={i} x={bar.x} y={bar.y} width={bar.width} height={bar.height} rx={1.5} />
      ))}
    </>
  );

  return (
    <div
      ref={containerRef}
      className="waveform"
      role="slider"
      tabIndex={0}
      aria-label={`Seek in ${track.title}`}
      aria-valuemin={0}
      aria-valuemax={Math.round(durationMs / 1000)}
      aria-valuenow={Math.round(positionMs / 1000)}
      aria-valuetext={`${spokenDuration(positionMs)} of ${spokenDuration(durationMs)}`}
      aria-orientation="horizontal"
      onClick={onClick}
      onKeyDown={onKeyDown}
      data-current={isCurrent ? 'true' : undefined}
    >
      <svg
        className="waveform__svg"
        viewBox={`0 0 ${width} ${height}`}
        preserveAspectRatio="none"
        aria-hidden="true"
        focusable="false"
      >
        <defs>
          <clipPath id={clipId}>
            <rect x={0} y={0} width={fraction * width} height={height} />
          </clipPath>
        </defs>
        <g className="waveform__rest">{bodies}</g>
        <g className="waveform__played" clipPath={`url(#${clipId})`}>
          {bodies}
        </g>
      </svg>
      <div className="waveform__times" aria-hidden="true">
        <span>{formatDuration(positionMs)}</span>
        <span>{formatDuration(durationMs)}</span>
      </div>
    </div>
  );
}
