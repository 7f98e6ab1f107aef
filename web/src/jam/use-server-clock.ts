'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { useApolloClient } from '@apollo/client/react';
import { ClockJumpDetector, ClockSync } from './clock-sync';
import { SERVER_TIME_QUERY } from './jam.operations';

/** Round trips in a burst when (re)syncing, and the pause between periodic ones. */
const BURST = 6;
const BURST_SPACING_MS = 150;
const RESYNC_INTERVAL_MS = 15_000;
const JUMP_CHECK_INTERVAL_MS = 2_000;

export interface ServerClock {
  /** The estimator (read offsetMs / serverNow at any time; it changes without re-rendering). */
  sync: ClockSync;
  /** Re-renders when the estimate changes, for the UI and tests. */
  offsetMs: number;
  delayMs: number;
  synced: boolean;
  /** Fresh estimates started so far (after a reconnect, a wake, a clock jump), for the UI and tests. */
  resyncs: number;
  /** Start over (e.g. after a reconnect). */
  resync(): void;
}

/**
 * NTP-style server clock for the Jam page: a burst of `serverTime` round trips at start, one every
 * 15 s after, and a fresh burst (samples dropped) when the page becomes visible again, the network
 * comes back, or the local clock jumped (sleep, changed system time).
 */
export function useServerClock(): ServerClock {
  const client = useApolloClient();
  const [sync] = useState(() => new ClockSync());
  const [estimate, setEstimate] = useState({ offsetMs: 0, delayMs: Infinity, synced: false });
  const [resyncs, setResyncs] = useState(0);
  const resyncRef = useRef<() => void>(() => undefined);

  useEffect(() => {
    let cancelled = false;
    let burstToken = 0;

    const roundTrip = async () => {
      const t0 = Date.now();
      const result = await client.query({ query: SERVER_TIME_QUERY, fetchPolicy: 'no-cache' });
      const t3 = Date.now();
      if (cancelled || result.data?.serverTime == null) return;
      sync.addRoundTrip(t0, result.data.serverTime, t3);
      setEstimate({ offsetMs: sync.offsetMs, delayMs: sync.delayMs, synced: sync.synced });
    };
    const burst = async (reset: boolean) => {
      const token = ++burstToken;
      if (reset) {
        sync.startOver();
        setResyncs((count) => count + 1);
      }
      for (let i = 0; i < BURST && !cancelled && token === burstToken; i += 1) {
        try {
          await roundTrip();
        } catch {
          // Router unreachable for a moment: the periodic round trip tries again.
        }
        await new Promise((resolve) => setTimeout(resolve, BURST_SPACING_MS));
      }
    };
    resyncRef.current = () => void burst(true);
    void burst(false);

    const periodic = setInterval(() => void roundTrip().catch(() => undefined), RESYNC_INTERVAL_MS);
    const detector = new ClockJumpDetector(1_000, JUMP_CHECK_INTERVAL_MS * 5);
    detector.check(Date.now(), performance.now());
    const jumpCheck = setInterval(() => {
      if (detector.check(Date.now(), performance.now())) void burst(true);
    }, JUMP_CHECK_INTERVAL_MS);
    const onVisible = () => {
      if (document.visibilityState === 'visible') void burst(true);
    };
    const onOnline = () => void burst(true);
    document.addEventListener('visibilitychange', onVisible);
    window.addEventListener('online', onOnline);
    return () => {
      cancelled = true;
      clearInterval(periodic);
      clearInterval(jumpCheck);
      document.removeEventListener('visibilitychange', onVisible);
      window.removeEventListener('online', onOnline);
    };
  }, [client, sync]);

  const resync = useCallback(() => resyncRef.current(), []);

  return {
    sync,
    ...estimate,
    resyncs,
    resync,
  };
}
