'use client';

import { useEffect, useRef } from 'react';
import { useLiveConnection } from '@/graphql/use-live-connection';
import type { LiveConnectionState } from '@/graphql/live-connection';
import { ResumeWatch } from './resume-watch';

/**
 * Keeps the Jam page right after an interruption. When the live connection comes back (a new
 * socket after a drop, or the Jam subscription started again after the preferences service
 * restarted) the subscription's first event brings the full state again; this re-estimates the
 * clock offset and refetches the details (names, songs). When the page comes back after being
 * hidden long, or the network comes back, it drops the socket on purpose (it may be dead after a
 * sleep) so that all of this happens at once rather than at the next missed ping.
 */
export function useJamResync(onResync: () => void): LiveConnectionState {
  const { connection, state } = useLiveConnection();
  const onResyncRef = useRef(onResync);
  useEffect(() => {
    onResyncRef.current = onResync;
  }, [onResync]);

  useEffect(() => {
    if (!connection) return;
    const stopListening = connection.onResync(() => onResyncRef.current());
    const watch = new ResumeWatch();
    const onVisibility = () => {
      if (watch.visibilityChanged(document.visibilityState === 'visible')) connection.reconnect();
    };
    const onOnline = () => connection.reconnect();
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('online', onOnline);
    return () => {
      stopListening();
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('online', onOnline);
    };
  }, [connection]);

  return state;
}
