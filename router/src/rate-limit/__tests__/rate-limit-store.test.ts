import { MemoryRateLimitStore } from '../rate-limit-store';

describe('MemoryRateLimitStore', () => {
  let now = 0;
  let store: MemoryRateLimitStore;
  beforeEach(() => {
    now = 1_000_000;
    store = new MemoryRateLimitStore(() => now);
  });
  afterEach(() => store.close());

  const policy = { capacity: 3, refillPerSecond: 0.5 };

  it('allows a burst up to capacity, then refuses with the time until a token is back', async () => {
    for (let index = 0; index < 3; index += 1)
      expect((await store.take('ip:a', policy)).allowed).toBe(true);
    expect(await store.take('ip:a', policy)).toEqual({
      allowed: false,
      remaining: 0,
      retryAfterSeconds: 2,
    });
    now += 1_000;
    expect(await store.take('ip:a', policy)).toMatchObject({
      allowed: false,
      retryAfterSeconds: 1,
    });
    now += 1_000;
    expect(await store.take('ip:a', policy)).toMatchObject({ allowed: true, remaining: 0 });
  });

  it('keeps one bucket per key and charges a cost of several tokens', async () => {
    expect(await store.take('user:1', policy, 3)).toMatchObject({ allowed: true, remaining: 0 });
    expect((await store.take('user:2', policy)).allowed).toBe(true);
    expect(await store.take('user:1', policy, 2)).toMatchObject({
      allowed: false,
      retryAfterSeconds: 4,
    });
  });

  it('never fills beyond capacity and forgets full buckets on a sweep', async () => {
    await store.take('ip:b', policy);
    now += 3_600_000;
    expect(await store.take('ip:b', policy)).toMatchObject({ allowed: true, remaining: 2 });
    expect(store.size).toBe(1);
    now += 10_000;
    store.sweep();
    expect(store.size).toBe(0);
  });
});
