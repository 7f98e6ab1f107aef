'use client';

import { useCallback, useEffect, useState } from 'react';

/**
 * After a RATE_LIMITED answer with `retryAfterSeconds`, counts down to zero (one tick per second) so
 * the form can keep its submit button disabled until the server will accept another attempt.
 * Returns the seconds left and `start(seconds)`, to call from the submit handler.
 */
export function useRetryCountdown(): [number, (seconds: number | undefined) => void] {
  const [retryWindow, setRetryWindow] = useState<{ until: number; now: number } | null>(null);
  const start = useCallback((seconds: number | undefined) => {
    const now = Date.now();
    setRetryWindow(seconds && seconds > 0 ? { until: now + seconds * 1000, now } : null);
  }, []);
  const until = retryWindow?.until;
  useEffect(() => {
    if (until === undefined) return;
    const timer = setInterval(() => {
      const now = Date.now();
      setRetryWindow((w) => (w && now < w.until ? { ...w, now } : null));
      if (now >= until) clearInterval(timer);
    }, 1000);
    return () => clearInterval(timer);
  }, [until]);
  return [
    retryWindow ? Math.max(0, Math.ceil((retryWindow.until - retryWindow.now) / 1000)) : 0,
    start,
  ];
}
