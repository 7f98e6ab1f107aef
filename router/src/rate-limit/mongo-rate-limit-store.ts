import type { Collection, Document } from 'mongodb';
import {
  MemoryRateLimitStore,
  type BucketPolicy,
  type RateLimitStore,
  type TakeResult,
} from './rate-limit-store';

/** One shared bucket: its tokens at `updatedAt` (ms), and when it is full again (TTL index). */
export interface SharedBucketDocument {
  _id: string;
  tokens: number;
  updatedAt: number;
  expiresAt: Date;
}

export interface MongoRateLimitStoreOptions {
  /** Tokens taken from the shared bucket at once (spent here without a round trip). */
  batch: number;
  /** Tokens taken and not spent within this time are given back to the shared bucket. */
  leaseMs: number;
  /**
   * The longest a take waits for Mongo (default 500 ms); then this router limits by itself (see
   * `localOnlyMs`). Without it, every request would wait for the driver's server selection (10 s)
   * while Mongo is down.
   */
  timeoutMs?: number;
  /**
   * After a failed take, how long takes go to this router's own in-memory buckets without asking
   * Mongo (default 1 s): limits keep holding (each router alone: N routers allow N× the rate)
   * instead of failing open, and requests do not each wait `timeoutMs` for a Mongo that is down.
   */
  localOnlyMs?: number;
  /** Told of the failure that starts each such period (the router logs it). */
  onSharedStoreFailure?: (error: unknown) => void;
  now?: () => number;
  /** Closes what the store was built on (the client), on `close()`. */
  onClose?: () => Promise<void>;
}

/** Tokens this router took from a shared bucket and has not spent yet. */
interface Lease {
  tokens: number;
  expiresAt: number;
  policy: BucketPolicy;
}

/**
 * What a refused take learnt: the shared bucket held `tokens` at `at`. Until enough could have
 * refilled, this router refuses the key itself (other routers can only take more; a lease another
 * router gives back early is the only thing it misses, at most `batch - 1` tokens per router).
 */
interface Shortfall {
  tokens: number;
  at: number;
  policy: BucketPolicy;
}

/** How far behind Mongo's clock a router's may be before its buckets are forgotten too early. */
const CLOCK_SKEW_MARGIN_MS = 5 * 60_000;

/** Keys remembered as short at most (an attacker spread over many addresses cannot grow it past). */
const MAX_SHORTFALLS = 100_000;

/**
 * Token buckets shared by every router replica, in a Mongo collection: each take is one atomic
 * `findOneAndUpdate` (an update pipeline: refill since `updatedAt`, give back what this router
 * returns, take), so replicas never lose each other's takes. To spare the round trip on most
 * requests, a router takes up to `batch` tokens at once and spends them locally for at most
 * `leaseMs`; unspent ones go back with its next take of that key (or on the sweep, or close).
 * A client spread over N routers thus gets the same total as from one; at most `batch - 1` of a
 * bucket's tokens per router sit unspent for at most `leaseMs`. A refused key is refused locally
 * until its tokens can be back (see Shortfall): refusals cost no round trip.
 */
export class MongoRateLimitStore implements RateLimitStore {
  private readonly leases = new Map<string, Lease>();
  private readonly shortfalls = new Map<string, Shortfall>();
  /** What a peek (zero-cost take) found, reused for peeks of the key for up to `leaseMs`. */
  private readonly peeks = new Map<string, { remaining: number; at: number }>();
  /** This router's own buckets, used while Mongo does not answer. */
  private readonly local: MemoryRateLimitStore;
  private localOnlyUntil = Number.NEGATIVE_INFINITY;
  private readonly sweeper: NodeJS.Timeout;
  private readonly now: () => number;

  constructor(
    private readonly buckets: Collection<SharedBucketDocument>,
    private readonly options: MongoRateLimitStoreOptions,
  ) {
    if (!Number.isInteger(options.batch) || options.batch < 1)
      throw new Error(`batch: expected a whole number ≥ 1, got ${options.batch}`);
    this.now = options.now ?? Date.now;
    this.local = new MemoryRateLimitStore(this.now);
    this.sweeper = setInterval(() => void this.sweep(), Math.max(options.leaseMs, 100));
    this.sweeper.unref();
  }

