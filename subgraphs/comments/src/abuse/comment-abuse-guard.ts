import { ConflictError, RateLimitedError } from '@groovy/common/errors';
import { createHash } from 'node:crypto';
import type { Collection, Db } from 'mongodb';

interface RateWindow {
  /** `<userId>:<minute since the epoch>` */
  _id: string;
  count: number;
  expiresAt: Date;
}

interface RecentBody {
  /** `<userId>:<sha-256 of the body>` */
  _id: string;
  at: Date;
  expiresAt: Date;
}

export interface AbuseLimits {
  commentsPerMinute: number;
  duplicateWindowSeconds: number;
}

/**
 * The two abuse rules of posting, kept in Mongo so every instance of the subgraph shares them: at
 * most `commentsPerMinute` comments per user per clock minute (RATE_LIMITED with
 * `retryAfterSeconds` beyond), and not the same body twice within `duplicateWindowSeconds`
 * (CONFLICT naming `body`). Both are single atomic writes, so concurrent requests cannot slip by.
 */
export class CommentAbuseGuard {
  private ready: Promise<unknown> | undefined;

  constructor(
    private readonly db: () => Db,
    private readonly limits: AbuseLimits,
  ) {}

  private get windows(): Collection<RateWindow> {
    return this.db().collection<RateWindow>('comment_rate_windows');
  }

  private get bodies(): Collection<RecentBody> {
    return this.db().collection<RecentBody>('comment_recent_bodies');
  }

  ensureIndexes(): Promise<unknown> {
    this.ready ??= Promise.all([
      this.windows.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 }),
      this.bodies.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 }),
    ]);
    return this.ready;
  }

  /**
   * Counts one comment of `userId` and remembers its body; throws RATE_LIMITED or CONFLICT instead
   * when a rule says no. Returns a function that forgets the body (when the comment is not written after all).
   */
  async admit(userId: string, body: string, now = new Date()): Promise<() => Promise<void>> {
    await this.ensureIndexes();
    const minute = Math.floor(now.getTime() / 60_000);
    const window = await this.windows.findOneAndUpdate(
      { _id: `${userId}:${minute}` },
      { $inc: { count: 1 }, $setOnInsert: { expiresAt: new Date((minute + 2) * 60_000) } },
      { upsert: true, returnDocument: 'after' },
    );
    if (window && window.count > this.limits.commentsPerMinute) {
      const retryAfterSeconds = Math.max(
        1,
        Math.ceil(((minute + 1) * 60_000 - now.getTime()) / 1000),
      );
      throw new RateLimitedError(
        retryAfterSeconds,
        `You can post ${this.limits.commentsPerMinute} comments a minute; try again in ${retryAfterSeconds} s`,
      );
    }
    const key = `${userId}:${createHash('sha256').update(body).digest('base64url')}`;
    const windowMs = this.limits.duplicateWindowSeconds * 1000;
    const expiresAt = new Date(now.getTime() + windowMs);
    try {
      await this.bodies.insertOne({ _id: key, at: now, expiresAt });
    } catch (error) {
      if ((error as { code?: number }).code !== 11000) throw error;
      // Known: take it over only if it is older than the window (the TTL sweep may not have run).
      const renewed = await this.bodies.findOneAndUpdate(
        { _id: key, at: { $lte: new Date(now.getTime() - windowMs) } },
        { $set: { at: now, expiresAt } },
      );
      if (!renewed)
        throw new ConflictError(
          `You posted this same comment less than ${this.limits.duplicateWindowSeconds} seconds ago`,
          'body',
        );
    }
    return async () => {
      await this.bodies.deleteOne({ _id: key, at: now });
    };
  }
}
