import { failedAttemptLimiter, rateLimitKey } from '../rate-limit.middleware';
import { MemoryRateLimitStore } from '../rate-limit-store';

describe('per-address rate-limit keys (an IPv6 client by its /64)', () => {
  it('puts anonymous callers of one /64, and a mapped IPv4 and its IPv4, in one bucket', () => {
    const key = (ip: string) => rateLimitKey({ identity: null, ip }).key;
    expect(key('2001:db8::1')).toBe(key('2001:db8::2'));
    expect(key('2001:db8::1')).toBe('ip:2001:db8::/64');
    expect(key('2001:db8:0:1::1')).not.toBe(key('2001:db8::1'));
    expect(key('::ffff:203.0.113.7')).toBe(key('203.0.113.7'));
  });

  it('counts invalid API keys from one /64 together', async () => {
    const store = new MemoryRateLimitStore(() => 0);
    try {
      const limiter = failedAttemptLimiter(store, { capacity: 2, refillPerSecond: 0.01 });
      await limiter.record('2001:db8::1');
      await limiter.record('2001:db8::2');
      expect(await limiter.blocked('2001:db8::3')).toBeGreaterThan(0);
      expect(await limiter.blocked('2001:db8:0:1::1')).toBeUndefined();
    } finally {
      await store.close();
    }
  });
});
