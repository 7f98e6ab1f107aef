'use client';

import { useCallback, useEffect, useMemo, useState } from 'react';
import { useRouter } from 'next/navigation';
import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { formatDuration } from '@/format/durations';
import { formErrorsFromApolloError } from '@/graphql/apollo-errors';
import { trackFromSong } from '@/player/track';
import type { JamSessionFieldsFragment } from '@/gql/graphql';
import {
  CONTROL_JAM_MUTATION,
  END_JAM_MUTATION,
  JAM_SESSION_QUERY,
  JAM_SESSION_SUBSCRIPTION,
  LEAVE_JAM_MUTATION,
  SET_JAM_GUEST_CONTROL_MUTATION,
} from './jam.operations';
import { JamQueue } from './JamQueue';
import { JamParticipants } from './JamParticipants';
import { JamShare } from './JamShare';
import { livePositionMs } from './live-position';
import { mergeJamSession, type LiveJamSession } from './merge-jam-session';
import { useJamResync } from './use-jam-resync';
import { useJamSync, type JamSyncTarget } from './use-jam-sync';
import { useServerClock } from './use-server-clock';

type JamAction = 'PLAY' | 'PAUSE' | 'SEEK' | 'NEXT' | 'PREVIOUS';

declare global {
  interface Window {
    /** The page's clock estimate, read by the browser tests to compare two participants. */
    __groovyJam?: { offsetMs: number; delayMs: number; synced: boolean; resyncs: number };
  }
}

/** The Jam page: live state over the subscription, synced playback, controls, queue, people. */
export function JamRoom({ id, viewerId }: { id: string; viewerId: string }) {
  const router = useRouter();
  const clock = useServerClock();
  const [live, setLive] = useState<LiveJamSession | null>(null);
  const { error } = useSubscription(JAM_SESSION_SUBSCRIPTION, {
    variables: { id },
    onData: ({ data }) => {
      if (data.data?.jamSession) setLive(data.data.jamSession.session);
    },
  });
  const details = useQuery(JAM_SESSION_QUERY, { variables: { id }, fetchPolicy: 'network-only' });
  const merged = details.data?.jamSession ? mergeJamSession(details.data.jamSession, live) : null;
  const session: JamSessionFieldsFragment | null = live && merged ? merged.session : null;
  const missing = merged?.missing ?? false;
  const { refetch, loading: detailsLoading } = details;
  useEffect(() => {
    // A new song or person in the live state: fetch the names and streams once.
    if (missing && !detailsLoading) void refetch().catch(() => undefined);
  }, [missing, detailsLoading, refetch]);
  // After a dropped connection or an upstream restart: a fresh clock estimate and fresh details
  // (the resubscribed Jam's first event is its full state).
  const { resync } = clock;
  const connectionState = useJamResync(
    useCallback(() => {
      resync();
      void refetch().catch(() => undefined);
    }, [resync, refetch]),
  );
  const [actionError, setActionError] = useState<string | null>(null);
  const [control] = useMutation(CONTROL_JAM_MUTATION);
  const [setGuestControl] = useMutation(SET_JAM_GUEST_CONTROL_MUTATION);
  const [leave] = useMutation(LEAVE_JAM_MUTATION);
  const [end] = useMutation(END_JAM_MUTATION);

  useEffect(() => {
    window.__groovyJam = {
      offsetMs: clock.offsetMs,
      delayMs: clock.delayMs,
      synced: clock.synced,
      resyncs: clock.resyncs,
    };
  }, [clock.offsetMs, clock.delayMs, clock.synced, clock.resyncs]);

  const currentItem = session?.queue.find((item) => item.id === session.playback.current?.id);
  const currentTrack = currentItem ? trackFromSong(currentItem.song) : null;
  const target = useMemo<JamSyncTarget | null>(
    () =>
      session && !session.endedAt
        ? { track: currentTrack, itemId: currentItem?.id ?? null, playback: session.playback }
        : null,
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed by what changes playback
    [session?.playback, session?.endedAt, currentItem?.id, currentTrack?.masterUrl],
  );
  const sync = useJamSync(target, clock.sync);

  const openError = error ?? details.error;
  if (openError && !session) {
    const message = formErrorsFromApolloError(openError).form ?? 'This Jam could not be opened.';
    return (
      <section className="jam-page">
        <h1>Jam</h1>
        <p role="alert" className="form-error">
          {message}
        </p>
      </section>
    );
  }
  if (!session) {
    return (
      <section className="jam-page" aria-busy="true">
        <h1>Jam</h1>
        <p role="status">Connecting to the Jam…</p>
      </section>
    );
  }

  const isHost = session.host.id === viewerId;
  const canControl = isHost || session.guestsCanControl;
  const durationMs = currentItem?.song.durationMs ?? 0;
  const act = async (action: JamAction, positionMs?: number) => {
    setActionError(null);
    try {
      await control({ variables: { id, action, positionMs } });
    } catch (e) {
      setActionError(formErrorsFromApolloError(e).form ?? 'That did not work. Try again.');
    }
  };

  if (session.endedAt) {
    return (
      <section className="jam-page">
        <h1>This Jam has ended</h1>
        <p>Thanks for listening together.</p>
      </section>
    );
  }

  return (
    <section
      className="jam-page"
      aria-labelledby="jam-title"
      data-clock-offset-ms={clock.offsetMs}
      data-clock-synced={clock.synced}
    >
      <header className="page-header">
        <h1 id="jam-title">Jam with {session.host.displayName}</h1>
        <p>{isHost ? 'You are hosting.' : `Hosted by ${session.host.displayName}.`}</p>
      </header>

      <JamShare code={session.code} />

      {connectionState === 'reconnecting' ? (
        <p role="status" className="jam-connection">
          Connection lost. Reconnecting to the Jam…
        </p>
      ) : null}

      {sync.autoplayBlocked ? (
        <div className="jam-autoplay" role="alert">
          <p>Your browser is waiting for you before it plays sound.</p>
          <button type="button" className="button button--primary" onClick={sync.joinAudio}>
            Tap to join the audio
          </button>
        </div>
      ) : null}

      <section className="jam-now" aria-labelledby="jam-now-title">
        <h2 id="jam-now-title">Now playing</h2>
        {currentItem ? (
          <p>
            <strong>{currentItem.song.title}</strong> — {currentItem.song.artist.name}{' '}
            <span className="jam-status" data-jam-playing={session.playback.playing}>
              ({session.playback.playing ? 'playing' : 'paused'})
            </span>
          </p>
        ) : (
          <p>Nothing yet: add a song to the queue.</p>
        )}
        {canControl ? (
          <div className="jam-controls" role="group" aria-label="Jam controls">
            <button type="button" className="button" onClick={() => void act('PREVIOUS')}>
              Previous
            </button>
            {session.playback.playing ? (
              <button
                type="button"
                className="button button--primary"
                onClick={() => void act('PAUSE')}
              >
                Pause
              </button>
            ) : (
              <button
                type="button"
                className="button button--primary"
                disabled={!currentItem}
                onClick={() => void act('PLAY')}
              >
                Play
              </button>
            )}
            <button type="button" className="button" onClick={() => void act('NEXT')}>
              Next
            </button>
            {currentItem && durationMs > 0 ? (
              <JamSeek
                durationMs={durationMs}
                playback={session.playback}
                serverNow={() => clock.sync.serverNow(Date.now())}
                onSeek={(ms) => void act('SEEK', ms)}
              />
            ) : null}
          </div>
        ) : (
          <p className="jam-hint">The host controls playback.</p>
        )}
        {isHost ? (
          <label className="jam-toggle">
            <input
              type="checkbox"
              checked={session.guestsCanControl}
              onChange={(e) =>
                void setGuestControl({ variables: { id, enabled: e.target.checked } }).catch(
                  (err) =>
                    setActionError(formErrorsFromApolloError(err).form ?? 'That did not work.'),
                )
              }
            />{' '}
            Everyone can control playback
          </label>
        ) : null}
        {actionError ? (
          <p role="alert" className="form-error">
            {actionError}
          </p>
        ) : null}
        <p className="jam-sync-status" aria-live="off">
          {clock.synced ? `Clock synced (±${Math.round(clock.delayMs / 2)} ms)` : 'Syncing clock…'}
          {sync.driftMs !== null ? ` · drift ${sync.driftMs} ms` : ''}
        </p>
      </section>

      <JamQueue id={id} session={session} canEdit currentItemId={currentItem?.id ?? null} />
      <JamParticipants session={session} />

      <p className="jam-leave">
        {isHost ? (
          <button
            type="button"
            className="button button--danger"
            onClick={async () => {
              await end({ variables: { id } }).catch(() => undefined);
              router.push('/');
            }}
          >
            End the Jam
          </button>
        ) : null}{' '}
        <button
          type="button"
          className="button button--ghost"
          onClick={async () => {
            await leave({ variables: { id } }).catch(() => undefined);
            router.push('/');
          }}
        >
          Leave
        </button>
      </p>
    </section>
  );
}

