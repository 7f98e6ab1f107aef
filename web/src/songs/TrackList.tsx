'use client';

import Link from 'next/link';
import { useMemo } from 'react';
import { formatDuration, spokenDuration } from '@/format/durations';
import { PlayIcon } from '@/player/icons';
import { AddToPlaylistMenu } from '@/playlists/AddToPlaylistMenu';
import { LikeButton } from '@/preferences/LikeButton';
import { usePlayer } from '@/player/PlayerProvider';
import { playableTracks } from '@/player/track';
import { SongPlayButton } from './SongPlayButton';
import { SongStatusBadge } from './SongStatusBadge';
import type { TrackFields } from './track.fragment';

/**
 * A numbered track list with a play button per song; "Play all" (outside, via `PlayAllButton`)
 * queues every playable song in order. Playing one song queues the whole list from it.
 */
export function TrackList({
  songs,
  showAlbum = false,
  label,
}: {
  songs: readonly TrackFields[];
  showAlbum?: boolean;
  label: string;
}) {
  const player = usePlayer();
  const tracks = useMemo(() => playableTracks(songs), [songs]);
  if (songs.length === 0) return <p className="empty-state">No songs here yet.</p>;
  return (
    <ol className="track-list" aria-label={label}>
      {songs.map((song, i) => {
        const current = player.track?.id === song.id;
        return (
          <li
            key={`${song.id}-${i}`}
            className="track-row"
            data-current={current ? 'true' : undefined}
          >
            <span className="track-row__number" aria-hidden="true">
              {i + 1}
            </span>
            <SongPlayButton song={song} queue={tracks} />
            <div className="track-row__main">
              <Link href={`/songs/${song.id}`} className="track-row__title">
                {song.title}
              </Link>
              <span className="track-row__sub">
                <Link href={`/artists/${song.artist.id}`}>{song.artist.name}</Link>
                {showAlbum && song.album ? (
                  <>
                    {' · '}
                    <Link href={`/albums/${song.album.id}`}>{song.album.title}</Link>
                  </>
                ) : null}
              </span>
            </div>
            {song.status !== 'READY' ? <SongStatusBadge status={song.status} /> : null}
            <LikeButton songId={song.id} title={song.title} initial={song} />
            <AddToPlaylistMenu songId={song.id} title={song.title} />
            <span className="track-row__duration">
              <span aria-hidden="true">{formatDuration(song.durationMs)}</span>
              <span className="visually-hidden">{spokenDuration(song.durationMs)}</span>
            </span>
          </li>
        );
      })}
    </ol>
  );
}

export function PlayAllButton({
  songs,
  label = 'Play all',
}: {
  songs: readonly TrackFields[];
  label?: string;
}) {
  const player = usePlayer();
  const tracks = useMemo(() => playableTracks(songs), [songs]);
  return (
    <button
      type="button"
      className="button button--primary"
      disabled={tracks.length === 0}
      onClick={() => player.playQueue(tracks, 0)}
    >
      <PlayIcon />
      {label}
    </button>
  );
}
