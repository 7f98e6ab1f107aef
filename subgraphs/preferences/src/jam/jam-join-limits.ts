import { WindowRateLimiter } from '@groovy/common/limits';
import type { Db } from 'mongodb';

const MINUTE_MS = 60_000;

/**
 * The per-user bound on joinJam attempts (JAM_JOINS_PER_MINUTE): a join code is the only key to a
 * Jam, so each attempt — whatever its code — is counted before the code is looked up, in Mongo so
 * every instance shares the count; RATE_LIMITED with `retryAfterSeconds` beyond it.
 */
export class JamJoinLimits {
  private readonly limiter: WindowRateLimiter;

  constructor(
    db: () => Db,
    private readonly joinsPerMinute: number,
    private readonly now: () => Date,
  ) {
    this.limiter = new WindowRateLimiter(db, 'jam_join_rates');
  }

  ensureIndexes(): Promise<unknown> {
    return this.limiter.ensureIndexes();
  }

  take(userId: string): Promise<void> {
    return this.limiter.take(
      userId,
      { action: 'Jam join attempts', limit: this.joinsPerMinute, windowMs: MINUTE_MS },
      this.now(),
    );
  }
}
