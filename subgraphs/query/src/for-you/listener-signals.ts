import {
  ArtistFollowed,
  ArtistUnfollowed,
  isEvent,
  SongInterestMarked,
  SongLiked,
  SongPlayed,
  SongUnliked,
  type EventEnvelope,
} from '@groovy/common/events';
import type { Collection, Db } from 'mongodb';

/** The preference events that say something about one listener's taste. */
export const SIGNAL_EVENT_TYPES = [
  'SONG_LIKED',
  'SONG_UNLIKED',
  'SONG_PLAYED',
  'ARTIST_FOLLOWED',
  'ARTIST_UNFOLLOWED',
  'SONG_INTEREST_MARKED',
] as const;

export type SignalKind = 'follow' | 'like' | 'play' | 'notInterested';

/**
 * One listener's relation to one artist (`follow`) or song (`like`, `play`, `notInterested`):
 * `_id` = `<userId>:<kind>:<subjectId>`. `active` is false after an unfollow, an unlike or taking
 * "not interested" back (kept, with its version, so an older event cannot revive it).
 */
export interface ListenerSignal {
  _id: string;
  userId: string;
  kind: SignalKind;
  subjectId: string;
  active: boolean;
  /** The pair's `aggregateVersion` (`<userId>:<subjectId>`); 0 for plays (a set: no version needed). */
  version: number;
  /** When it last happened. */
  at: Date;
}

/** Signals kept per listener and kind: the newest ones (older ones are dropped when a new one comes). */
export const SIGNAL_CAPS: Readonly<Record<SignalKind, number>> = {
  follow: 500,
  like: 500,
  play: 500,
  notInterested: 500,
};

const DUPLICATE_KEY = 11000;

interface SignalChange {
  userId: string;
  kind: SignalKind;
  subjectId: string;
  active: boolean;
  version: number;
  at: Date;
}

function signalChangeOf(event: EventEnvelope): SignalChange | null {
  const versioned = { version: event.aggregateVersion };
  if (isEvent(event, SongLiked) || isEvent(event, SongUnliked)) {
    const { userId, songId, at } = event.data;
    return {
      userId,
      kind: 'like',
      subjectId: songId,
      active: event.type === 'SONG_LIKED',
      at: new Date(at),
      ...versioned,
    };
  }
  if (isEvent(event, ArtistFollowed) || isEvent(event, ArtistUnfollowed)) {
    const { userId, artistId, at } = event.data;
    return {
      userId,
      kind: 'follow',
      subjectId: artistId,
      active: event.type === 'ARTIST_FOLLOWED',
      at: new Date(at),
      ...versioned,
    };
  }
  if (isEvent(event, SongInterestMarked)) {
    const { userId, songId, at, notInterested } = event.data;
    return {
      userId,
      kind: 'notInterested',
      subjectId: songId,
      active: notInterested,
      at: new Date(at),
      ...versioned,
    };
  }
  if (isEvent(event, SongPlayed)) {
    const { userId, songId, at } = event.data;
    return { userId, kind: 'play', subjectId: songId, active: true, version: 0, at: new Date(at) };
  }
  return null;
}

/**
 * Per-listener signals for "For you" (`listener_signals`), folded from the preference events.
 * Likes, follows and "not interested" are versioned per pair (the event's `aggregateVersion`), so a
 * duplicate or stale event matches nothing; plays are a set (the latest time kept), so applying one
 * twice changes nothing. At most `SIGNAL_CAPS` active signals per listener and kind (the oldest go
 * first); tombstones are kept, so a removed like stays removed whatever is redelivered.
 */
export class ListenerSignals {
  constructor(
    private readonly db: () => Db,
    private readonly caps: Readonly<Record<SignalKind, number>> = SIGNAL_CAPS,
  ) {}

  get signals(): Collection<ListenerSignal> {
    return this.db().collection<ListenerSignal>('listener_signals');
  }

  async ensureIndexes(): Promise<void> {
    await this.signals.createIndex({ userId: 1, kind: 1, active: 1, at: -1 });
  }

  /** Applies a preference event; true when it changed the listener's signals. */
  async apply(event: EventEnvelope): Promise<boolean> {
    const change = signalChangeOf(event);
    if (!change) return false;
    const _id = `${change.userId}:${change.kind}:${change.subjectId}`;
    const identity = { userId: change.userId, kind: change.kind, subjectId: change.subjectId };
    let inserted: boolean;
    if (change.kind === 'play') {
      const result = await this.signals.updateOne(
        { _id },
        { $setOnInsert: { ...identity, active: true, version: 0 }, $max: { at: change.at } },
        { upsert: true },
      );
      inserted = result.upsertedCount > 0;
    } else {
      try {
        const result = await this.signals.updateOne(
          { _id, version: { $lt: change.version } },
          { $set: { ...identity, active: change.active, version: change.version, at: change.at } },
          { upsert: true },
        );
        if (result.modifiedCount + result.upsertedCount === 0) return false;
        inserted = result.upsertedCount > 0;
      } catch (error) {
        if ((error as { code?: number }).code === DUPLICATE_KEY) return false;
        throw error;
      }
    }
    if (inserted && change.active) await this.enforceCap(change.userId, change.kind);
    return true;
  }

  /** One listener's active signals (at most the caps summed); tombstones are not read. */
  async of(
    userId: string,
  ): Promise<Pick<ListenerSignal, '_id' | 'kind' | 'subjectId' | 'active'>[]> {
    return this.signals
      .find({ userId, active: true }, { projection: { kind: 1, subjectId: 1, active: 1 } })
      .toArray();
  }

  async drop(): Promise<void> {
    await this.signals.deleteMany({});
  }

  /**
   * Only active signals count toward the cap, and only they are evicted: a tombstone (an unlike,
   * an unfollow, "not interested" taken back) is kept with its version, so an older event
   * redelivered later cannot revive what was taken back. The common case (under the cap) costs one
   * bounded count on the `{ userId, kind, active, at }` index; the oldest beyond it are found and
   * deleted only when the cap is exceeded (at most a few per insertion).
   */
  private async enforceCap(userId: string, kind: SignalKind): Promise<void> {
    const cap = this.caps[kind];
    const filter = { userId, kind, active: true };
    const active = await this.signals.countDocuments(filter, { limit: cap + 1 });
    if (active <= cap) return;
    const beyond = await this.signals
      .find(filter, { projection: { _id: 1 } })
      .sort({ at: -1, _id: 1 })
      .skip(cap)
      .toArray();
    if (beyond.length) {
      await this.signals.deleteMany({ _id: { $in: beyond.map((signal) => signal._id) } });
    }
  }
}
