import { WindowRateLimiter } from '@groovy/common/limits';
import type { Db } from 'mongodb';

const MINUTE_MS = 60_000;

/** Per user per minute (env, README). */
export interface JamRates {
  /** joinJam attempts, right code or wrong (JAM_JOINS_PER_MINUTE). */
  joinsPerMinute: number;
  /** Jam changes: startJam, controls, queue edits, guest control (JAM_CHANGES_PER_MINUTE). */
  changesPerMinute: number;
}

/**
 * The per-user bounds on Jam calls, counted in Mongo so every instance shares them (common's
 * WindowRateLimiter), RATE_LIMITED with `retryAfterSeconds` beyond them:
 * - join attempts, counted before the code is looked up: a join code is the only key to a Jam;
 * - changes: each one sends the whole state (up to 500 queue items, resolved by the router through
 *   the songs subgraph) to every subscriber of the Jam.
 */
export class JamRateLimits {
  private readonly limiter: WindowRateLimiter;

  constructor(
    db: () => Db,
    private readonly rates: JamRates,
    private readonly now: () => Date,
  ) {
    this.limiter = new WindowRateLimiter(db, 'jam_rates');
  }

  ensureIndexes(): Promise<unknown> {
    return this.limiter.ensureIndexes();
  }

  takeJoin(userId: string): Promise<void> {
    return this.limiter.take(
      userId,
      { action: 'Jam join attempts', limit: this.rates.joinsPerMinute, windowMs: MINUTE_MS },
      this.now(),
    );
  }

  takeChange(userId: string): Promise<void> {
    return this.limiter.take(
      userId,
      { action: 'Jam changes', limit: this.rates.changesPerMinute, windowMs: MINUTE_MS },
      this.now(),
    );
  }
}
