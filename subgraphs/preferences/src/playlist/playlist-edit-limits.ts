import { WindowRateLimiter } from '@groovy/common/limits';
import type { Db } from 'mongodb';

/** How many item changes one user may make per minute, across all playlists (env, README). */
export interface PlaylistEditRates {
  movesPerMinute: number;
  addsPerMinute: number;
}

const MINUTE_MS = 60_000;

/**
 * The per-user rate limits on playlist item moves and adds: RATE_LIMITED with
 * `retryAfterSeconds` beyond them, counted in Mongo so every instance shares them (common's
 * WindowRateLimiter: one atomic increment per change).
 */
export class PlaylistEditLimits {
  private readonly limiter: WindowRateLimiter;

  constructor(
    db: () => Db,
    private readonly rates: PlaylistEditRates,
    private readonly now: () => Date,
  ) {
    this.limiter = new WindowRateLimiter(db, 'playlist_edit_rates');
  }

  ensureIndexes(): Promise<unknown> {
    return this.limiter.ensureIndexes();
  }

  takeMove(userId: string): Promise<void> {
    return this.limiter.take(
      userId,
      { action: 'playlist moves', limit: this.rates.movesPerMinute, windowMs: MINUTE_MS },
      this.now(),
    );
  }

  takeAdd(userId: string): Promise<void> {
    return this.limiter.take(
      userId,
      { action: 'playlist additions', limit: this.rates.addsPerMinute, windowMs: MINUTE_MS },
      this.now(),
    );
  }
}
