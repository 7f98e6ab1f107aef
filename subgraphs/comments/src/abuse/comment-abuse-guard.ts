import { ConflictError, RateLimitedError } from '@groovy/common/errors';
import { createHash } from 'node:crypto';
import type { Collection, Db } from 'mongodb';

interface RecentPosts {
  /** The user's id. */
  _id: string;
  /** When their comments of the last minute were posted, oldest first. */
  times: Date[];
  version: number;
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
 * The two abuse rules of posting (edits count in the same minute, see admitEdit), kept in Mongo so every instance of the subgraph shares them: at
 * most `commentsPerMinute` comments per user in any 60 seconds (a sliding window; RATE_LIMITED
 * with `retryAfterSeconds` beyond), and not the same body twice within `duplicateWindowSeconds`
 * (CONFLICT naming `body`). Both are atomic writes (a compare-and-set on the user's recent posts,
 * a unique key per body), so concurrent requests cannot slip by.
 */
export class CommentAbuseGuard {
  private ready: Promise<unknown> | undefined;

  constructor(
    private readonly db: () => Db,
    private readonly limits: AbuseLimits,
  ) {}

  private get recentPosts(): Collection<RecentPosts> {
    return this.db().collection<RecentPosts>('comment_recent_posts');
  }

  private get bodies(): Collection<RecentBody> {
    return this.db().collection<RecentBody>('comment_recent_bodies');
  }

  ensureIndexes(): Promise<unknown> {
    this.ready ??= Promise.all([
      this.recentPosts.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 }),
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
    // Counted after the duplicate check, so a refused duplicate takes no slot of the minute.
    try {
      await this.countPost(userId, now);
    } catch (error) {
      await this.bodies.deleteOne({ _id: key, at: now });
      throw error;
    }
    return async () => {
      await this.bodies.deleteOne({ _id: key, at: now });
      // Not posted after all: its slot of the minute back.
      await this.releaseSlot(userId, now);
    };
  }

  /**
   * Counts one edit of `userId` in the same minute as their posts (an edit changes what readers
   * see as much as a post does): RATE_LIMITED with `retryAfterSeconds` when the minute is full.
   * Returns a function that gives the slot back (when the edit is not written after all).
   */
  async admitEdit(userId: string, now = new Date()): Promise<() => Promise<void>> {
    await this.ensureIndexes();
    await this.countPost(userId, now);
    return () => this.releaseSlot(userId, now);
  }

  /**
   * Gives back ONE slot taken at `now` (a `$pull` of the time would give back every post and edit
   * of the user that happened in the same millisecond: a burst whose one failing edit frees the
   * whole minute). A compare-and-set on the user's version, like countPost.
   */
  private async releaseSlot(userId: string, now: Date): Promise<void> {
    for (let attempt = 0; attempt < 50; attempt++) {
      const current = await this.recentPosts.findOne({ _id: userId });
      const index = current?.times.findIndex((time) => time.getTime() === now.getTime()) ?? -1;
      if (!current || index < 0) return;
      const times = [...current.times.slice(0, index), ...current.times.slice(index + 1)];
      const written = await this.recentPosts.updateOne(
        { _id: userId, version: current.version },
        { $set: { times, version: current.version + 1 } },
      );
      if (written.modifiedCount === 1) return;
    }
  }

  /** Adds a post to the user's last minute, or RATE_LIMITED when it is full. */
  private async countPost(userId: string, now: Date): Promise<void> {
    const windowStart = now.getTime() - 60_000;
    for (let attempt = 0; attempt < 50; attempt++) {
      const current = await this.recentPosts.findOne({ _id: userId });
      const recent = (current?.times ?? []).filter((time) => time.getTime() > windowStart);
      if (recent.length >= this.limits.commentsPerMinute) {
        const retryAfterSeconds = Math.max(
          1,
          Math.ceil((recent[0]!.getTime() + 60_000 - now.getTime()) / 1000),
        );
        throw new RateLimitedError(
          retryAfterSeconds,
          `You can post ${this.limits.commentsPerMinute} comments a minute; try again in ${retryAfterSeconds} s`,
        );
      }
      const next = {
        times: [...recent, now],
        version: (current?.version ?? 0) + 1,
        expiresAt: new Date(now.getTime() + 120_000),
      };
      if (!current) {
        try {
          await this.recentPosts.insertOne({ _id: userId, ...next });
          return;
        } catch (error) {
          if ((error as { code?: number }).code !== 11000) throw error;
          continue; // another request of this user created it first: read again
        }
      }
      const written = await this.recentPosts.updateOne(
        { _id: userId, version: current.version },
        { $set: next },
      );
      if (written.modifiedCount === 1) return;
    }
    // So many posts of this user at once that the compare-and-set kept losing: that is a burst.
    throw new RateLimitedError(1, 'Too many comments at once; try again in 1 s');
  }
}
