'use client';

import { PauseIcon, PlayIcon } from '@/player/icons';
import { usePlayer } from '@/player/PlayerProvider';
import type { PlayerTrack } from '@/player/track';
import { Waveform } from '@/player/Waveform';
import { StartJamButton } from '@/jam/StartJamButton';

/** The song page's play button and waveform, talking to the site-wide player. */
export function SongPlayback({
  track,
  peaks,
}: {
  track: PlayerTrack;
  peaks: readonly number[] | null;
}) {
  const player = usePlayer();
  const current = player.track?.id === track.id;
  const playing = current && (player.status === 'playing' || player.status === 'loading');
  return (
    <div className="song-playback">
      <button
        type="button"
        className="play-button"
        aria-label={`${playing ? 'Pause' : 'Play'} ${track.title}`}
        onClick={() => (current ? player.togglePlay() : player.playTrack(track))}
      >
        {playing ? <PauseIcon /> : <PlayIcon />}
      </button>
      <Waveform peaks={peaks ?? []} track={track} durationMs={track.durationMs ?? null} />
      <StartJamButton songIds={[track.id]} />
    </div>
  );
}
