'use client';

import { useApolloClient } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { decideNextPoll, type PollDecision } from '@/upload/status-polling';
import { SONG_STATUS_QUERY } from './song-status.query';
import type { SongStatus } from './track.fragment';

export interface SongStatusPoll {
  /** The latest status seen (starts at `initialStatus`). */
  status: SongStatus;
  /** Set once polling stopped: READY, FAILED (with the reason) or gave up. */
  final: Exclude<PollDecision, { action: 'poll' }> | undefined;
}

/**
 * Polls `song(id) { status failureReason }` (network only) while the song is uploading or processing,
 * with the delays of `decideNextPoll`. Pass `null` to stop.
 */
export function useSongStatusPoll(
  songId: string | null,
  initialStatus: SongStatus,
): SongStatusPoll {
  const client = useApolloClient();
  const [state, setState] = useState<SongStatusPoll & { songId: string | null }>({
    songId,
    status: initialStatus,
    final: undefined,
  });
  if (state.songId !== songId) setState({ songId, status: initialStatus, final: undefined });

  useEffect(() => {
    if (!songId) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const started = Date.now();
    let attempt = 0;
    let consecutiveErrors = 0;
    const poll = async () => {
      let answer: Parameters<typeof decideNextPoll>[0];
      try {
        const { data } = await client.query({
          query: SONG_STATUS_QUERY,
          variables: { id: songId },
          fetchPolicy: 'network-only',
        });
        answer = data?.song
          ? { kind: 'song', status: data.song.status, failureReason: data.song.failureReason }
          : { kind: 'missing' };
      } catch {
        answer = { kind: 'error' };
      }
      if (stopped) return;
      const decision = decideNextPoll(answer, {
        attempt: attempt++,
        elapsedMs: Date.now() - started,
        consecutiveErrors,
      });
      consecutiveErrors = answer.kind === 'error' ? consecutiveErrors + 1 : 0;
      setState((s) => ({
        ...s,
        status: answer.kind === 'song' ? answer.status : s.status,
        final: decision.action === 'poll' ? undefined : decision,
      }));
      if (decision.action === 'poll') timer = setTimeout(poll, decision.delayMs);
    };
    timer = setTimeout(poll, 800);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [client, songId]);

  return { status: state.status, final: state.final };
}