  /** The TTL index that forgets buckets once they would be full again. */
  async ensureIndexes(): Promise<void> {
    await this.buckets.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 });
  }

  async take(key: string, policy: BucketPolicy, cost = 1): Promise<TakeResult> {
    const now = this.now();
    if (now < this.localOnlyUntil) return this.local.take(key, policy, cost);
    const lease = this.leases.get(key);
    if (lease && lease.expiresAt > now && lease.tokens >= Math.max(cost, 1)) {
      // A zero-cost take (a peek) is answered by the lease too, without giving it back.
      lease.tokens -= cost;
      if (lease.tokens === 0) this.leases.delete(key);
      return { allowed: true, remaining: lease.tokens, retryAfterSeconds: 0 };
    }
    // A key refused a moment ago is refused here until its tokens can be back: a client over its
    // limit (or guessing API keys) must not cost a Mongo write per request, or it could slow
    // Mongo until every router's takes time out and fail open.
    const short = this.shortfall(key, policy, now, cost);
    if (short) return short;
    if (cost === 0) {
      // Every API-key request peeks at its address's failed-attempt bucket first: answered from
      // the last peek for a lease, so a valid key's requests add no round trip (another
      // router's failures show within `leaseMs`, as its leases do).
      const peeked = this.peeks.get(key);
      if (peeked && now - peeked.at < this.options.leaseMs)
        return { allowed: true, remaining: peeked.remaining, retryAfterSeconds: 0 };
    }
    this.peeks.delete(key);
    // Whatever this router still holds of the key goes back in the same round trip.
    const refund = lease?.tokens ?? 0;
    this.leases.delete(key);
    const want = cost > 0 ? Math.max(cost, this.options.batch) : 0;
    let bucket: { tokens: number; granted: number };
    try {
      bucket = await this.exchange(key, policy, now, refund, cost, want);
    } catch (error) {
      // Mongo is down or slow (or refused the update): limit here alone for a while rather than
      // let everything through — anyone able to slow Mongo would otherwise switch limits off.
      if (this.now() >= this.localOnlyUntil) this.options.onSharedStoreFailure?.(error);
      this.localOnlyUntil = this.now() + (this.options.localOnlyMs ?? 1_000);
      return this.local.take(key, policy, cost);
    }
    if (bucket.tokens < Math.max(cost, 1) && bucket.granted === 0)
      this.rememberShortfall(key, { tokens: bucket.tokens, at: now, policy });
    else this.shortfalls.delete(key);
    if (cost === 0 && bucket.tokens >= 1) {
      this.peeks.set(key, { remaining: Math.floor(bucket.tokens), at: now });
      while (this.peeks.size > MAX_SHORTFALLS) this.peeks.delete(this.peeks.keys().next().value!);
    }
    if (bucket.granted === 0 && cost > 0) {
      const missing = cost - bucket.tokens;
      return {
        allowed: false,
        remaining: 0,
        retryAfterSeconds: Math.max(1, Math.ceil(missing / policy.refillPerSecond)),
      };
    }
    const kept = bucket.granted - cost;
    if (kept > 0) {
      // Concurrent takes of one key (a client's parallel requests) each bring a batch back: they
      // add up, never replace each other (a replaced lease's tokens would be lost to the bucket).
      const current = this.leases.get(key);
      if (current) current.tokens += kept;
      else this.leases.set(key, { tokens: kept, expiresAt: now + this.options.leaseMs, policy });
    }
    return {
      allowed: true,
      remaining: Math.floor(bucket.tokens) + kept,
      retryAfterSeconds: 0,
    };
  }

  /** A refusal (or, for a peek, "nothing left") from a remembered shortfall; undefined: ask Mongo. */
  private shortfall(
    key: string,
    policy: BucketPolicy,
    now: number,
    cost: number,
  ): TakeResult | undefined {
    const known = this.shortfalls.get(key);
    if (!known) return undefined;
    const tokens = Math.min(
      policy.capacity,
      known.tokens + (Math.max(0, now - known.at) / 1000) * policy.refillPerSecond,
    );
    if (tokens >= Math.max(cost, 1)) {
      this.shortfalls.delete(key);
      return undefined;
    }
    if (cost === 0) return { allowed: true, remaining: 0, retryAfterSeconds: 0 };
    return {
      allowed: false,
      remaining: 0,
      retryAfterSeconds: Math.max(1, Math.ceil((cost - tokens) / policy.refillPerSecond)),
    };
  }

  private rememberShortfall(key: string, shortfall: Shortfall): void {
    this.shortfalls.delete(key);
    this.shortfalls.set(key, shortfall);
    while (this.shortfalls.size > MAX_SHORTFALLS)
      this.shortfalls.delete(this.shortfalls.keys().next().value!);
  }

  /**
   * One atomic round trip: refills the bucket for the time since its last change, adds `refund`,
   * then takes `want` tokens (fewer when fewer are there, but never fewer than `cost`: none then).
   */
  private async exchange(
    key: string,
    policy: BucketPolicy,
    now: number,
    refund: number,
    cost: number,
    want: number,
  ): Promise<{ tokens: number; granted: number }> {
    const elapsedSeconds = {
      $divide: [{ $max: [0, { $subtract: [now, { $ifNull: ['$updatedAt', now] }] }] }, 1000],
    };
    const refilled = {
      $min: [
        policy.capacity,
        {
          $add: [
            { $ifNull: ['$tokens', policy.capacity] },
            { $multiply: [elapsedSeconds, policy.refillPerSecond] },
            refund,
          ],
        },
      ],
    };
    const granted = {
      $cond: [
        { $and: [{ $gt: [want, 0] }, { $gte: ['$tokens', cost] }] },
        { $min: [want, { $floor: '$tokens' }] },
        0,
      ],
    };
    // Full again (nothing worth keeping) once the missing tokens are back: the TTL index drops it.
    // Kept CLOCK_SKEW_MARGIN_MS longer: the TTL monitor goes by Mongo's clock, and a router whose
    // clock is behind would otherwise write a time already past there (dropped full at once).
    const fullAgainAt = new Date(
      now + Math.ceil((policy.capacity / policy.refillPerSecond) * 1000) + CLOCK_SKEW_MARGIN_MS,
    );
    // `updatedAt` never goes back: a router whose clock is behind another's refills nothing until
    // its clock passes the stored time, instead of moving it back so that the next take by the
    // router ahead refills the difference again (a client alternating routers would get that
    // refill on every pair of requests).
    const pipeline: Document[] = [
      { $set: { tokens: refilled, updatedAt: { $max: [now, { $ifNull: ['$updatedAt', now] }] } } },
      { $set: { granted } },
      { $set: { tokens: { $subtract: ['$tokens', '$granted'] }, expiresAt: fullAgainAt } },
    ];
    const after = await this.withinTimeout(
      key,
      this.buckets.findOneAndUpdate({ _id: key }, pipeline, {
        upsert: true,
        returnDocument: 'after',
      }),
    );
    if (!after) throw new Error(`rate limit bucket ${key}: the update returned no document`);
    const document = after as SharedBucketDocument & { granted?: number };
    return { tokens: document.tokens, granted: document.granted ?? 0 };
  }

  private async withinTimeout<T>(key: string, pending: Promise<T>): Promise<T> {
    const timeoutMs = this.options.timeoutMs ?? 500;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(`rate limit bucket ${key}: Mongo did not answer within ${timeoutMs} ms`),
          ),
        timeoutMs,
      );
    });
    pending.catch(() => undefined);
    try {
      return await Promise.race([pending, timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Gives back what leases that ran out still hold (so a client that moved on loses nothing). */
  async sweep(): Promise<void> {
    const now = this.now();
    for (const [key, peeked] of this.peeks)
      if (now - peeked.at >= this.options.leaseMs) this.peeks.delete(key);
    // A bucket that would be full again carries no shortfall.
    for (const [key, { tokens, at, policy }] of this.shortfalls)
      if (tokens + ((now - at) / 1000) * policy.refillPerSecond >= policy.capacity)
        this.shortfalls.delete(key);
    const expired = [...this.leases].filter(([, lease]) => lease.expiresAt <= now);
    await Promise.all(
      expired.map(async ([key, lease]) => {
        this.leases.delete(key);
        await this.exchange(key, lease.policy, now, lease.tokens, 0, 0).catch(() => undefined);
      }),
    );
  }

  /** Tokens held here for `key` (for tests and diagnostics). */
  held(key: string): number {
    return this.leases.get(key)?.tokens ?? 0;
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    for (const lease of this.leases.values()) lease.expiresAt = 0;
    await this.sweep();
    await this.local.close();
    await this.options.onClose?.();
  }
}
