import { BadUserInputError, NotFoundError } from '@groovy/common/errors';
import {
  insertWithEvents,
  writeWithEvents,
  type EventEnvelope,
  type OutboxNotifier,
} from '@groovy/common/events';
import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import type { CatalogueService } from '../catalogue/catalogue.service';
import { requireId } from '../ids';
import { jamUpdatedEvent, type JamEventKind } from './jam-events';
import type { JamHub } from './jam-hub';
import {
  advanced,
  afterLeaving,
  afterQueueChange,
  controlled,
  isParticipant,
  MAX_JAM_QUEUE,
  MAX_SONGS_PER_ADD,
  movedQueue,
  newJoinCode,
  parseJoinCode,
  requireControl,
  requireHost,
  requireLive,
  requireParticipant,
  requireRoom,
  type JamControl,
} from './jam-rules';
import {
  JAM_VERSION,
  type JamConnectionModel,
  type JamQueueItemRecord,
  type JamSessionModel,
  type JamSessionRecord,
} from './jam.model';

type Change = Partial<Omit<JamSessionRecord, '_id' | 'version' | '_outbox'>>;

const MAX_CODE_ATTEMPTS = 8;

function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: number }).code === 11000;
}

/**
 * Jam sessions: every operation reads the session, applies the rules (jam-rules.ts) at the server's
 * time and writes the result with its JAM_UPDATED in one compare-and-set on the version; the
 * written event is then pushed to this instance's subscribers at once (the bus brings it to the
 * other instances' subscribers).
 */
export class JamService {
  constructor(
    private readonly sessions: JamSessionModel,
    private readonly connections: JamConnectionModel,
    private readonly catalogue: CatalogueService,
    private readonly outbox: OutboxNotifier,
    private readonly hub: JamHub,
    private readonly now: () => number = Date.now,
  ) {}

  async ensureIndexes(): Promise<void> {
    await Promise.all([this.sessions.syncIndexes(), this.connections.syncIndexes()]);
  }

  serverTimeMs(): number {
    return this.now();
  }

  async find(id: string): Promise<JamSessionRecord | null> {
    return this.sessions.findById(requireId('id', id)).lean().exec();
  }

  /** The session for one of its participants: null when unknown, FORBIDDEN for anyone else. */
  async findForParticipant(id: string, userId: string): Promise<JamSessionRecord | null> {
    const session = await this.find(id);
    if (!session) return null;
    requireParticipant(session, userId);
    return session;
  }

  /**
   * Starts a Jam hosted by the caller, with `songIds` queued (playing paused at the first). One
   * active Jam per host: a Jam the caller still hosts ends first (its participants get ENDED).
   */
  async start(hostId: string, songIds: readonly string[] | null): Promise<JamSessionRecord> {
    const queue = await this.queueItems(hostId, songIds ?? [], 'songIds');
    const hosted = await this.sessions.find({ hostId, live: true }, { _id: 1 }).lean().exec();
    for (const previous of hosted) await this.end(previous._id, hostId);
    const nowMs = this.now();
    for (let attempt = 0; ; attempt++) {
      const session: Omit<JamSessionRecord, '_outbox'> = {
        _id: new Types.ObjectId().toHexString(),
        code: newJoinCode(),
        live: true,
        hostId,
        participants: [{ userId: hostId, joinedAt: new Date(nowMs), connected: false }],
        guestsCanControl: false,
        queue,
        currentItemId: queue[0]?.id ?? null,
        playing: false,
        positionMs: 0,
        serverTimeMs: nowMs,
        advanceAt: null,
        endedAt: null,
        createdAt: new Date(nowMs),
        version: 1,
        presenceSeq: 0,
      };
      const event = jamUpdatedEvent(session, 1, 'STARTED', hostId, nowMs);
      try {
        const created = await insertWithEvents<JamSessionRecord>(
          this.sessions,
          session as unknown as Record<string, unknown>,
          [event],
          this.outbox,
        );
        this.hub.push(event);
        return created;
      } catch (error) {
        // A live session holds that code already: draw another.
        if (!isDuplicateKey(error) || attempt + 1 >= MAX_CODE_ATTEMPTS) throw error;
      }
    }
  }

  /** Joins the live Jam of `code`; joining one you are in changes nothing. */
  async join(rawCode: string, userId: string): Promise<JamSessionRecord> {
    const code = parseJoinCode(rawCode);
    const session = await this.sessions.findOne({ code, live: true }).lean().exec();
    if (!session) throw new NotFoundError('Jam with code', code);
    return this.write(session._id, 'JOINED', userId, (current, nowMs) => {
      requireLive(current);
      if (isParticipant(current, userId)) return null;
      requireRoom(current);
      return {
        participants: [
          ...current.participants,
          { userId, joinedAt: new Date(nowMs), connected: false },
        ],
      };
    });
  }

