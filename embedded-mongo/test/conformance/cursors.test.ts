import { Long, MongoServerError, type Document } from 'mongodb';
import { useDriverTarget } from './target';

describe('cursors: batches, getMore, killCursors', () => {
  const t = useDriverTarget();

  beforeAll(async () => {
    await t
      .db()
      .collection('many')
      .insertMany(Array.from({ length: 1000 }, (_, i) => ({ i })));
  });

  it('streams 1000 documents in batches of 7 through getMore', async () => {
    const cursor = t.db().collection('many').find({}, { batchSize: 7 }).sort({ i: 1 });
    const seen: number[] = [];
    for await (const doc of cursor) seen.push(doc.i as number);
    expect(seen).toHaveLength(1000);
    expect(seen[0]).toBe(0);
    expect(seen[999]).toBe(999);
    expect(new Set(seen).size).toBe(1000);
  });

  it('returns int64 cursor ids and exact batch sizes over raw commands', async () => {
    const first = await t
      .db()
      .command(
        { find: 'many', filter: { i: { $lt: 20 } }, sort: { i: 1 }, batchSize: 7 },
        { promoteLongs: false },
      );
    expect(first.cursor.firstBatch).toHaveLength(7);
    const id = first.cursor.id as Long;
    expect(Long.isLong(id)).toBe(true);
    expect(id.toString()).not.toBe('0');
    const more = await t.db().command({ getMore: id, collection: 'many', batchSize: 7 });
    expect(more.cursor.nextBatch.map((d: Document) => d.i)).toEqual([7, 8, 9, 10, 11, 12, 13]);
    const last = await t.db().command({ getMore: id, collection: 'many', batchSize: 100 });
    expect(last.cursor.nextBatch).toHaveLength(6);
    expect(last.cursor.id.toString()).toBe('0');
    const gone = await t
      .db()
      .command({ getMore: id, collection: 'many' })
      .catch((e: unknown) => e);
    expect((gone as MongoServerError).code).toBe(43);
  });

  it('kills cursors', async () => {
    const first = await t.db().command({ find: 'many', batchSize: 2 }, { promoteLongs: false });
    const id = first.cursor.id as Long;
    const killed = await t.db().command({ killCursors: 'many', cursors: [id] });
    expect(killed.cursorsKilled.map((x: Long) => x.toString())).toEqual([id.toString()]);
    const after = await t
      .db()
      .command({ getMore: id, collection: 'many' })
      .catch((e: unknown) => e);
    expect((after as MongoServerError).code).toBe(43);
  });

  it('closes the cursor immediately for singleBatch and limit', async () => {
    const single = await t.db().command({ find: 'many', filter: {}, limit: 5, singleBatch: true });
    expect(single.cursor.firstBatch).toHaveLength(5);
    expect(single.cursor.id.toString()).toBe('0');
    const limited = await t.db().collection('many').find({}).limit(250).toArray();
    expect(limited).toHaveLength(250);
  });

  it('pages aggregate results through getMore too', async () => {
    const docs = await t
      .db()
      .collection('many')
      .aggregate([{ $match: { i: { $gte: 500 } } }, { $sort: { i: -1 } }], { batchSize: 9 })
      .toArray();
    expect(docs).toHaveLength(500);
    expect(docs[0]?.i).toBe(999);
  });
});
