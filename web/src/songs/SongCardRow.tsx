'use client';

import Link from 'next/link';
import { useMemo } from 'react';
import { CoverArt } from '@/components/CoverArt';
import { PauseIcon, PlayIcon } from '@/player/icons';
import { usePlayer } from '@/player/PlayerProvider';
import { playableTracks, trackFromSong } from '@/player/track';
import type { TrackFields } from './track.fragment';

/** A horizontal, scrollable row of song cards (home page); play queues the row from that song. */
export function SongCardRow({ songs, label }: { songs: readonly TrackFields[]; label: string }) {
  const player = usePlayer();
  const tracks = useMemo(() => playableTracks(songs), [songs]);
  if (songs.length === 0) return <p className="empty-state">Nothing here yet.</p>;
  return (
    <ul className="song-card-row" aria-label={label}>
      {songs.map((song) => {
        const track = trackFromSong(song);
        const current = player.track?.id === song.id;
        const playing = current && (player.status === 'playing' || player.status === 'loading');
        return (
          <li key={song.id} className="song-card" data-current={current ? 'true' : undefined}>
            <div className="song-card__cover">
              <CoverArt src={song.coverUrl ?? song.album?.coverUrl} size="medium" />
              {track ? (
                <button
                  type="button"
                  className="icon-button song-card__play"
                  aria-label={`${playing ? 'Pause' : 'Play'} ${song.title}`}
                  onClick={() => {
                    if (current) player.togglePlay();
                    else
                      player.playQueue(
                        tracks,
                        tracks.findIndex((t) => t.id === song.id),
                      );
                  }}
                >
                  {playing ? <PauseIcon /> : <PlayIcon />}
                </button>
              ) : null}
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