  /** Leaves; the longest-present participant becomes host when the host leaves; the last one out ends it. */
  async leave(id: string, userId: string): Promise<boolean> {
    await this.write(id, 'LEFT', userId, (current, nowMs) => {
      requireParticipant(current, userId);
      if (!current.live) return null;
      const { participants, hostId } = afterLeaving(current, userId);
      if (hostId === null) return this.ending(current, nowMs);
      return { participants, hostId };
    });
    return true;
  }

  /** Ends the Jam (host only): playback stops, the code is free again, subscriptions complete. */
  async end(id: string, userId: string): Promise<boolean> {
    await this.write(id, 'ENDED', userId, (current, nowMs) => {
      requireHost(current, userId);
      if (!current.live) return null;
      return this.ending(current, nowMs);
    });
    return true;
  }

  control(
    id: string,
    userId: string,
    action: JamControl,
    positionMs: number | null,
  ): Promise<JamSessionRecord> {
    return this.write(id, action, userId, (current, nowMs) => {
      requireControl(current, userId);
      requireLive(current);
      return controlled(current, action, positionMs, nowMs);
    });
  }

  /** Any participant adds songs (at the end of the queue); each item remembers who added it. */
  async addToQueue(
    id: string,
    userId: string,
    songIds: readonly string[],
  ): Promise<JamSessionRecord> {
    if (songIds.length === 0) throw new BadUserInputError('songIds', 'songIds is empty');
    const items = await this.queueItems(userId, songIds, 'songIds');
    return this.write(id, 'QUEUE_CHANGED', userId, (current, nowMs) => {
      requireParticipant(current, userId);
      requireLive(current);
      if (current.queue.length + items.length > MAX_JAM_QUEUE)
        throw new BadUserInputError(
          'songIds',
          `a Jam's queue holds ${MAX_JAM_QUEUE} songs at most`,
        );
      const queue = [...current.queue, ...items];
      const wasEmpty = current.currentItemId === null && current.queue.length === 0;
      return {
        queue,
        ...(wasEmpty ? { currentItemId: queue[0]!.id } : afterQueueChange(current, queue, nowMs)),
      };
    });
  }

  /** The host, whoever added the item, or anyone when guests control, removes it. */
  removeFromQueue(id: string, userId: string, itemId: string): Promise<JamSessionRecord> {
    return this.write(id, 'QUEUE_CHANGED', userId, (current, nowMs) => {
      requireParticipant(current, userId);
      requireLive(current);
      const item = current.queue.find((candidate) => candidate.id === itemId);
      if (!item) throw new BadUserInputError('itemId', 'No such item in this Jam’s queue');
      if (item.addedBy !== userId) requireControl(current, userId);
      const queue = current.queue.filter((candidate) => candidate.id !== itemId);
      return { queue, ...afterQueueChange(current, queue, nowMs) };
    });
  }

  moveQueueItem(
    id: string,
    userId: string,
    itemId: string,
    toIndex: number,
  ): Promise<JamSessionRecord> {
    return this.write(id, 'QUEUE_CHANGED', userId, (current, nowMs) => {
      requireControl(current, userId);
      requireLive(current);
      const queue = movedQueue(current.queue, itemId, toIndex);
      return { queue, ...afterQueueChange(current, queue, nowMs) };
    });
  }

  setGuestControl(id: string, userId: string, enabled: boolean): Promise<JamSessionRecord> {
    return this.write(id, 'GUEST_CONTROL_CHANGED', userId, (current) => {
      requireHost(current, userId);
      requireLive(current);
      return current.guestsCanControl === enabled ? null : { guestsCanControl: enabled };
    });
  }

  /**
   * The automatic advance at the end of the current song, claimed with one compare-and-set: when
   * every instance's scheduler tries at once, exactly one writes it. True when this call did.
   */
  async advanceIfDue(id: string): Promise<boolean> {
    let event: EventEnvelope | null = null;
    const written = await writeWithEvents<JamSessionRecord, 'not-due'>({
      model: this.sessions,
      filter: { _id: id },
      version: JAM_VERSION,
      notifier: this.outbox,
      subject: `jam ${id}`,
      maxAttempts: 1,
      onConflict: 'return',
      change: (current, nextVersion) => {
        const nowMs = this.now();
        const playback = advanced(current, nowMs);
        if (!playback) return { decline: 'not-due' as const };
        event = jamUpdatedEvent({ ...current, ...playback }, nextVersion, 'ADVANCED', null, nowMs);
        return { set: playback, events: [event] };
      },
    });
    if (written.outcome !== 'written' || !event) return false;
    this.hub.push(event);
    return true;
  }

