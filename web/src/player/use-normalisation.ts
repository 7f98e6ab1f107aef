'use client';

import { useCallback, useEffect, useRef, type RefObject } from 'react';
import { NormalisationGraph } from './audio-graph';
import { normalisationGain, normalisationGainDb } from './loudness';
import { useNormaliseSetting } from './normalise-setting';
import type { PlayerTrack } from './track';

export interface LoudnessNormalisation {
  enabled: boolean;
  setEnabled(on: boolean): void;
  /** The current song's gain in dB while enabled (0 when off or unknown). */
  gainDb: number;
  /** Call from the click that starts playback: builds / resumes the Web Audio graph if enabled. */
  prepare(): void;
  /** The Web Audio graph exists and is suspended: the element's sound goes nowhere until a gesture. */
  outputSuspended(): boolean;
}

/** Loudness normalisation of the player's <audio>: the setting, and the gain of the current song. */
export function useLoudnessNormalisation(
  audioRef: RefObject<HTMLAudioElement | null>,
  track: PlayerTrack | undefined,
): LoudnessNormalisation {
  const [enabled, setSetting] = useNormaliseSetting();
  const enabledRef = useRef(enabled);
  const graphRef = useRef<NormalisationGraph | null>(null);
  const graph = useCallback(() => {
    if (!graphRef.current && audioRef.current)
      graphRef.current = new NormalisationGraph(audioRef.current);
    return graphRef.current;
  }, [audioRef]);

  const info = { loudnessLufs: track?.loudnessLufs, waveform: track?.waveform };
  const gain = normalisationGain(info, enabled);
  const gainDb = enabled ? normalisationGainDb(info) : 0;

  useEffect(() => {
    enabledRef.current = enabled;
  }, [enabled]);
  useEffect(() => {
    graph()?.setGain(gain);
  }, [graph, gain]);

  const prepare = useCallback(() => {
    if (enabledRef.current) graph()?.ensureRunning();
  }, [graph]);

  const setEnabled = useCallback(
    (on: boolean) => {
      enabledRef.current = on;
      setSetting(on);
      if (on) graph()?.ensureRunning();
    },
    [graph, setSetting],
  );

  const outputSuspended = useCallback(() => graphRef.current?.suspended ?? false, []);

  return { enabled, setEnabled, gainDb, prepare, outputSuspended };
}
