'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { usePlayer } from '@/player/PlayerProvider';
import type { PlayerTrack } from '@/player/track';
import { isAutoplayRefusal, needsGesture } from './autoplay';
import type { ClockSync } from './clock-sync';
import { correctDrift } from './drift-correction';
import { livePositionMs, planStart, type JamPlaybackState } from './live-position';

/** How often the media element is compared with the Jam. */
const TICK_MS = 100;
/** After a seek, let the element settle before judging drift again. */
const SEEK_SETTLE_MS = 1_000;
/** Paused: re-seek when the element is further than this from the Jam's position. */
const PAUSED_TOLERANCE_MS = 50;

export interface JamSyncTarget {
  /** The current item's track (null: nothing to play). */
  track: PlayerTrack | null;
  /** Identifies the current queue item (a song can be queued twice). */
  itemId: string | null;
  playback: JamPlaybackState;
}

export interface JamSyncState {
  /** The browser refused play() without a gesture: show "Tap to join the audio". */
  autoplayBlocked: boolean;
  /** Last measured drift (local - Jam), ms, while playing. */
  driftMs: number | null;
  /** Call from a click: plays (a gesture unlocks autoplay) and resumes syncing. */
  joinAudio(): void;
}

/**
 * Drives the site's <audio> from the Jam's server-authoritative playback: loads the current item
 * paused, schedules starts slightly in the future (server time) so everyone starts together, then
 * every 100 ms compares the element with the live position and nudges playbackRate or seeks.
 */
