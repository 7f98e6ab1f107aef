import { startTestMongo, type TestMongo } from '@groovy/common/testing';
import { MongoClient, type Collection } from 'mongodb';
import { MongoRateLimitStore, type SharedBucketDocument } from '../mongo-rate-limit-store';

// Two stores on one collection stand for two router replicas sharing Mongo.
describe('MongoRateLimitStore (buckets shared by router replicas)', () => {
  let mongo: TestMongo;
  let client: MongoClient;
  let buckets: Collection<SharedBucketDocument>;
  let now = 1_000_000;
  const clock = () => now;
  const policy = { capacity: 12, refillPerSecond: 1 };
  const stores: MongoRateLimitStore[] = [];
  const store = (batch = 5, leaseMs = 1_000) => {
    // A loaded test machine can take longer than the 500 ms default: never fall back here.
    const created = new MongoRateLimitStore(buckets, {
      batch,
      leaseMs,
      now: clock,
      timeoutMs: 30_000,
    });
    stores.push(created);
    return created;
  };

  beforeAll(async () => {
    mongo = await startTestMongo();
    client = await MongoClient.connect(mongo.url);
    buckets = client.db(mongo.freshDatabaseName('rate')).collection('rate_limit_buckets');
  }, 60_000);
  afterAll(async () => {
    for (const created of stores) await created.close();
    await client?.close();
    await mongo?.stop();
  });

  it('lets a client alternating between two replicas take the capacity once, not twice', async () => {
    const [a, b] = [store(), store()];
    let allowed = 0;
    for (let i = 0; i < 30; i += 1) {
      const result = await (i % 2 === 0 ? a : b).take('ip:alternating', policy);
      if (result.allowed) allowed += 1;
      else expect(result.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    }
    expect(allowed).toBe(policy.capacity);
    // Time refills the shared bucket for both.
    now += 2_000;
    expect((await b.take('ip:alternating', policy)).allowed).toBe(true);
  });

  it('spends a batch locally (one round trip per batch) and gives unspent tokens back', async () => {
    const a = store(5, 1_000);
    const b = store(5, 1_000);
    expect((await a.take('user:batch', policy)).allowed).toBe(true);
    expect(a.held('user:batch')).toBe(4);
    const stored = () => buckets.findOne({ _id: 'user:batch' });
    expect((await stored())!.tokens).toBe(7);
    // Spent from the batch: the shared document does not move.
    for (let i = 0; i < 4; i += 1) expect((await a.take('user:batch', policy)).allowed).toBe(true);
    expect((await stored())!.tokens).toBe(7);

    expect((await b.take('user:batch', policy)).allowed).toBe(true);
    expect(b.held('user:batch')).toBe(4);
    // The lease runs out (no time passes for the refill): the sweep gives the 4 back.
    const before = now;
    now += 1_000;
    await b.sweep();
    expect(b.held('user:batch')).toBe(0);
    const after = await stored();
    // 2 tokens left + 4 given back + 1 s of refill.
    expect(after!.tokens).toBeCloseTo(2 + 4 + (now - before) / 1000, 5);
  });

  it('charges a cost above the batch in one take, and refuses what the bucket cannot pay', async () => {
    const a = store(2);
    expect(await a.take('apiKey:big', policy, 10)).toMatchObject({ allowed: true, remaining: 2 });
    const refused = await a.take('apiKey:big', policy, 5);
    expect(refused).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 3 });
    // A zero-cost take (the failed-attempt limiter's peek) reports without spending.
    expect(await a.take('apiKey:big', policy, 0)).toMatchObject({ allowed: true, remaining: 2 });
  });

  it('keeps every batch of concurrent takes of one key (none is lost to the bucket)', async () => {
    const a = store(5);
    // A client's parallel requests: each takes a batch from the shared bucket at the same time.
    const concurrent = await Promise.all([1, 2, 3].map(() => a.take('ip:parallel', policy)));
    expect(concurrent.every((result) => result.allowed)).toBe(true);
    // 12 - 3 × 5 taken: 4 + 4 + 1 held here, every one still spendable.
    expect(a.held('ip:parallel')).toBe(9);
    let allowed = concurrent.length;
    while ((await a.take('ip:parallel', policy)).allowed) allowed += 1;
    expect(allowed).toBe(policy.capacity);
  });

  it('gives no extra refill to a client alternating between routers whose clocks differ', async () => {
    const ahead = new MongoRateLimitStore(buckets, {
      batch: 1,
      leaseMs: 1_000,
      timeoutMs: 30_000,
      now: () => now + 10_000,
    });
    const behind = new MongoRateLimitStore(buckets, {
      batch: 1,
      leaseMs: 1_000,
      timeoutMs: 30_000,
      now: clock,
    });
    stores.push(ahead, behind);
    let allowed = 0;
    for (let i = 0; i < 40; i += 1)
      if ((await (i % 2 === 0 ? ahead : behind).take('ip:skewed', policy)).allowed) allowed += 1;
    // No time passes: the capacity once, however far apart the routers' clocks are.
    expect(allowed).toBe(policy.capacity);
  });

  it('keeps a bucket past its TTL even when the router clock is well behind Mongo', async () => {
    // The TTL monitor runs on Mongo's clock: a bucket whose expiresAt is already past there is
    // dropped (full again) at the next pass, so a router a minute behind would hand its clients
    // a full bucket every pass; skew must make the limit stricter, never looser.
    const behind = new MongoRateLimitStore(buckets, {
      batch: 1,
      leaseMs: 1_000,
      timeoutMs: 30_000,
      now: () => Date.now() - 2 * 60_000,
    });
    stores.push(behind);
    await behind.take('ip:behind', policy);
    const stored = await buckets.findOne({ _id: 'ip:behind' });
    expect(stored!.expiresAt.getTime()).toBeGreaterThan(Date.now());
  });

  it('fails a take fast when Mongo does not answer, and limits on this router alone meanwhile', async () => {
    // Failing open would let anyone who can slow Mongo down (or wait for an outage) send without
    // any limit; each router limits by itself instead (N routers: at most N× the rate).
    let roundTrips = 0;
    const hanging = {
      findOneAndUpdate: () => {
        roundTrips += 1;
        return new Promise(() => undefined);
      },
    } as unknown as Collection<SharedBucketDocument>;
    const unavailable: unknown[] = [];
    const down = new MongoRateLimitStore(hanging, {
      batch: 5,
      leaseMs: 1_000,
      timeoutMs: 20,
      now: clock,
      onSharedStoreFailure: (error) => unavailable.push(error),
    });
    stores.push(down);
    expect(await down.take('ip:mongo-down', policy)).toMatchObject({ allowed: true });
    expect(unavailable).toEqual([
      expect.objectContaining({
        message: 'rate limit bucket ip:mongo-down: Mongo did not answer within 20 ms',
      }),
    ]);
    let allowed = 1;
    for (let i = 0; i < 20; i += 1)
      if ((await down.take('ip:mongo-down', policy)).allowed) allowed += 1;
    expect(allowed).toBe(policy.capacity);
    // While Mongo is known down, requests do not wait for it again and again.
    expect(roundTrips).toBe(1);
    // A while later Mongo is asked again.
    now += 1_000;
    await down.take('ip:mongo-down', policy);
    expect(roundTrips).toBe(2);
  });

  it('refuses a client out of tokens without a round trip per request (no write amplification)', async () => {
    // A client over its limit keeps sending (or keeps trying invalid API keys): every refusal
    // costing a Mongo write would let it load Mongo until every router's takes time out and
    // fail open for everyone.
    let roundTrips = 0;
    const counted = new Proxy(buckets, {
      get(target, property) {
        const value: unknown = Reflect.get(target, property);
        if (property === 'findOneAndUpdate') roundTrips += 1;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const a = new MongoRateLimitStore(counted, {
      batch: 5,
      leaseMs: 1_000,
      timeoutMs: 30_000,
      now: clock,
    });
    stores.push(a);
    let allowed = 0;
    for (let i = 0; i < 40; i += 1) if ((await a.take('ip:flood', policy)).allowed) allowed += 1;
    expect(allowed).toBe(policy.capacity);
    const afterFlood = roundTrips;
    // 12 tokens in batches of 5 (3 takes), then the one refusal that learnt the bucket is empty.
    expect(afterFlood).toBeLessThanOrEqual(4);
    // Refused again, and peeked at (the failed-attempt limiter), from what this router knows.
    expect(await a.take('ip:flood', policy)).toEqual({
      allowed: false,
      remaining: 0,
      retryAfterSeconds: 1,
    });
    expect(await a.take('ip:flood', policy, 0)).toMatchObject({ remaining: 0 });
    expect(await a.take('ip:flood', policy, 3)).toMatchObject({
      allowed: false,
      retryAfterSeconds: 3,
    });
    expect(roundTrips).toBe(afterFlood);
    // Once the tokens can be back, the shared bucket is asked again (and pays).
    now += 1_000;
    expect((await a.take('ip:flood', policy)).allowed).toBe(true);
    expect(roundTrips).toBe(afterFlood + 1);
  });

  it('answers a zero-cost peek from a held lease without giving it back', async () => {
    let roundTrips = 0;
    const counted = new Proxy(buckets, {
      get(target, property) {
        const value: unknown = Reflect.get(target, property);
        if (property === 'findOneAndUpdate') roundTrips += 1;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const a = new MongoRateLimitStore(counted, {
      batch: 5,
      leaseMs: 1_000,
      timeoutMs: 30_000,
      now: clock,
    });
    stores.push(a);
    expect((await a.take('apiKeyFailure:peek', policy)).allowed).toBe(true);
    expect(a.held('apiKeyFailure:peek')).toBe(4);
    expect(await a.take('apiKeyFailure:peek', policy, 0)).toMatchObject({ allowed: true });
    expect(a.held('apiKeyFailure:peek')).toBe(4);
    expect(roundTrips).toBe(1);
  });

  it('answers repeated peeks of a key nobody failed on from the last answer, for a lease', async () => {
    // Every API-key request first peeks at its address's failed-attempt bucket: without this, a
    // valid key's every request (refused ones too) would cost a Mongo write.
    let roundTrips = 0;
    const counted = new Proxy(buckets, {
      get(target, property) {
        const value: unknown = Reflect.get(target, property);
        if (property === 'findOneAndUpdate') roundTrips += 1;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const a = new MongoRateLimitStore(counted, {
      batch: 5,
      leaseMs: 1_000,
      timeoutMs: 30_000,
      now: clock,
    });
    stores.push(a);
    for (let i = 0; i < 10; i += 1)
      expect(await a.take('apiKeyFailure:valid', policy, 0)).toMatchObject({ allowed: true });
    expect(roundTrips).toBe(1);
    // A failure recorded here is taken from the bucket (and forgets the peek's answer).
    expect((await a.take('apiKeyFailure:valid', policy, 1)).allowed).toBe(true);
    // Past the lease, the shared bucket is asked again.
    now += 1_000;
    await a.take('apiKeyFailure:other', policy, 0);
    const before = roundTrips;
    now += 1_000;
    await a.take('apiKeyFailure:other', policy, 0);
    expect(roundTrips).toBe(before + 1);
  });

  it('refuses a batch size below one', () => {
    expect(() => new MongoRateLimitStore(buckets, { batch: 0, leaseMs: 1_000 })).toThrow(
      /batch: expected a whole number ≥ 1, got 0/,
    );
  });
});
