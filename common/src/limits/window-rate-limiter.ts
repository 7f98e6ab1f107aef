import type { Collection, Db } from 'mongodb';
import { RateLimitedError } from '../errors';

interface WindowCount {
  /** `<action>:<key>:<window start ms>` */
  _id: string;
  count: number;
  expiresAt: Date;
}

export interface WindowRateLimit {
  /** What is limited, in the error and the keys (e.g. "playlist moves"). */
  action: string;
  /** At most this many per key per window. */
  limit: number;
  windowMs: number;
}

const isDuplicateKey = (error: unknown) => (error as { code?: number }).code === 11000;

/**
 * A per-key limit shared by every instance of a service: at most `limit` actions per key in each
 * fixed window of `windowMs`, counted in Mongo. One atomic `$inc` upsert per action (no
 * read-then-write, no compare-and-set), so concurrent requests of one key cannot slip past it and
 * do not contend; beyond the limit it throws RATE_LIMITED with `retryAfterSeconds` = until the
 * window ends. Windows are fixed, so a burst straddling two windows may reach twice the limit
 * within `windowMs`. Counts expire (TTL) one window after theirs ends.
 */
export class WindowRateLimiter {
  private ready: Promise<unknown> | undefined;

  constructor(
    private readonly db: () => Db,
    private readonly collectionName: string,
  ) {}

  private get counts(): Collection<WindowCount> {
    return this.db().collection<WindowCount>(this.collectionName);
  }

  ensureIndexes(): Promise<unknown> {
    this.ready ??= this.counts.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 });
    return this.ready;
  }

  /** Counts one action of `key`, or throws RATE_LIMITED (the refused action is counted too). */
  async take(key: string, rule: WindowRateLimit, now = new Date()): Promise<void> {
    await this.ensureIndexes();
    const windowStart = Math.floor(now.getTime() / rule.windowMs) * rule.windowMs;
    const windowEnd = windowStart + rule.windowMs;
    const _id = `${rule.action}:${key}:${windowStart}`;
    const increment = () =>
      this.counts.findOneAndUpdate(
        { _id },
        { $inc: { count: 1 }, $setOnInsert: { expiresAt: new Date(windowEnd + rule.windowMs) } },
        { upsert: true, returnDocument: 'after' },
      );
    // Two first actions of a window may both try to insert: the loser increments the winner's.
    const counted = await increment().catch((error: unknown) => {
      if (isDuplicateKey(error)) return increment();
      throw error;
    });
    if ((counted?.count ?? 0) <= rule.limit) return;
    const retryAfterSeconds = Math.max(1, Math.ceil((windowEnd - now.getTime()) / 1000));
    throw new RateLimitedError(
      retryAfterSeconds,
      `Too many ${rule.action}: at most ${rule.limit} per ${Math.round(rule.windowMs / 1000)} s; try again in ${retryAfterSeconds} s`,
    );
  }
}