export function useJamSync(target: JamSyncTarget | null, clock: ClockSync): JamSyncState {
  const player = usePlayer();
  const [autoplayBlocked, setAutoplayBlocked] = useState(false);
  const [driftMs, setDriftMs] = useState<number | null>(null);
  const targetRef = useRef(target);
  useEffect(() => {
    targetRef.current = target;
  }, [target]);
  const loadedItemRef = useRef<string | null>(null);
  const startTimerRef = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const startingRef = useRef(false);
  const settleUntilRef = useRef(0);
  const blockedRef = useRef(false);
  const { mediaElement, playQueue, prepareAudioOutput, audioOutputSuspended } = player;

  const setBlocked = useCallback((blocked: boolean) => {
    blockedRef.current = blocked;
    setAutoplayBlocked(blocked);
  }, []);

  /**
   * play(), and the answer: refused by the autoplay policy, or let through into a Web Audio output
   * the browser keeps suspended (silent, stalled) → the blocked state ("Tap to join the audio") and
   * no further attempt until a click; any other failure (a replaced load) is retried by the next
   * tick.
   */
  const tryPlay = useCallback(
    (audio: HTMLAudioElement, inGesture = false) => {
      let attempt: Promise<void> | undefined;
      try {
        attempt = audio.play();
      } catch (error) {
        // Old engines throw instead of returning a promise.
        if (isAutoplayRefusal(error)) setBlocked(true);
        return;
      }
      attempt?.then(
        () =>
          // From a click, the output's resume() is under way (it settles after play() does).
          setBlocked(
            !inGesture &&
              needsGesture({ paused: audio.paused, outputSuspended: audioOutputSuspended() }),
          ),
        (error: unknown) => {
          if (isAutoplayRefusal(error)) setBlocked(true);
        },
      );
    },
    [setBlocked, audioOutputSuspended],
  );

  useEffect(() => {
    const tick = () => {
      const audio = mediaElement();
      const current = targetRef.current;
      if (!audio || !current) return;
      if (!current.track || !current.itemId) {
        if (!audio.paused) audio.pause();
        return;
      }
      const now = Date.now();
      const serverNow = clock.serverNow(now);
      const durationMs = current.track.durationMs ?? undefined;
      if (loadedItemRef.current !== current.itemId) {
        loadedItemRef.current = current.itemId;
        startingRef.current = false;
        clearTimeout(startTimerRef.current);
        playQueue([current.track], 0, {
          startAtMs: livePositionMs(current.playback, serverNow, durationMs),
          autoplay: false,
        });
        return;
      }
      if (audio.readyState < HTMLMediaElement.HAVE_METADATA) return;
      const localMs = audio.currentTime * 1000;
      if (!current.playback.playing) {
        clearTimeout(startTimerRef.current);
        startingRef.current = false;
        if (!audio.paused) audio.pause();
        audio.playbackRate = 1;
        setDriftMs(null);
        if (Math.abs(localMs - current.playback.positionMs) > PAUSED_TOLERANCE_MS)
          audio.currentTime = current.playback.positionMs / 1000;
        return;
      }
      if (blockedRef.current) {
        // Started by a gesture elsewhere (the player bar's play button): the refusal is over, once
        // the element plays and its Web Audio output runs.
        if (needsGesture({ paused: audio.paused, outputSuspended: audioOutputSuspended() })) return;
        setBlocked(false);
      }
      if (audio.paused) {
        if (startingRef.current) return;
        // Scheduled start: seek to where the Jam will be shortly, then start at that instant.
        const plan = planStart(current.playback, serverNow, undefined, durationMs);
        startingRef.current = true;
        audio.playbackRate = 1;
        audio.currentTime = plan.seekToMs / 1000;
        startTimerRef.current = setTimeout(
          () => {
            startingRef.current = false;
            settleUntilRef.current = Date.now() + SEEK_SETTLE_MS;
            tryPlay(audio);
          },
          Math.max(0, plan.startAtServerMs - clock.serverNow(Date.now())),
        );
        return;
      }
      const targetMs = livePositionMs(current.playback, serverNow, durationMs);
      setDriftMs(Math.round(localMs - targetMs));
      if (now < settleUntilRef.current || audio.seeking) return;
      const correction = correctDrift(localMs, targetMs, true, audio.playbackRate);
      if (correction.kind === 'seek') {
        audio.playbackRate = 1;
        audio.currentTime = correction.toMs / 1000;
        settleUntilRef.current = now + SEEK_SETTLE_MS;
      } else if (audio.playbackRate !== correction.playbackRate) {
        audio.playbackRate = correction.playbackRate;
      }
    };
    const timer = setInterval(tick, TICK_MS);
    tick();
    return () => {
      clearInterval(timer);
      clearTimeout(startTimerRef.current);
      startingRef.current = false;
    };
  }, [clock, mediaElement, playQueue, setBlocked, tryPlay, audioOutputSuspended]);

  // A new playback state (PLAY, SEEK, …) is judged afresh, without waiting for a settle period.
  const playbackKey = target
    ? `${target.itemId}:${target.playback.playing}:${target.playback.positionMs}:${target.playback.serverTimeMs}`
    : '';
  useEffect(() => {
    settleUntilRef.current = 0;
  }, [playbackKey]);

  // Leaving the page stops the Jam's audio and gives the element back at rate 1.
  useEffect(
    () => () => {
      const audio = mediaElement();
      if (audio) {
        audio.pause();
        audio.playbackRate = 1;
      }
    },
    [mediaElement],
  );

  const joinAudio = useCallback(() => {
    const audio = mediaElement();
    setBlocked(false);
    if (!audio) return;
    // The Web Audio path was built when the song loaded, without a gesture: resume it in this
    // click too, or the element would play into a suspended AudioContext (silent, stalled).
    prepareAudioOutput();
    // Start where the Jam is now (the element waited where it was when play() was refused), in
    // this click's call stack: the gesture is what lets play() through.
    const current = targetRef.current;
    if (current?.playback.playing && audio.readyState >= HTMLMediaElement.HAVE_METADATA) {
      const durationMs = current.track?.durationMs ?? undefined;
      audio.playbackRate = 1;
      audio.currentTime =
        livePositionMs(current.playback, clock.serverNow(Date.now()), durationMs) / 1000;
      settleUntilRef.current = Date.now() + SEEK_SETTLE_MS;
    }
    tryPlay(audio, true);
  }, [clock, mediaElement, prepareAudioOutput, setBlocked, tryPlay]);

  return { autoplayBlocked, driftMs, joinAudio };
}
