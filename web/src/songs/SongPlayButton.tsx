'use client';

import { PauseIcon, PlayIcon } from '@/player/icons';
import { usePlayer } from '@/player/PlayerProvider';
import { trackFromSong, type PlayableSongFields, type PlayerTrack } from '@/player/track';

/**
 * Play/pause for one song of a list: pauses or resumes it when it is the current track, otherwise
 * plays `queue` (the list's playable songs) from it. A song that cannot play yet gets an empty
 * placeholder of the button's size (`placeholder`) or nothing.
 */
export function SongPlayButton({
  song,
  queue,
  className = 'icon-button icon-button--small',
  placeholder = true,
}: {
  song: PlayableSongFields;
  queue: readonly PlayerTrack[];
  className?: string;
  placeholder?: boolean;
}) {
  const player = usePlayer();
  if (!trackFromSong(song)) {
    return placeholder ? (
      <span className={`${className} icon-button--placeholder`} aria-hidden="true" />
    ) : null;
  }
  const current = player.track?.id === song.id;
  const playing = current && (player.status === 'playing' || player.status === 'loading');
  return (
    <button
      type="button"
      className={className}
      aria-label={`${playing ? 'Pause' : 'Play'} ${song.title}`}
      onClick={() => {
        if (current) player.togglePlay();
        else
          player.playQueue(
            queue,
            queue.findIndex((track) => track.id === song.id),
          );
      }}
    >
      {playing ? <PauseIcon /> : <PlayIcon />}
    </button>
  );
}
