'use client';

import { PauseIcon, PlayIcon } from '@/player/icons';
import { usePlayer } from '@/player/PlayerProvider';
import type { PlayerTrack } from '@/player/track';
import { Waveform } from '@/player/Waveform';
import { WaveformComments } from '@/comments/WaveformComments';
import { StartJamButton } from '@/jam/StartJamButton';

/**
 * The song page's play button and waveform, talking to the site-wide player, with the song's timed
 * comments along the waveform.
 */
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
      <div className="song-waveform">
        <Waveform peaks={peaks ?? []} track={track} durationMs={track.durationMs ?? null} />
        <WaveformComments track={track} durationMs={track.durationMs ?? null} />
      </div>
      <StartJamButton songIds={[track.id]} />
    </div>
  );
}
