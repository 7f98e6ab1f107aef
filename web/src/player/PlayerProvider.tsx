'use client';

import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { attachHls, type AttachedSource } from './media-source';
import {
  currentTrack,
  EMPTY_QUEUE,
  hasNext,
  hasPrevious,
  nextInQueue,
  playQueue as queueFrom,
  playTrack as queueWithTrack,
  previousInQueue,
  type QueueState,
} from './queue';
import type { PlayerTrack } from './track';
import { useLoudnessNormalisation } from './use-normalisation';
import { usePlayReporting } from './use-play-reporting';

/**
 * The one <audio> element of the site and its hls.js instance. Mounted by the root layout, so music
 * keeps playing while the listener moves between pages; pages ask it to play a song or a queue
 * through `usePlayer()`. Position and duration live in a separate context (`usePlayerTime()`)
 * because they change many times a second.
 */

export type PlaybackStatus = 'idle' | 'loading' | 'playing' | 'paused' | 'ended' | 'error';

export interface PlayOptions {
  /** Start at this position instead of the beginning (e.g. a click on the waveform). */
  startAtMs?: number;
  /** Start playing once loaded (default). A Jam loads paused and starts at a scheduled instant. */
  autoplay?: boolean;
}

export interface PlayerApi {
  queue: QueueState;
  track: PlayerTrack | undefined;
  status: PlaybackStatus;
  /** Waiting for data while playing. */
  buffering: boolean;
  error: string | undefined;
  hasNext: boolean;
  hasPrevious: boolean;
  playQueue(tracks: readonly PlayerTrack[], startIndex?: number, options?: PlayOptions): void;
  playTrack(track: PlayerTrack, options?: PlayOptions): void;
  play(): void;
  pause(): void;
  togglePlay(): void;
  seek(ms: number): void;
  next(): void;
  previous(): void;
  /** The "Normalise volume" setting (loudness towards −14 LUFS; on by default, kept per browser). */
  normaliseVolume: boolean;
  setNormaliseVolume(on: boolean): void;
  /** The gain normalisation applies to the current song, in dB (0 when off). */
  normalisationGainDb: number;
  /** The one <audio> element, for code that drives it precisely (a Jam's synced playback). */
  mediaElement(): HTMLAudioElement | null;
  /**
   * Call inside a click that starts sound on `mediaElement()` directly: builds / resumes the Web
   * Audio path (volume normalisation), which the browser keeps suspended until a user gesture.
   */
  prepareAudioOutput(): void;
  /** The Web Audio path exists but the browser keeps it suspended (no gesture yet): no sound. */
  audioOutputSuspended(): boolean;
}

export interface PlayerTime {
  positionMs: number;
  /** The stream's duration once known, else the catalogue's `durationMs`, else 0. */
  durationMs: number;
}

const PlayerContext = createContext<PlayerApi | null>(null);
const PlayerTimeContext = createContext<PlayerTime>({ positionMs: 0, durationMs: 0 });

export function usePlayer(): PlayerApi {
  const api = useContext(PlayerContext);
  if (!api) throw new Error('usePlayer() must be used inside <PlayerProvider>');
  return api;
}

export function usePlayerTime(): PlayerTime {
  return useContext(PlayerTimeContext);
}

