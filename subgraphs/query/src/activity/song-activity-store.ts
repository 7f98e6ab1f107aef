import type { Collection, Db } from 'mongodb';
import type { SongCounts } from '../read-model/documents';
import { expiredHour, hourOf, type ActivityKind, type BucketCounts } from './trending-formula';

/** A count as its producer last reported it, with the producer's `countVersion`. */
export interface CountState {
  count: number;
  version: number;
}

/** One document per song with activity: its counts and its hourly buckets within the window. */
export interface SongActivityDocument {
  _id: string;
  plays?: CountState;
  likes?: CountState;
  comments?: CountState;
  /** Hour since the epoch (as a string key) → per kind, how much the count grew in that hour. */
  buckets?: Record<string, BucketCounts>;
}

/** A count change as the events carry it: the subject's count after the change, and when. */
export interface CountChange {
  songId: string;
  kind: ActivityKind;
  count: number;
  countVersion: number;
  /** What this one event did to the count: +1 (a play, a like, a comment) or −1. */
  step: 1 | -1;
  at: Date;
}

const DUPLICATE_KEY = 11000;
const MAX_ATTEMPTS = 8;

export function countsOf(document: SongActivityDocument): SongCounts {
  return {
    plays: document.plays?.count ?? 0,
    likes: document.likes?.count ?? 0,
    comments: document.comments?.count ?? 0,
  };
}

/**
 * Song activity in the query subgraph's database (`song_activity`). A count event is applied only
 * when its `countVersion` is newer than the one stored for that song and kind, so a duplicate or a
 * stale (overtaken) event changes nothing; the count's growth since the stored one (negative for
 * an unlike or a removed comment) goes into the bucket of the event's hour. Out-of-order events
 * thus still add up to the newest count: the growth is only attributed to the newer event's hour.
 * When nothing is stored for that count and its `countVersion` is above 1, only the event's own
 * step (±1) is bucketed: a lifetime's count must not land in one trending hour.
 */
export class SongActivityStore {
  constructor(private readonly db: () => Db) {}

  get activity(): Collection<SongActivityDocument> {
    return this.db().collection<SongActivityDocument>('song_activity');
  }

  /**
   * The song's document after the change, `applied: false` when the event was a duplicate or stale
   * (then the document as stored: another instance may have applied it, and an in-process copy
   * follows the stored one either way).
   */
  async apply(
    change: CountChange,
    now: Date,
  ): Promise<{ applied: boolean; document: SongActivityDocument }> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const current = await this.activity.findOne({ _id: change.songId });
      const stored = current?.[change.kind];
      if (current && stored && stored.version >= change.countVersion) {
        return { applied: false, document: current };
      }
      const nowHour = hourOf(now.getTime());
      const expired = expiredHour(nowHour);
      const hour = Math.min(hourOf(change.at.getTime()), nowHour);
      // Nothing stored but not the count's first change (the read model was reset with a truncated
      // log, or this is the first event seen of an old song): its earlier growth happened at
      // unknown times, so only this event's own step goes into a bucket, not the whole count.
      const growth =
        stored || change.countVersion <= 1 ? change.count - (stored?.count ?? 0) : change.step;

      const $inc: Record<string, number> = {};
      if (growth !== 0 && hour > expired) $inc[`buckets.${hour}.${change.kind}`] = growth;
      const $unset: Record<string, ''> = {};
      for (const key of Object.keys(current?.buckets ?? {})) {
        if (Number(key) <= expired) $unset[`buckets.${key}`] = '';
      }
      const update = {
        $set: { [change.kind]: { count: change.count, version: change.countVersion } },
        ...(Object.keys($inc).length ? { $inc } : {}),
        ...(Object.keys($unset).length ? { $unset } : {}),
      };
      // Compare-and-set on the version read: a concurrent change of the same count retries.
      const filter = {
        _id: change.songId,
        [`${change.kind}.version`]: stored ? stored.version : { $exists: false },
      };
      try {
        const after = await this.activity.findOneAndUpdate(filter, update, {
          upsert: !current,
          returnDocument: 'after',
        });
        if (after) return { applied: true, document: after };
      } catch (error) {
        if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
      }
    }
    throw new Error(`song_activity ${change.songId}: too many concurrent changes`);
  }

  /** Every song's activity (at start-up, to rebuild the in-process trending board). */
  findAll(): AsyncIterable<SongActivityDocument> {
    return this.activity.find({});
  }

  async drop(): Promise<void> {
    await this.activity.deleteMany({});
  }
}
