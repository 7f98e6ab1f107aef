'use client';

import { useCallback, useEffect, useRef, type RefObject } from 'react';
import { getSession, useSession } from 'next-auth/react';
import type { Session } from 'next-auth';
import { REFRESH_MARGIN_MS, shouldRefreshAccessToken } from '@/auth/session-token';
import {
  markJump,
  markPaused,
  playReportOf,
  samplePosition,
  startAccount,
  type PlayAccount,
  type PlayReport,
} from './play-accounting';
import { sendPlayReport } from './play-report';
import { RECORD_PLAY } from './record-play.operation';
import type { PlayerTrack } from './track';

/**
 * Play reporting for the one <audio> element: keeps the listening account of the loaded song
 * (play-accounting.ts) from its events, and reports it with `recordPlay` when the song ends, when
 * another one is loaded (skip, previous, a new queue: the provider calls `finish()`), and when the
 * page is left (pagehide, with a keepalive request). Only for a signed-in listener.
 */
export function usePlayReporting(
  audioRef: RefObject<HTMLAudioElement | null>,
  track: PlayerTrack | undefined,
  graphqlUrl: string | undefined,
): { finish: (leaving?: boolean) => void } {
  const { data: session } = useSession();
  const sessionRef = useRef<Session | null>(session);
  const trackRef = useRef(track);
  const accountRef = useRef<PlayAccount | null>(null);
  useEffect(() => {
    sessionRef.current = session;
  }, [session]);
  useEffect(() => {
    trackRef.current = track;
  }, [track]);

  const send = useCallback(
    (report: PlayReport, leaving: boolean) => {
      const current = sessionRef.current;
      if (!graphqlUrl || !current?.accessToken || current.error) return;
      const go = (accessToken: string) =>
        void sendPlayReport(RECORD_PLAY, report, { graphqlUrl, accessToken });
      const stale = shouldRefreshAccessToken(
        {
          refreshToken: 'opaque',
          accessTokenExpiresAt: current.accessTokenExpiresAt,
          error: current.error,
        },
        Date.now(),
        REFRESH_MARGIN_MS,
      );
      if (!stale || leaving) {
        go(current.accessToken);
        return;
      }
      void getSession().then((fresh) => {
        sessionRef.current = fresh;
        if (fresh?.accessToken && !fresh.error) go(fresh.accessToken);
      });
    },
    [graphqlUrl],
  );

  /** Counts the time since the last sample, if the element is playing. */
  const sampleNow = useCallback(() => {
    const audio = audioRef.current;
    const account = accountRef.current;
    if (!audio || !account || audio.seeking) return;
    accountRef.current = samplePosition(
      account,
      audio.currentTime * 1000,
      performance.now(),
      audio.playbackRate,
    );
  }, [audioRef]);

  const finish = useCallback(
    (leaving = false) => {
      const audio = audioRef.current;
      if (audio && !audio.paused) sampleNow();
      const account = accountRef.current;
      accountRef.current = null;
      const streamMs =
        audio && Number.isFinite(audio.duration) && audio.duration > 0
          ? audio.duration * 1000
          : null;
      const report = playReportOf(account, streamMs ?? trackRef.current?.durationMs);
      if (report) send(report, leaving);
    },
    [audioRef, sampleNow, send],
  );

  useEffect(() => {
    const audio = audioRef.current;
    if (!audio) return;
    const onTimeUpdate = () => {
      const current = trackRef.current;
      if (!current || audio.paused) return;
      if (accountRef.current && accountRef.current.songId !== current.id) finish();
      accountRef.current ??= startAccount(current.id);
      sampleNow();
    };
    const onSeeking = () => {
      if (accountRef.current) accountRef.current = markJump(accountRef.current);
    };
    const onPause = () => {
      sampleNow();
      if (accountRef.current) accountRef.current = markPaused(accountRef.current);
    };
    const onEnded = () => finish();
    const onPageHide = () => finish(true);
    audio.addEventListener('timeupdate', onTimeUpdate);
    audio.addEventListener('seeking', onSeeking);
    audio.addEventListener('pause', onPause);
    audio.addEventListener('ended', onEnded);
    window.addEventListener('pagehide', onPageHide);
    return () => {
      audio.removeEventListener('timeupdate', onTimeUpdate);
      audio.removeEventListener('seeking', onSeeking);
      audio.removeEventListener('pause', onPause);
      audio.removeEventListener('ended', onEnded);
      window.removeEventListener('pagehide', onPageHide);
    };
  }, [audioRef, finish, sampleNow]);

  return { finish };
}