export function PlayerProvider({
  children,
  graphqlUrl,
}: {
  children: ReactNode;
  /** The router as the browser calls it: plays are reported there (`recordPlay`). */
  graphqlUrl?: string;
}) {
  const audioRef = useRef<HTMLAudioElement>(null);
  const sourceRef = useRef<AttachedSource | null>(null);
  const loadTokenRef = useRef(0);
  const [queue, setQueue] = useState<QueueState>(EMPTY_QUEUE);
  const queueRef = useRef(queue);
  const [status, setStatus] = useState<PlaybackStatus>('idle');
  const [buffering, setBuffering] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [time, setTime] = useState<PlayerTime>({ positionMs: 0, durationMs: 0 });

  const track = currentTrack(queue);
  const fallbackDurationMs = track?.durationMs ?? 0;
  const normalisation = useLoudnessNormalisation(audioRef, track);
  const { prepare: prepareAudioGraph, outputSuspended } = normalisation;
  const { finish: finishPlayReport } = usePlayReporting(audioRef, track, graphqlUrl);

  const commitQueue = useCallback((next: QueueState) => {
    queueRef.current = next;
    setQueue(next);
  }, []);

  const startPlayback = useCallback(() => {
    const audio = audioRef.current;
    if (!audio) return;
    audio.play().catch((e: unknown) => {
      // Autoplay refused (no user gesture yet) or the load was replaced: wait for the play button.
      if (e instanceof DOMException && e.name === 'AbortError') return;
      setStatus('paused');
    });
  }, []);

  const load = useCallback(
    (next: PlayerTrack, options: PlayOptions = {}, resuming = false) => {
      const audio = audioRef.current;
      if (!audio) return;
      // What was listened to of the song being replaced (a skip, a new queue, a restart) is a play.
      if (!resuming) finishPlayReport();
      prepareAudioGraph();
      const token = ++loadTokenRef.current;
      sourceRef.current?.detach();
      sourceRef.current = null;
      audio.pause();
      setStatus('loading');
      setError(undefined);
      setBuffering(false);
      setTime({ positionMs: options.startAtMs ?? 0, durationMs: next.durationMs ?? 0 });
      void attachHls(audio, next.masterUrl, {
        startAtMs: options.startAtMs,
        onReady: () => {
          if (token === loadTokenRef.current && options.autoplay !== false) startPlayback();
          else if (token === loadTokenRef.current) setStatus('paused');
        },
        onFatalError: (message) => {
          if (token !== loadTokenRef.current) return;
          setError(message);
          setStatus('error');
        },
      }).then((source) => {
        if (token === loadTokenRef.current) sourceRef.current = source;
        else source.detach();
      });
    },
    [startPlayback, finishPlayReport, prepareAudioGraph],
  );

  const playQueue = useCallback(
    (tracks: readonly PlayerTrack[], startIndex = 0, options?: PlayOptions) => {
      const next = queueFrom(tracks, startIndex);
      commitQueue(next);
      const first = currentTrack(next);
      if (first) load(first, options);
    },
    [commitQueue, load],
  );

  const playTrack = useCallback(
    (next: PlayerTrack, options?: PlayOptions) => {
      const updated = queueWithTrack(queueRef.current, next);
      commitQueue(updated);
      load(next, options);
    },
    [commitQueue, load],
  );

  const seek = useCallback((ms: number) => {
    const audio = audioRef.current;
    if (!audio || !Number.isFinite(ms)) return;
    const seconds = Math.max(0, ms / 1000);
    audio.currentTime = seconds;
    setTime((t) => ({ ...t, positionMs: seconds * 1000 }));
  }, []);

  const play = useCallback(() => {
    const audio = audioRef.current;
    const current = currentTrack(queueRef.current);
    if (!audio || !current) return;
    if (!sourceRef.current || audio.error) {
      load(current, { startAtMs: audio.currentTime * 1000 || 0 }, true);
      return;
    }
    prepareAudioGraph();
    if (audio.ended) audio.currentTime = 0;
    startPlayback();
  }, [load, startPlayback, prepareAudioGraph]);

  const pause = useCallback(() => audioRef.current?.pause(), []);

  const togglePlay = useCallback(() => {
    const audio = audioRef.current;
    if (!audio) return;
    if (audio.paused) play();
    else audio.pause();
  }, [play]);

  const next = useCallback(() => {
    const following = nextInQueue(queueRef.current);
    if (!following) return;
    commitQueue(following);
    load(currentTrack(following)!);
  }, [commitQueue, load]);

  const previous = useCallback(() => {
    const audio = audioRef.current;
    const { queue: before, restart } = previousInQueue(
      queueRef.current,
      (audio?.currentTime ?? 0) * 1000,
    );
    if (restart) {
      seek(0);
      return;
    }
    commitQueue(before);
    load(currentTrack(before)!);
  }, [commitQueue, load, seek]);

  // Media element events → state.
  useEffect(() => {
    const audio = audioRef.current;
    if (!audio) return;
    const readTime = () =>
      setTime((t) => {
        const duration = Number.isFinite(audio.duration) && audio.duration > 0;
        const positionMs = audio.currentTime * 1000;
        const durationMs = duration ? audio.duration * 1000 : t.durationMs;
        return Math.abs(positionMs - t.positionMs) < 1 && durationMs === t.durationMs
          ? t
          : { positionMs, durationMs };
      });
    const onPlaying = () => {
      setStatus('playing');
      setBuffering(false);
    };
    const onPause = () => setStatus((s) => (s === 'error' || s === 'loading' ? s : 'paused'));
    const onWaiting = () => setBuffering(true);
    const onEnded = () => {
      const following = nextInQueue(queueRef.current);
      if (following) {
        commitQueue(following);
        load(currentTrack(following)!);
      } else {
        setStatus('ended');
      }
    };
    const onError = () => {
      if (!audio.getAttribute('src') && !audio.currentSrc) return; // detached on purpose
      setError('This song could not be played.');
      setStatus('error');
    };
    audio.addEventListener('playing', onPlaying);
    audio.addEventListener('pause', onPause);
    audio.addEventListener('waiting', onWaiting);
    audio.addEventListener('ended', onEnded);
    audio.addEventListener('error', onError);
    audio.addEventListener('timeupdate', readTime);
    audio.addEventListener('durationchange', readTime);
    audio.addEventListener('seeked', readTime);
    return () => {
      audio.removeEventListener('playing', onPlaying);
      audio.removeEventListener('pause', onPause);
      audio.removeEventListener('waiting', onWaiting);
      audio.removeEventListener('ended', onEnded);
      audio.removeEventListener('error', onError);
      audio.removeEventListener('timeupdate', readTime);
      audio.removeEventListener('durationchange', readTime);
      audio.removeEventListener('seeked', readTime);
    };
  }, [commitQueue, load]);

  // Smooth progress while playing (timeupdate fires only ~4 times a second).
  useEffect(() => {
    if (status !== 'playing') return;
    const audio = audioRef.current;
    if (!audio) return;
    let frame = requestAnimationFrame(function tick() {
      setTime((t) =>
        Math.abs(audio.currentTime * 1000 - t.positionMs) < 30
          ? t
          : { ...t, positionMs: audio.currentTime * 1000 },
      );
      frame = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(frame);
  }, [status]);

  // Lock screen / media keys.
  useEffect(() => {
    if (typeof navigator === 'undefined' || !('mediaSession' in navigator) || !track) return;
    navigator.mediaSession.metadata = new MediaMetadata({
      title: track.title,
      artist: track.artistName,
      album: track.albumTitle ?? '',
      artwork: track.coverUrl ? [{ src: track.coverUrl }] : [],
    });
    const handlers: [MediaSessionAction, MediaSessionActionHandler | null][] = [
      ['play', () => play()],
      ['pause', () => pause()],
      ['nexttrack', hasNext(queue) ? () => next() : null],
      ['previoustrack', () => previous()],
      ['seekto', (d) => (d.seekTime !== undefined ? seek(d.seekTime * 1000) : undefined)],
    ];
    for (const [action, handler] of handlers) {
      try {
        navigator.mediaSession.setActionHandler(action, handler);
      } catch {
        // action not supported by this browser
      }
    }
  }, [track, queue, play, pause, next, previous, seek]);

  useEffect(() => () => sourceRef.current?.detach(), []);

  const mediaElement = useCallback(() => audioRef.current, []);

  const api = useMemo<PlayerApi>(
    () => ({
      queue,
      track,
      status,
      buffering,
      error,
      hasNext: hasNext(queue),
      hasPrevious: hasPrevious(queue),
      playQueue,
      playTrack,
      play,
      pause,
      togglePlay,
      seek,
      next,
      previous,
      normaliseVolume: normalisation.enabled,
      setNormaliseVolume: normalisation.setEnabled,
      normalisationGainDb: normalisation.gainDb,
      mediaElement,
      prepareAudioOutput: prepareAudioGraph,
      audioOutputSuspended: outputSuspended,
    }),
    [
      normalisation.enabled,
      normalisation.setEnabled,
      normalisation.gainDb,
      queue,
      track,
      status,
      buffering,
      error,
      playQueue,
      playTrack,
      play,
      pause,
      togglePlay,
      seek,
      next,
      previous,
      mediaElement,
      prepareAudioGraph,
      outputSuspended,
    ],
  );
  const timeValue = useMemo<PlayerTime>(
    () => ({
      positionMs: time.positionMs,
      durationMs: time.durationMs > 0 ? time.durationMs : fallbackDurationMs,
    }),
    [time, fallbackDurationMs],
  );

  return (
    <PlayerContext.Provider value={api}>
      <PlayerTimeContext.Provider value={timeValue}>
        {children}
        {/* No controls: the player bar is the UI. preload none: nothing loads until "play". */}
        {/* crossOrigin: the stream reaches Web Audio (volume normalisation) only with CORS. */}
        <audio ref={audioRef} preload="none" crossOrigin="anonymous" hidden />
      </PlayerTimeContext.Provider>
    </PlayerContext.Provider>
  );
}
