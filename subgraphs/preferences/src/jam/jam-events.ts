import { createEvent, type EventEnvelope, type JAM_EVENT_KINDS } from '@groovy/common/events';
import type { JamSessionRecord } from './jam.model';

export type JamEventKind = (typeof JAM_EVENT_KINDS)[number];

/** A session's state as JAM_UPDATED carries it (and as the subscription's first event shows it). */
export interface JamState {
  code: string;
  hostId: string;
  participants: { userId: string; joinedAt: string; connected: boolean }[];
  guestsCanControl: boolean;
  queue: { id: string; songId: string; addedBy: string; durationMs: number | null }[];
  currentItemId: string | null;
  playing: boolean;
  positionMs: number;
  serverTimeMs: number;
  endedAt: string | null;
}

/** One change of one session as subscribers get it. */
export interface JamUpdate {
  sessionId: string;
  version: number;
  kind: JamEventKind | 'STATE';
  actorId: string | null;
  serverTimeMs: number;
  state: JamState;
}

export function jamStateOf(session: Omit<JamSessionRecord, '_outbox'>): JamState {
  return {
    code: session.code,
    hostId: session.hostId,
    participants: session.participants.map((participant) => ({
      userId: participant.userId,
      joinedAt: participant.joinedAt.toISOString(),
      connected: participant.connected,
    })),
    guestsCanControl: session.guestsCanControl,
    queue: session.queue.map((item) => ({
      id: item.id,
      songId: item.songId,
      addedBy: item.addedBy,
      durationMs: item.durationMs,
    })),
    currentItemId: session.currentItemId,
    playing: session.playing,
    positionMs: session.positionMs,
    serverTimeMs: session.serverTimeMs,
    endedAt: session.endedAt?.toISOString() ?? null,
  };
}

export function jamUpdatedEvent(
  session: Omit<JamSessionRecord, '_outbox'>,
  version: number,
  kind: JamEventKind,
  actorId: string | null,
  serverTimeMs: number,
): EventEnvelope {
  return createEvent({
    type: 'JAM_UPDATED',
    version: 1,
    producer: 'preferences',
    aggregateId: session._id,
    aggregateVersion: version,
    occurredAt: new Date(serverTimeMs),
    data: { sessionId: session._id, kind, actorId, serverTimeMs, state: jamStateOf(session) },
  });
}

export function jamUpdateOf(event: EventEnvelope): JamUpdate {
  const data = event.data as Omit<JamUpdate, 'version'>;
  return {
    sessionId: data.sessionId,
    version: event.aggregateVersion,
    kind: data.kind,
    actorId: data.actorId,
    serverTimeMs: data.serverTimeMs,
    state: data.state,
  };
}
