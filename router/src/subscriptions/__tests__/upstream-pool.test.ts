import { UpstreamPool } from '../upstream-pool';

// Clients are lazy: nothing connects until a subscription runs, so the pool's bookkeeping can be
// checked without a subgraph.
describe('UpstreamPool', () => {
  const target = { name: 'library', url: 'http://127.0.0.1:1/graphql' };
  const token = () => Promise.resolve('token');

  function poolAt(clock: { now: number }) {
    return new UpstreamPool({
      maxPayloadBytes: 1024,
      connectionAckWaitTimeoutMs: 1000,
      keepAliveMs: 10_000,
      maxReuseMs: 30_000,
      now: () => clock.now,
    });
  }

  it('shares a young socket, opens a fresh one once it is too old to join, and closes the old one with its last subscription', async () => {
    const clock = { now: 0 };
    const pool = poolAt(clock);
    const first = pool.acquire(target, 'user:u1', token);
    clock.now = 10_000;
    const second = pool.acquire(target, 'user:u1', token);
    expect(second.client).toBe(first.client);
    expect(pool.size()).toBe(1);

    clock.now = 30_000;
    const third = pool.acquire(target, 'user:u1', token);
    expect(third.client).not.toBe(first.client);
    expect(pool.size()).toBe(2);

    first.release();
    second.release();
    expect(pool.size()).toBe(1);
    const fourth = pool.acquire(target, 'user:u1', token);
    expect(fourth.client).toBe(third.client);

    await pool.closeAll();
    expect(pool.size()).toBe(0);
  });

  it('closeAll also closes sockets that are too old to join but still carry subscriptions', async () => {
    const clock = { now: 0 };
    const pool = poolAt(clock);
    pool.acquire(target, 'user:u1', token);
    clock.now = 60_000;
    pool.acquire(target, 'user:u1', token);
    expect(pool.size()).toBe(2);
    await pool.closeAll();
    expect(pool.size()).toBe(0);
  });

  it('keeps callers apart', () => {
    const pool = poolAt({ now: 0 });
    const a = pool.acquire(target, 'user:u1', token);
    const b = pool.acquire(target, 'user:u2', token);
    expect(a.client).not.toBe(b.client);
  });
});
