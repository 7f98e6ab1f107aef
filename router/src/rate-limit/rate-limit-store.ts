/** How a bucket fills: `capacity` tokens at most, `refillPerSecond` added back every second. */
export interface BucketPolicy {
  capacity: number;
  refillPerSecond: number;
}

export interface TakeResult {
  allowed: boolean;
  /** Tokens left after this take (0 when refused). */
  remaining: number;
  /** When refused: seconds until enough tokens are back (whole seconds, at least 1). */
  retryAfterSeconds: number;
}

/**
 * Where token buckets live. The router ships an in-memory store (one per process: N replicas allow
 * N times the rate). To share limits across replicas, implement this interface over a shared store —
 * e.g. Redis with a Lua script doing the same arithmetic atomically (`HMGET tokens updatedAt`,
 * refill, take, `HSET` + `PEXPIRE`), or a Mongo collection updated with a single
 * `findOneAndUpdate` aggregation pipeline — and pass it to `startRouter({ rateLimitStore })`.
 */
export interface RateLimitStore {
  take(key: string, policy: BucketPolicy, cost?: number): Promise<TakeResult>;
  close?(): Promise<void>;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** Token buckets in this process's memory; full buckets are forgotten on a periodic sweep. */
export class MemoryRateLimitStore implements RateLimitStore {
  private readonly buckets = new Map<string, Bucket & { policy: BucketPolicy }>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly now: () => number = Date.now,
    sweepIntervalMs = 60_000,
  ) {
    this.sweeper = setInterval(() => this.sweep(), sweepIntervalMs);
    this.sweeper.unref();
  }

  async take(key: string, policy: BucketPolicy, cost = 1): Promise<TakeResult> {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: policy.capacity, updatedAt: now, policy };
    const elapsedSeconds = Math.max(0, now - bucket.updatedAt) / 1000;
    bucket.tokens = Math.min(
      policy.capacity,
      bucket.tokens + elapsedSeconds * policy.refillPerSecond,
    );
    bucket.updatedAt = now;
    bucket.policy = policy;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= cost) {
      bucket.tokens -= cost;
      return { allowed: true, remaining: Math.floor(bucket.tokens), retryAfterSeconds: 0 };
    }
    const missing = cost - bucket.tokens;
    const retryAfterSeconds = Math.max(1, Math.ceil(missing / policy.refillPerSecond));
    return { allowed: false, remaining: 0, retryAfterSeconds };
  }

  /** Buckets that would be full by now carry no information: drop them. */
  sweep(): void {
    const now = this.now();
    for (const [key, bucket] of this.buckets) {
      const tokens =
        bucket.tokens + ((now - bucket.updatedAt) / 1000) * bucket.policy.refillPerSecond;
      if (tokens >= bucket.policy.capacity) this.buckets.delete(key);
    }
  }

  get size(): number {
    return this.buckets.size;
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
  }
}
