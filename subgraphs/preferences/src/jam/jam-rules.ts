import { BadUserInputError, ConflictError, ForbiddenError } from '@groovy/common/errors';
import { randomInt } from 'node:crypto';
import type { JamQueueItemRecord, JamSessionRecord } from './jam.model';

/*
 * The rules of a Jam as pure functions of the session as read and the server time: who may do
 * what, and the playback fields a change leads to. The service writes what they return.
 */

export const MAX_JAM_PARTICIPANTS = 32;
export const MAX_JAM_QUEUE = 500;
export const MAX_SONGS_PER_ADD = 100;
/** PREVIOUS later than this into a song restarts it (as players do) rather than going back. */
export const RESTART_THRESHOLD_MS = 3_000;

/** No 0/O, 1/I: a code read aloud or copied by hand is unambiguous. 32^6 ≈ 10^9 codes. */
export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const JOIN_CODE_LENGTH = 6;

export function newJoinCode(): string {
  let code = '';
  for (let i = 0; i < JOIN_CODE_LENGTH; i++)
    code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
  return code;
}

/** A typed code: case and separators (spaces, dashes) ignored; BAD_USER_INPUT on `code` otherwise. */
export function parseJoinCode(raw: string): string {
  const code = raw.replace(/[\s-]/g, '').toUpperCase();
  const valid = new RegExp(`^[${JOIN_CODE_ALPHABET}]{${JOIN_CODE_LENGTH}}$`);
  if (!valid.test(code))
    throw new BadUserInputError('code', `a Jam code is ${JOIN_CODE_LENGTH} letters and digits`);
  return code;
}

export type PlaybackFields = Pick<
  JamSessionRecord,
  'currentItemId' | 'playing' | 'positionMs' | 'serverTimeMs' | 'advanceAt'
>;

export function isParticipant(session: JamSessionRecord, userId: string): boolean {
  return session.participants.some((participant) => participant.userId === userId);
}

export function requireParticipant(session: JamSessionRecord, userId: string): void {
  if (!isParticipant(session, userId))
    throw new ForbiddenError('Only the Jam’s participants may do this');
}

export function requireHost(session: JamSessionRecord, userId: string): void {
  requireParticipant(session, userId);
  if (session.hostId !== userId) throw new ForbiddenError('Only the Jam’s host may do this');
}

/** Playback and queue order: the host, or anyone when the host lets guests control. */
export function requireControl(session: JamSessionRecord, userId: string): void {
  requireParticipant(session, userId);
  if (session.hostId !== userId && !session.guestsCanControl)
    throw new ForbiddenError('Only the host controls this Jam (guest control is off)');
}

export function requireLive(session: JamSessionRecord): void {
  if (!session.live) throw new ConflictError('This Jam has ended');
}

export function requireRoom(session: JamSessionRecord): void {
  if (session.participants.length >= MAX_JAM_PARTICIPANTS)
    throw new ConflictError(`This Jam is full (${MAX_JAM_PARTICIPANTS} participants at most)`);
}

function indexOfItem(session: Pick<JamSessionRecord, 'queue'>, itemId: string | null): number {
  return itemId === null ? -1 : session.queue.findIndex((item) => item.id === itemId);
}

export function currentItem(
  session: Pick<JamSessionRecord, 'queue' | 'currentItemId'>,
): JamQueueItemRecord | null {
  return session.queue[indexOfItem(session, session.currentItemId)] ?? null;
}

/** Where playback is at `nowMs` (never past the song's end when its duration is known). */
export function livePositionMs(session: JamSessionRecord, nowMs: number): number {
  const position = session.playing
    ? session.positionMs + Math.max(0, nowMs - session.serverTimeMs)
    : session.positionMs;
  const duration = currentItem(session)?.durationMs;
  return duration == null ? position : Math.min(position, duration);
}

/** Playback of `item` from `positionMs` at `atMs`, with the end of the song scheduled while playing. */
function playbackAt(
  item: JamQueueItemRecord | null,
  playing: boolean,
  positionMs: number,
  atMs: number,
): PlaybackFields {
  const isPlaying = item !== null && playing;
  return {
    currentItemId: item?.id ?? null,
    playing: isPlaying,
    positionMs,
    serverTimeMs: atMs,
    advanceAt:
      isPlaying && item.durationMs != null
        ? new Date(atMs + Math.max(0, item.durationMs - positionMs))
        : null,
  };
}

/** The end of the queue: stopped at the end of its last song. */
function stoppedAtEnd(session: JamSessionRecord, atMs: number): PlaybackFields {
  const last = session.queue[session.queue.length - 1] ?? null;
  return playbackAt(last, false, last?.durationMs ?? 0, atMs);
}

export type JamControl = 'PLAY' | 'PAUSE' | 'SEEK' | 'NEXT' | 'PREVIOUS';