/** The Jam's position as a range input; a change sends SEEK (keyboard: arrows, Page Up/Down). */
function JamSeek({
  durationMs,
  playback,
  serverNow,
  onSeek,
}: {
  durationMs: number;
  playback: JamSyncTarget['playback'];
  serverNow(): number;
  onSeek(ms: number): void;
}) {
  const [value, setValue] = useState<number | null>(null);
  const [positionMs, setPositionMs] = useState(playback.positionMs);
  useEffect(() => {
    const update = () => setPositionMs(livePositionMs(playback, serverNow(), durationMs));
    const timer = setInterval(update, 500);
    const first = setTimeout(update, 0);
    return () => {
      clearInterval(timer);
      clearTimeout(first);
    };
  }, [playback, serverNow, durationMs]);
  const shown = value ?? Math.min(positionMs, durationMs);
  return (
    <label className="jam-seek">
      <span className="visually-hidden">Jam position</span>
      <input
        type="range"
        min={0}
        max={Math.round(durationMs)}
        step={1000}
        value={Math.round(shown)}
        aria-valuetext={formatDuration(shown)}
        onChange={(e) => setValue(Number(e.target.value))}
        onPointerUp={() => {
          if (value !== null) onSeek(value);
          setValue(null);
        }}
        onKeyUp={() => {
          if (value !== null) onSeek(value);
          setValue(null);
        }}
        onBlur={() => {
          if (value !== null) onSeek(value);
          setValue(null);
        }}
      />
    </label>
  );
}
