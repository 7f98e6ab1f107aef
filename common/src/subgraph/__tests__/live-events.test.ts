import { InstanceLiveEvents } from '../live-events';

describe('InstanceLiveEvents: a bounded buffer per subscription', () => {
  it('ends a subscriber that never pulls with SUBSCRIBER_TOO_SLOW after its buffer, instead of crashing the publisher', async () => {
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => void uncaught.push(error);
    process.on('uncaughtException', onUncaught);
    try {
      const live = new InstanceLiveEvents(1_000);
      const stalled = live.pubSub.subscribe('COMMENT_CREATED')[Symbol.asyncIterator]();
      const first = stalled.next(); // started, then never pulled again while 1,100 events arrive
      expect(() => {
        for (let i = 0; i < 1_100; i += 1) live.pubSub.publish('COMMENT_CREATED', { i });
      }).not.toThrow();
      await new Promise((resolve) => setImmediate(resolve)); // any listener error would surface now
      expect(uncaught).toEqual([]);
      // Ended: it no longer listens, and costs no memory for later events.
      expect(live.subscribers('COMMENT_CREATED')).toBe(0);

      expect(await first).toEqual({ value: { i: 0 }, done: false });
      const received: number[] = [];
      const failure = await (async () => {
        for (;;) {
          const result = await stalled.next();
          if (result.done) return undefined;
          received.push((result.value as { i: number }).i);
        }
      })().catch((error: unknown) => error);
      // What was buffered (at most 1,000) comes first, in order, then the error; nothing after.
      expect(received.length).toBeLessThanOrEqual(1_000);
      expect(received).toEqual(Array.from({ length: received.length }, (_, k) => k + 1));
      expect(failure).toMatchObject({
        extensions: { code: 'SUBSCRIBER_TOO_SLOW', retryable: true },
      });
      expect(await stalled.next()).toEqual({ value: undefined, done: true });
    } finally {
      process.off('uncaughtException', onUncaught);
    }
  });

  it('delivers every event to a subscriber that keeps up, and stops listening when it returns', async () => {
    const live = new InstanceLiveEvents(10);
    const iterator = live.pubSub.subscribe('T')[Symbol.asyncIterator]();
    const got: unknown[] = [];
    for (let i = 0; i < 50; i += 1) {
      const next = iterator.next();
      live.pubSub.publish('T', i);
      got.push((await next).value);
    }
    expect(got).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(live.subscribers('T')).toBe(1);
    await iterator.return?.();
    expect(live.subscribers('T')).toBe(0);
  });
});
