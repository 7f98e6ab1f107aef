'use client';

import { useCallback, useSyncExternalStore } from 'react';

/**
 * The current time to `intervalMs`, re-rendering once per interval (a local clock for "5 minutes ago"
 * and the edit window, not a network poll). 0 on the server and while hydrating, so the markup
 * matches; the real time follows right after.
 */
export function useNow(intervalMs = 30_000): number {
  const subscribe = useCallback(
    (onTick: () => void) => {
      const timer = setInterval(onTick, intervalMs);
      return () => clearInterval(timer);
    },
    [intervalMs],
  );
  return useSyncExternalStore(
    subscribe,
    () => Math.floor(Date.now() / intervalMs) * intervalMs,
    () => 0,
  );
}
