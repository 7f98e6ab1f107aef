import { CursorRegistry, takeBatch } from '../cursors';

describe('CursorRegistry', () => {
  it('hands out batches, closes when exhausted and expires idle cursors', () => {
    const registry = new CursorRegistry(1000);
    try {
      const docs = Array.from({ length: 10 }, (_, i) => ({ i }));
      const id = registry.open('db.c', docs, 3).toNumber();
      const next = registry.next(id, 'db.c', 4);
      expect(next?.batch.map((d) => d.i)).toEqual([3, 4, 5, 6]);
      expect(next?.exhausted).toBe(false);
      expect(registry.next(id, 'db.other', 4)).toBeUndefined();
      expect(registry.next(id, undefined, 100)?.exhausted).toBe(true);
      expect(registry.next(id, 'db.c', 1)).toBeUndefined();

      const idle = registry.open('db.c', docs, 0).toNumber();
      registry.expire(Date.now() + 500);
      expect(registry.size).toBe(1);
      registry.expire(Date.now() + 5000);
      expect(registry.size).toBe(0);
      expect(registry.next(idle, 'db.c', 1)).toBeUndefined();
    } finally {
      registry.close();
    }
  });

  it('keeps batches under the 16 MiB reply limit', () => {
    const big = 'x'.repeat(1024 * 1024);
    const docs = Array.from({ length: 40 }, (_, i) => ({ i, big }));
    const batch = takeBatch(docs, 0, 101);
    expect(batch.length).toBeGreaterThan(0);
    expect(batch.length).toBeLessThan(16);
  });
});