export function controlled(
  session: JamSessionRecord,
  action: JamControl,
  requestedPositionMs: number | null,
  nowMs: number,
): PlaybackFields {
  const index = indexOfItem(session, session.currentItemId);
  const current = session.queue[index] ?? null;
  const live = livePositionMs(session, nowMs);
  const position = (fallback: number): number => {
    if (requestedPositionMs === null) return fallback;
    if (!Number.isFinite(requestedPositionMs) || requestedPositionMs < 0)
      throw new BadUserInputError('positionMs', 'positionMs must be 0 or more');
    if (current?.durationMs != null && requestedPositionMs > current.durationMs)
      throw new BadUserInputError('positionMs', 'positionMs is past the end of the song');
    return requestedPositionMs;
  };
  switch (action) {
    case 'PLAY': {
      if (!current) {
        const first = session.queue[0];
        if (!first) throw new BadUserInputError('action', 'The queue is empty: add songs first');
        return playbackAt(first, true, 0, nowMs);
      }
      const atEnd = current.durationMs != null && live >= current.durationMs;
      return playbackAt(current, true, position(atEnd ? 0 : live), nowMs);
    }
    case 'PAUSE':
      return playbackAt(current, false, position(live), nowMs);
    case 'SEEK':
      if (!current) throw new BadUserInputError('action', 'Nothing is playing to seek in');
      if (requestedPositionMs === null)
        throw new BadUserInputError('positionMs', 'SEEK needs positionMs');
      return playbackAt(current, session.playing, position(live), nowMs);
    case 'NEXT': {
      const next = session.queue[index + 1];
      return next ? playbackAt(next, session.playing, 0, nowMs) : stoppedAtEnd(session, nowMs);
    }
    case 'PREVIOUS': {
      const previous = index > 0 ? session.queue[index - 1]! : null;
      if (!previous || live > RESTART_THRESHOLD_MS)
        return playbackAt(current ?? session.queue[0] ?? null, session.playing, 0, nowMs);
      return playbackAt(previous, session.playing, 0, nowMs);
    }
  }
}

/**
 * The server's automatic advance when the current song has ended (at `advanceAt`): the next item
 * starts exactly where the last one ended, or playback stops at the end of the queue. Null when
 * nothing is due (already advanced, paused, or not yet at the end).
 */
export function advanced(session: JamSessionRecord, nowMs: number): PlaybackFields | null {
  if (!session.live || !session.playing || !session.advanceAt) return null;
  const endMs = session.advanceAt.getTime();
  if (endMs > nowMs) return null;
  const next = session.queue[indexOfItem(session, session.currentItemId) + 1];
  return next ? playbackAt(next, true, 0, endMs) : stoppedAtEnd(session, endMs);
}

/** After the queue changed: the same item keeps playing; a removed current item gives way to the next. */
export function afterQueueChange(
  before: JamSessionRecord,
  queue: JamQueueItemRecord[],
  nowMs: number,
): PlaybackFields {
  const after = { ...before, queue };
  if (before.currentItemId === null || indexOfItem(after, before.currentItemId) >= 0) {
    if (before.currentItemId === null) return playbackFieldsOf(before);
    const current = currentItem(after)!;
    return playbackAt(current, before.playing, livePositionMs(before, nowMs), nowMs);
  }
  const removedAt = indexOfItem(before, before.currentItemId);
  const next = queue[removedAt] ?? null;
  return next ? playbackAt(next, before.playing, 0, nowMs) : playbackAt(null, false, 0, nowMs);
}

export function playbackFieldsOf(session: JamSessionRecord): PlaybackFields {
  return {
    currentItemId: session.currentItemId,
    playing: session.playing,
    positionMs: session.positionMs,
    serverTimeMs: session.serverTimeMs,
    advanceAt: session.advanceAt,
  };
}

/** The queue with `itemId` moved to `toIndex` (clamped to the queue); NOT_FOUND-like input error otherwise. */
export function movedQueue(
  queue: JamQueueItemRecord[],
  itemId: string,
  toIndex: number,
): JamQueueItemRecord[] {
  const from = queue.findIndex((item) => item.id === itemId);
  if (from < 0) throw new BadUserInputError('itemId', 'No such item in this Jam’s queue');
  if (!Number.isInteger(toIndex) || toIndex < 0)
    throw new BadUserInputError('toIndex', 'toIndex must be 0 or more');
  const moved = [...queue];
  const [item] = moved.splice(from, 1);
  moved.splice(Math.min(toIndex, moved.length), 0, item!);
  return moved;
}

/** The participants after `userId` leaves, and the host then: the longest-present one left. */
export function afterLeaving(
  session: JamSessionRecord,
  userId: string,
): { participants: JamSessionRecord['participants']; hostId: string | null } {
  const participants = session.participants.filter((participant) => participant.userId !== userId);
  const hostId = session.hostId === userId ? (participants[0]?.userId ?? null) : session.hostId;
  return { participants, hostId };
}