  /** Live sessions whose current song ended by now and that no instance advanced yet. */
  async dueForAdvance(limit: number): Promise<string[]> {
    const due = await this.sessions
      .find({ advanceAt: { $lte: new Date(this.now()) }, live: true, playing: true }, { _id: 1 })
      .limit(limit)
      .lean()
      .exec();
    return due.map((session) => session._id);
  }

  /**
   * Sets the participant's `connected` to whether they have an open, unexpired connection record,
   * as a compare-and-set on the version and on `presenceSeq` (bumped by every record added or
   * removed): a decision taken on a count that changed meanwhile is taken again.
   */
  async reconcilePresence(sessionId: string, userId: string): Promise<void> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const session = await this.sessions.findById(sessionId).lean().exec();
      if (!session || !session.live) return;
      const participant = session.participants.find((candidate) => candidate.userId === userId);
      if (!participant) return;
      const open = await this.connections
        .countDocuments({ sessionId, userId, expiresAt: { $gt: new Date(this.now()) } })
        .exec();
      const connected = open > 0;
      if (participant.connected === connected) return;
      let event: EventEnvelope | null = null;
      const written = await writeWithEvents<JamSessionRecord>({
        model: this.sessions,
        filter: { _id: sessionId, presenceSeq: session.presenceSeq },
        version: JAM_VERSION,
        notifier: this.outbox,
        subject: `jam ${sessionId}`,
        current: session,
        maxAttempts: 1,
        onConflict: 'return',
        change: (current, nextVersion) => {
          const participants = current.participants.map((candidate) =>
            candidate.userId === userId ? { ...candidate, connected } : candidate,
          );
          const nowMs = this.now();
          event = jamUpdatedEvent(
            { ...current, participants },
            nextVersion,
            'PRESENCE',
            userId,
            nowMs,
          );
          return { set: { participants }, events: [event] };
        },
      });
      if (written.outcome === 'written' && event) {
        this.hub.push(event);
        return;
      }
    }
  }

  /** Marks that a connection record of the session was added or removed (see reconcilePresence). */
  async bumpPresence(sessionId: string): Promise<void> {
    await this.sessions.updateOne({ _id: sessionId }, { $inc: { presenceSeq: 1 } }).exec();
  }

  private ending(current: JamSessionRecord, nowMs: number): Change {
    return {
      live: false,
      endedAt: new Date(nowMs),
      playing: false,
      positionMs: Math.min(
        current.positionMs + (current.playing ? nowMs - current.serverTimeMs : 0),
        Number.MAX_SAFE_INTEGER,
      ),
      serverTimeMs: nowMs,
      advanceAt: null,
    };
  }

  private async queueItems(
    userId: string,
    songIds: readonly string[],
    field: string,
  ): Promise<JamQueueItemRecord[]> {
    if (songIds.length > MAX_SONGS_PER_ADD)
      throw new BadUserInputError(field, `at most ${MAX_SONGS_PER_ADD} songs at once`);
    const items: JamQueueItemRecord[] = [];
    for (const songId of songIds) {
      requireId(field, songId);
      const song = await this.catalogue.requireVisibleSong(songId, userId);
      items.push({ id: randomUUID(), songId, addedBy: userId, durationMs: song.durationMs });
    }
    return items;
  }

  /**
   * One change: `change` returns the fields to set (or null: nothing to do, the session is
   * returned as it is) or throws a domain error; the write is a compare-and-set on the version,
   * retried on a fresh read when another change won.
   */
  private async write(
    id: string,
    kind: JamEventKind,
    actorId: string,
    change: (current: JamSessionRecord, nowMs: number) => Change | null,
  ): Promise<JamSessionRecord> {
    requireId('id', id);
    let event: EventEnvelope | null = null;
    const written = await writeWithEvents<JamSessionRecord, JamSessionRecord>({
      model: this.sessions,
      filter: { _id: id },
      version: JAM_VERSION,
      notifier: this.outbox,
      subject: `jam ${id}`,
      change: (current, nextVersion) => {
        const nowMs = this.now();
        const set = change(current, nowMs);
        if (set === null) return { decline: current };
        event = jamUpdatedEvent({ ...current, ...set }, nextVersion, kind, actorId, nowMs);
        return { set, events: [event] };
      },
    });
    if (written.outcome === 'missing') throw new NotFoundError('JamSession', id);
    if (written.outcome === 'declined') return written.reason;
    if (written.outcome === 'conflict') throw new Error(`jam ${id} kept changing under a write`);
    if (event) this.hub.push(event);
    return written.record;
  }
}
