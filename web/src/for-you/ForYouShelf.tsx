'use client';

import { useMutation } from '@apollo/client/react';
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { CoverArt } from '@/components/CoverArt';
import { usePlayer } from '@/player/PlayerProvider';
import { playableTracks } from '@/player/track';
import { SongPlayButton } from '@/songs/SongPlayButton';
import type { TrackFields } from '@/songs/track.fragment';
import { MARK_NOT_INTERESTED } from './for-you.operations';

/**
 * "For you": songs picked for the signed-in listener, each with "Not interested" (the song leaves
 * the shelf at once and is left out of later picks; "Undo" takes it back).
 */
export function ForYouShelf({ songs }: { songs: readonly TrackFields[] }) {
  const player = usePlayer();
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const [last, setLast] = useState<{ id: string; title: string } | null>(null);
  const [error, setError] = useState('');
  const [mark] = useMutation(MARK_NOT_INTERESTED);
  const shown = useMemo(() => songs.filter((song) => !hidden.has(song.id)), [songs, hidden]);
  const tracks = useMemo(() => playableTracks(shown), [shown]);

  const setInterest = async (song: { id: string; title: string }, notInterested: boolean) => {
    setError('');
    setHidden((current) => {
      const next = new Set(current);
      if (notInterested) next.add(song.id);
      else next.delete(song.id);
      return next;
    });
    setLast(notInterested ? song : null);
    try {
      await mark({ variables: { songId: song.id, notInterested } });
    } catch {
      setHidden((current) => {
        const next = new Set(current);
        if (notInterested) next.delete(song.id);
        else next.add(song.id);
        return next;
      });
      setLast(null);
      setError(`Couldn’t save that for “${song.title}”. Try again.`);
    }
  };

  return (
    <>
      {shown.length === 0 ? (
        <p className="empty-state">
          Nothing new for you right now. Like and play songs to get picks.
        </p>
      ) : (
        <ul className="song-card-row" aria-label="Songs for you">
          {shown.map((song) => (
            <li
              key={song.id}
              className="song-card"
              data-current={player.track?.id === song.id ? 'true' : undefined}
            >
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
              <div className="for-you-card__actions">
                <button
                  type="button"
                  className="button button--ghost button--small"
                  aria-label={`Not interested in ${song.title}`}
                  onClick={() => void setInterest(song, true)}
                >
                  Not interested
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      <p className="action-status" role="status">
        {last ? (
          <>
            We won’t suggest “{last.title}” again.{' '}
            <button
              type="button"
              className="button button--ghost button--small"
              onClick={() => void setInterest(last, false)}
            >
              Undo
            </button>
          </>
        ) : (
          ''
        )}
      </p>
      <span className="action-message" role="alert">
        {error}
      </span>
    </>
  );
}
