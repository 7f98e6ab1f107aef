'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import type { SongStatus } from '@/songs/track.fragment';
import { useSongStatusPoll } from '@/songs/use-song-status-poll';

/** On a song still uploading or processing: polls its status and re-renders the page when it moves. */
export function SongStatusWatcher({ id, status }: { id: string; status: SongStatus }) {
  const router = useRouter();
  const polled = useSongStatusPoll(id, status);
  useEffect(() => {
    if (polled.status !== status) router.refresh();
  }, [polled.status, status, router]);
  return null;
}
