import { Long, MongoBulkWriteError, MongoServerError, type Document } from 'mongodb';
import { useDriverTarget } from './target';

async function errorOf(p: Promise<unknown>): Promise<MongoServerError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof MongoServerError))
    throw new Error(`expected a MongoServerError, got ${String(err)}`);
  return err;
}

describe('indexes and unique constraints', () => {
  const t = useDriverTarget();
  const coll = (name: string) => t.db().collection<Document>(name);

  it('creates, lists and drops indexes by name, by key and with *', async () => {
    const c = coll('idx');
    await c.insertOne({ a: 1, b: 1, c: 1 });
    expect(await c.createIndex({ a: 1 })).toBe('a_1');
    expect(await c.createIndex({ b: -1, c: 1 }, { name: 'bc' })).toBe('bc');
    await c.createIndex({ c: 1 }, { unique: true, sparse: true });
    const list = await c.listIndexes().toArray();
    expect(list.map((i) => i.name)).toEqual(['_id_', 'a_1', 'bc', 'c_1']);
    expect(list.find((i) => i.name === 'c_1')).toMatchObject({
      key: { c: 1 },
      unique: true,
      sparse: true,
    });
    expect(list.find((i) => i.name === 'bc')?.key).toEqual({ b: -1, c: 1 });
    await c.dropIndex('a_1');
    await t.db().command({ dropIndexes: 'idx', index: { b: -1, c: 1 } });
    expect((await c.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_', 'c_1']);
    await c.dropIndexes();
    expect((await c.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_']);
    expect((await errorOf(c.dropIndex('nope'))).code).toBe(27);
    expect((await errorOf(c.dropIndex('_id_'))).code).toBe(72);
    expect((await errorOf(coll('never_created').listIndexes().toArray())).code).toBe(26);
  });

  it('is idempotent for identical specs and reports conflicts like mongod', async () => {
    const c = coll('conflicts');
    await c.createIndex({ email: 1 }, { unique: true });
    const again = await t.db().command({
      createIndexes: 'conflicts',
      indexes: [{ key: { email: 1 }, name: 'email_1', unique: true }],
    });
    expect(again.numIndexesBefore).toBe(again.numIndexesAfter);
    expect(
      (await errorOf(c.createIndex({ email: 1 }, { name: 'other_name', unique: true }))).code,
    ).toBe(85);
    expect(
      (await errorOf(c.createIndex({ email: 1 }, { unique: false, name: 'email_1' }))).code,
    ).toBe(85);
    expect((await errorOf(c.createIndex({ other: 1 }, { name: 'email_1' }))).code).toBe(86);
  });

  it('enforces a unique index on insert with mongod-shaped E11000 errors', async () => {
    const c = coll('users');
    await c.createIndex({ email: 1 }, { unique: true });
    await c.insertOne({ email: 'a@b.c' });
    const err = await errorOf(c.insertOne({ email: 'a@b.c' }));
    expect(err.code).toBe(11000);
    expect(err.message).toMatch(
      /E11000 duplicate key error collection: .*\.users index: email_1 dup key: \{ email: "a@b\.c" \}/,
    );
    expect(err.keyPattern).toEqual({ email: 1 });
    expect(err.keyValue).toEqual({ email: 'a@b.c' });
    expect(await c.countDocuments()).toBe(1);
  });

  it('reports duplicate _id', async () => {
    const c = coll('ids');
    await c.insertOne({ _id: 7 } as Document);
    const err = await errorOf(c.insertOne({ _id: 7 } as Document));
    expect(err.code).toBe(11000);
    expect(err.message).toContain('index: _id_ dup key: { _id: 7 }');
  });

  it('stops ordered insertMany at the first duplicate and continues unordered', async () => {
    const c = coll('batch');
    await c.createIndex({ k: 1 }, { unique: true });
    const ordered = await c
      .insertMany([{ k: 1 }, { k: 2 }, { k: 1 }, { k: 3 }])
      .catch((e: unknown) => e);
    expect(ordered).toBeInstanceOf(MongoBulkWriteError);
    expect((ordered as MongoBulkWriteError).code).toBe(11000);
    expect((ordered as MongoBulkWriteError).insertedCount).toBe(2);
    expect(await c.countDocuments()).toBe(2);
    const unordered = await c
      .insertMany([{ k: 4 }, { k: 2 }, { k: 5 }], { ordered: false })
      .catch((e: unknown) => e);
    expect((unordered as MongoBulkWriteError).insertedCount).toBe(2);
    expect((unordered as MongoBulkWriteError).writeErrors).toHaveLength(1);
    expect(await c.countDocuments()).toBe(4);
  });

  it('enforces compound unique indexes', async () => {
    const c = coll('compound');
    await c.createIndex({ tenant: 1, slug: 1 }, { unique: true });
    await c.insertMany([
      { tenant: 'a', slug: 'x' },
      { tenant: 'b', slug: 'x' },
      { tenant: 'a', slug: 'y' },
    ]);
    const err = await errorOf(c.insertOne({ tenant: 'a', slug: 'x' }));
    expect(err.code).toBe(11000);
    expect(err.keyPattern).toEqual({ tenant: 1, slug: 1 });
    expect(err.keyValue).toEqual({ tenant: 'a', slug: 'x' });
  });

  it('rejects updates, upserts and findAndModify that would duplicate, leaving documents unchanged', async () => {
    const c = coll('upd_unique');
    await c.createIndex({ email: 1 }, { unique: true });
    await c.insertMany([
      { email: 'one', n: 1 },
      { email: 'two', n: 2 },
    ]);
    const upd = await errorOf(c.updateOne({ email: 'two' }, { $set: { email: 'one', n: 99 } }));
    expect(upd.code).toBe(11000);
    expect(await c.findOne({ n: 2 }, { projection: { _id: 0 } })).toEqual({ email: 'two', n: 2 });
    const ups = await errorOf(c.updateOne({ n: 3 }, { $set: { email: 'one' } }, { upsert: true }));
    expect(ups.code).toBe(11000);
    expect(await c.countDocuments()).toBe(2);
    const fam = await errorOf(c.findOneAndUpdate({ email: 'two' }, { $set: { email: 'one' } }));
    expect(fam.code).toBe(11000);
    expect(fam.keyValue).toEqual({ email: 'one' });
    expect(await c.countDocuments({ email: 'two' })).toBe(1);
    const repl = await errorOf(c.replaceOne({ email: 'two' }, { email: 'one' }));
    expect(repl.code).toBe(11000);
  });

  it('refuses to build a unique index over existing duplicates', async () => {
    const c = coll('prebuilt');
    await c.insertMany([{ u: 1 }, { u: 1 }]);
    expect((await errorOf(c.createIndex({ u: 1 }, { unique: true }))).code).toBe(11000);
    expect((await c.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_']);
  });

  it('treats missing fields as null unless the index is sparse', async () => {
    const dense = coll('dense');
    await dense.createIndex({ opt: 1 }, { unique: true });
    await dense.insertOne({ a: 1 });
    expect((await errorOf(dense.insertOne({ a: 2 }))).code).toBe(11000);
    const sparse = coll('sparse');
    await sparse.createIndex({ opt: 1 }, { unique: true, sparse: true });
    await sparse.insertMany([{ a: 1 }, { a: 2 }, { opt: 'x' }]);
    expect((await errorOf(sparse.insertOne({ opt: 'x' }))).code).toBe(11000);
  });

  it('honours partialFilterExpression', async () => {
    const c = coll('partial');
    await c.createIndex({ email: 1 }, { unique: true, partialFilterExpression: { active: true } });
    await c.insertMany([
      { email: 'p', active: false },
      { email: 'p', active: false },
      { email: 'p', active: true },
    ]);
    expect((await errorOf(c.insertOne({ email: 'p', active: true }))).code).toBe(11000);
    expect(await c.countDocuments({ email: 'p' })).toBe(3);
  });

  it('indexes array elements (multikey)', async () => {
    const c = coll('multikey');
    await c.createIndex({ tags: 1 }, { unique: true });
    await c.insertOne({ tags: ['a', 'b'] });
    expect((await errorOf(c.insertOne({ tags: ['c', 'b'] }))).code).toBe(11000);
    await c.insertOne({ tags: ['c', 'c'] });
    expect((await c.findOne({ tags: 'b' }))?.tags).toEqual(['a', 'b']);
    expect(await c.countDocuments({ tags: { $in: ['a', 'c'] } })).toBe(2);
  });

  it('compares numbers across types in index keys', async () => {
    const c = coll('numeric_keys');
    await c.createIndex({ n: 1 }, { unique: true });
    await c.insertOne({ n: 1 });
    expect((await errorOf(c.insertOne({ n: 1.0 }))).code).toBe(11000);
    expect((await errorOf(c.insertOne({ n: Long.fromNumber(1) }))).code).toBe(11000);
    await c.insertOne({ n: 1.5 });
    expect(await c.countDocuments({ n: { $in: [Long.fromNumber(1), 1.5] } })).toBe(2);
  });

  it('explains IXSCAN/IDHACK for indexed lookups and COLLSCAN otherwise', async () => {
    const c = coll('explained');
    await c.createIndex({ email: 1 }, { unique: true });
    await c.insertMany(Array.from({ length: 50 }, (_, i) => ({ email: `u${i}@x.io`, other: i })));
    const byEmail = JSON.stringify(await c.find({ email: 'u7@x.io' }).explain('queryPlanner'));
    expect(byEmail).toMatch(/IXSCAN/);
    expect(byEmail).toContain('email_1');
    const byIn = JSON.stringify(await c.find({ email: { $in: ['u1@x.io', 'u2@x.io'] } }).explain());
    expect(byIn).toMatch(/IXSCAN/);
    const id = (await c.findOne({ other: 3 }))?._id;
    const byId = JSON.stringify(await c.find({ _id: id }).explain());
    expect(byId).toMatch(/IDHACK|IXSCAN|EXPRESS/);
    const scan = JSON.stringify(await c.find({ other: 3 }).explain());
    expect(scan).toMatch(/COLLSCAN/);
    expect(scan).not.toMatch(/IXSCAN/);
    const stats = await c.find({ email: 'u7@x.io' }).explain('executionStats');
    expect(stats.executionStats.nReturned).toBe(1);
    expect(stats.executionStats.totalDocsExamined).toBeLessThanOrEqual(1);
  });

  it('changes a TTL with collMod', async () => {
    const c = coll('collmod');
    await c.createIndex({ at: 1 }, { expireAfterSeconds: 100 });
    const reply = await t
      .db()
      .command({ collMod: 'collmod', index: { keyPattern: { at: 1 }, expireAfterSeconds: 200 } });
    expect(reply.ok).toBe(1);
    const index = (await c.listIndexes().toArray()).find((i) => i.name === 'at_1');
    expect(index?.expireAfterSeconds).toBe(200);
  });

  it('refuses multi updates with a replacement document', async () => {
    const reply = await t
      .db()
      .command({ update: 'collmod', updates: [{ q: {}, u: { x: 1 }, multi: true }] });
    expect(reply.writeErrors?.[0]?.code).toBe(9);
  });

  it('uses the index for a unique lookup without scanning at scale', async () => {
    const c = coll('scale');
    await c.createIndex({ email: 1 }, { unique: true });
    for (let b = 0; b < 10; b += 1) {
      await c.insertMany(
        Array.from({ length: 1000 }, (_, i) => ({ email: `u${b * 1000 + i}@x.io` })),
      );
    }
    const stats = await c.find({ email: 'u7777@x.io' }).explain('executionStats');
    expect(stats.executionStats.nReturned).toBe(1);
    expect(stats.executionStats.totalDocsExamined).toBe(1);
    const inStats = await c
      .find({ email: { $in: ['u1@x.io', 'u9999@x.io', 'nope'] } })
      .explain('executionStats');
    expect(inStats.executionStats.nReturned).toBe(2);
    expect(inStats.executionStats.totalDocsExamined).toBeLessThanOrEqual(2);
  });

  it('accepts text index creation; $text needs it', async () => {
    const c = coll('texty');
    await c.createIndex({ body: 'text' });
    await c.insertOne({ body: 'hello world' });
    const names = (await c.listIndexes().toArray()).map((i) => i.name);
    expect(names).toContain('body_text');
    const info = await t.db().command({ buildInfo: 1 });
    if (info.gitVersion === 'embedded') {
      const err = await errorOf(c.find({ $text: { $search: 'hello' } }).toArray());
      expect(err.message).toMatch(/not supported by the embedded engine/);
    } else {
      expect(await c.countDocuments({ $text: { $search: 'hello' } })).toBe(1);
    }
  });
});
