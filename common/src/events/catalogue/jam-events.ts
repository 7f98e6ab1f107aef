import { z } from 'zod';
import { defineEventType } from '../event-catalogue';

/**
 * preferences: Jam sessions (friends co-listening). Every change of a session publishes one
 * JAM_UPDATED carrying the session's whole state after the change (at most 32 participants and
 * 500 queue items), so an instance pushes it to its subscribers without reading the database.
 * aggregateId: the session's id; aggregateVersion: the session's version after the change (a
 * subscriber skips any copy at or below the version it already pushed).
 */
export const JAM_EVENT_KINDS = [
  'STARTED',
  'JOINED',
  'LEFT',
  'PLAY',
  'PAUSE',
  'SEEK',
  'NEXT',
  'PREVIOUS',
  'ADVANCED',
  'QUEUE_CHANGED',
  'GUEST_CONTROL_CHANGED',
  'PRESENCE',
  'ENDED',
] as const;

const id = z.string().min(1);
const ms = z.number().nonnegative();

export const jamStateSchema = z.object({
  code: z.string().min(1),
  hostId: id,
  participants: z
    .array(z.object({ userId: id, joinedAt: z.iso.datetime(), connected: z.boolean() }))
    .max(32),
  guestsCanControl: z.boolean(),
  queue: z.array(z.object({ id, songId: id, addedBy: id, durationMs: ms.nullable() })).max(500),
  currentItemId: id.nullable(),
  playing: z.boolean(),
  /** The position at `serverTimeMs`; while playing, live = positionMs + (now - serverTimeMs). */
  positionMs: ms,
  serverTimeMs: ms,
  endedAt: z.iso.datetime().nullable(),
});

export const JamUpdated = defineEventType(
  'preferences',
  'JAM_UPDATED',
  1,
  z.object({
    sessionId: id,
    kind: z.enum(JAM_EVENT_KINDS),
    /** Who did it; null when the server did (automatic advance, a crashed instance's presence). */
    actorId: id.nullable(),
    serverTimeMs: ms,
    state: jamStateSchema,
  }),
);
