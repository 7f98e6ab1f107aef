'use client';

import Link from 'next/link';
import { useMemo } from 'react';
import { CoverArt } from '@/components/CoverArt';
import { usePlayer } from '@/player/PlayerProvider';
import { playableTracks } from '@/player/track';
import { SongPlayButton } from './SongPlayButton';
import type { TrackFields } from './track.fragment';

/** A horizontal, scrollable row of song cards (home page); play queues the row from that song. */
export function SongCardRow({ songs, label }: { songs: readonly TrackFields[]; label: string }) {
  const player = usePlayer();
  const tracks = useMemo(() => playableTracks(songs), [songs]);
  if (songs.length === 0) return <p className="empty-state">Nothing here yet.</p>;
  return (
    <ul className="song-card-row" aria-label={label}>
      {songs.map((song) => {
        const current = player.track?.id === song.id;
        return (
          <li key={song.id} className="song-card" data-current={current ? 'true' : undefined}>
            <div className="song-card__cover">
              <CoverArt src={song.coverUrl ?? song.album?.coverUrl} size="medium" />
              <SongPlayButton
                song={song}
                queue={tracks}
                className="icon-button song-card__play"
                placeholder={false}
              />
            </div>
            <Link href={`/songs/${song.id}`} className="song-card__title">
              {song.title}
            </Link>
            <Link href={`/artists/${song.artist.id}`} className="song-card__artist">
              {song.artist.name}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
