'use client';

import { StartJamButton } from '@/jam/StartJamButton';
import Link from 'next/link';
import type { CSSProperties } from 'react';
import { formatDuration, spokenDuration } from '@/format/durations';
import { CoverArt } from '@/components/CoverArt';
import { LikeButton } from '@/preferences/LikeButton';
import { NextIcon, PauseIcon, PlayIcon, PreviousIcon } from './icons';
import { usePlayer, usePlayerTime } from './PlayerProvider';

/** The bar fixed at the bottom of every page once something has been played. */
export function PlayerBar() {
  const player = usePlayer();
  const { positionMs, durationMs } = usePlayerTime();
  const { track } = player;
  if (!track) return null;
  const playing = player.status === 'playing' || player.status === 'loading';
  const seekMax = Math.max(1, Math.round(durationMs / 1000));
  const seekValue = Math.min(seekMax, Math.floor(positionMs / 1000));
  return (
    <>
      {/* Keeps the footer reachable above the fixed bar. */}
      <div className="player-spacer" aria-hidden="true" />
      <section className="player-bar" aria-label="Player">
        <div className="player-bar__inner">
          <div className="player-bar__track">
            <CoverArt src={track.coverUrl} size="small" />
            <div className="player-bar__meta">
              <Link href={`/songs/${track.id}`} className="player-bar__title">
                {track.title}
              </Link>
              <Link href={`/artists/${track.artistId}`} className="player-bar__artist">
                {track.artistName}
              </Link>
            </div>
            <LikeButton
              songId={track.id}
              title={track.title}
              initial={{ likedByMe: track.likedByMe, likeCount: track.likeCount }}
            />
          </div>
          <div className="player-bar__center">
            <div className="player-bar__controls">
              <button
                type="button"
                className="icon-button"
                onClick={player.previous}
                aria-label="Previous"
                title="Previous (restarts after 3 s)"
              >
                <PreviousIcon />
              </button>
              <button
                type="button"
                className="icon-button icon-button--primary"
                onClick={player.togglePlay}
                aria-label={playing ? 'Pause' : 'Play'}
                data-state={player.status}
              >
                {player.status === 'loading' || player.buffering ? (
                  <span className="spinner" aria-hidden="true" />
                ) : playing ? (
                  <PauseIcon />
                ) : (
                  <PlayIcon />
                )}
              </button>
              <button
                type="button"
                className="icon-button"
                onClick={player.next}
                disabled={!player.hasNext}
                aria-label="Next"
              >
                <NextIcon />
              </button>
            </div>
            <div className="player-bar__seek">
              <span className="player-bar__time" aria-hidden="true">
                {formatDuration(positionMs)}
              </span>
              <input
                type="range"
                className="seek-range"
                min={0}
                max={seekMax}
                step={1}
                value={seekValue}
                aria-label="Playback position"
                aria-valuetext={`${spokenDuration(positionMs)} of ${spokenDuration(durationMs)}`}
                style={{ '--seek': `${(seekValue / seekMax) * 100}%` } as CSSProperties}
                onChange={(event) => player.seek(Number(event.target.value) * 1000)}
              />
              <span className="player-bar__time" aria-hidden="true">
                {formatDuration(durationMs)}
              </span>
            </div>
          </div>
          <div className="player-bar__side">
            <label
              className="normalise-switch"
              title="Plays every song at the same loudness (−14 LUFS), like the big players"
            >
              <input
                type="checkbox"
                role="switch"
                checked={player.normaliseVolume}
                onChange={(event) => player.setNormaliseVolume(event.target.checked)}
              />
              <span>Normalise volume</span>
            </label>
            <StartJamButton songIds={player.queue.tracks.map((t) => t.id)} />
            {player.queue.tracks.length > 1 ? (
              <span className="player-bar__queue">
                {player.queue.index + 1} / {player.queue.tracks.length}
                <span className="visually-hidden"> in the queue</span>
              </span>
            ) : null}
          </div>
        </div>
        <p className="player-bar__error" role="status">
          {player.error ?? ''}
        </p>
      </section>
    </>
  );
}
