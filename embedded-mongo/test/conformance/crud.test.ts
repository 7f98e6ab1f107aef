import { Binary, Decimal128, Long, ObjectId, UUID, type Collection, type Document } from 'mongodb';

// Schemaless collections: the tests store numbers, strings and ObjectIds as _id.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Collection<any>;
import { useDriverTarget } from './target';

describe('insert, find, update, delete, findAndModify, count, distinct', () => {
  const t = useDriverTarget();
  const coll = (name: string): Loose => t.db().collection(name);

  it('inserts with generated ObjectId _id placed first and finds by filter', async () => {
    const res = await coll('people').insertMany([
      { name: 'ann', age: 30, city: 'Oslo' },
      { name: 'bob', age: 25, city: 'Rome' },
      { name: 'cid', age: 35, city: 'Oslo' },
    ]);
    expect(res.insertedCount).toBe(3);
    const doc = await coll('people').findOne({ name: 'bob' });
    expect(doc?._id).toBeInstanceOf(ObjectId);
    expect(Object.keys(doc ?? {})[0]).toBe('_id');
    const oslo = await coll('people')
      .find({ city: 'Oslo', age: { $gte: 30 } })
      .sort({ age: -1 })
      .toArray();
    expect(oslo.map((d) => d.name)).toEqual(['cid', 'ann']);
  });

  it('supports sort, skip, limit (also negative) and projection', async () => {
    const c = coll('paging');
    await c.insertMany(
      Array.from({ length: 20 }, (_, i) => ({ i, sq: i * i, tag: i % 2 ? 'odd' : 'even' })),
    );
    const page = await c
      .find({}, { projection: { _id: 0, i: 1 } })
      .sort({ i: -1 })
      .skip(2)
      .limit(3)
      .toArray();
    expect(page).toEqual([{ i: 17 }, { i: 16 }, { i: 15 }]);
    const neg = await c.find({ tag: 'odd' }).sort({ i: 1 }).limit(-2).toArray();
    expect(neg.map((d) => d.i)).toEqual([1, 3]);
    const excl = await c.findOne({ i: 4 }, { projection: { sq: 0, _id: 0 } });
    expect(excl).toEqual({ i: 4, tag: 'even' });
    const multi = await c
      .find({ i: { $lt: 4 } })
      .sort({ tag: 1, i: -1 })
      .toArray();
    expect(multi.map((d) => d.i)).toEqual([2, 0, 3, 1]);
  });

  it('matches ObjectId and Date by equality, $in and ranges', async () => {
    const c = coll('typed');
    const ids = [new ObjectId(), new ObjectId(), new ObjectId()];
    const base = Date.UTC(2024, 0, 1);
    await c.insertMany(ids.map((ref, i) => ({ ref, at: new Date(base + i * 86_400_000), n: i })));
    expect((await c.findOne({ ref: new ObjectId(ids[1]?.toHexString()) }))?.n).toBe(1);
    const inIds = await c
      .find({ ref: { $in: [ids[0], ids[2]] } })
      .sort({ n: 1 })
      .toArray();
    expect(inIds.map((d) => d.n)).toEqual([0, 2]);
    const range = await c
      .find({ at: { $gt: new Date(base), $lte: new Date(base + 2 * 86_400_000) } })
      .sort({ at: 1 })
      .toArray();
    expect(range.map((d) => d.n)).toEqual([1, 2]);
    expect((await c.findOne({ at: new Date(base + 86_400_000) }))?.n).toBe(1);
    const byId = await c.findOne({ _id: (await c.findOne({ n: 2 }))?._id });
    expect(byId?.n).toBe(2);
  });

  it('treats numbers equal across int, double and long', async () => {
    const c = coll('numbers');
    await c.insertMany([
      { k: 'int', v: 1 },
      { k: 'double', v: 1.5 },
      { k: 'long', v: Long.fromNumber(7) },
    ]);
    expect((await c.findOne({ v: 1.0 }))?.k).toBe('int');
    expect((await c.findOne({ v: Long.fromNumber(1) }))?.k).toBe('int');
    expect((await c.findOne({ v: 7 }))?.k).toBe('long');
    const gt = await c
      .find({ v: { $gt: 1 } })
      .sort({ v: 1 })
      .toArray();
    expect(gt.map((d) => d.k)).toEqual(['double', 'long']);
    await c.insertOne({ k: 'dec', v: Decimal128.fromString('2.5') });
    const dec = await c.findOne({ k: 'dec' });
    expect(dec?.v).toBeInstanceOf(Decimal128);
    expect(dec?.v.toString()).toBe('2.5');
  });

  it('matches Binary and UUID values byte for byte', async () => {
    const c = coll('binary');
    const uuid = new UUID();
    await c.insertMany([
      { k: 'ff', b: new Binary(Buffer.from([0xff, 0x01])) },
      { k: 'fe', b: new Binary(Buffer.from([0xfe, 0x01])) },
      { k: 'uuid', b: uuid },
    ]);
    expect(
      (await c.find({ b: new Binary(Buffer.from([0xfe, 0x01])) }).toArray()).map((d) => d.k),
    ).toEqual(['fe']);
    expect(
      (await c.find({ b: { $in: [new Binary(Buffer.from([0xff, 0x01]))] } }).toArray()).map(
        (d) => d.k,
      ),
    ).toEqual(['ff']);
    expect((await c.findOne({ b: new UUID(uuid.toHexString()) }))?.k).toBe('uuid');
    const back = await c.findOne({ k: 'uuid' });
    expect(back?.b).toBeInstanceOf(Binary);
    expect((back?.b as Binary).sub_type).toBe(4);
  });

  it('compares Decimal128 and large Long values numerically', async () => {
    const c = coll('decimals');
    await c.insertMany([
      { k: 'nine', price: Decimal128.fromString('9') },
      { k: 'ten', price: Decimal128.fromString('10.50') },
      { k: 'neg', price: Decimal128.fromString('-2.5') },
      { k: 'big1', id64: Long.fromString('9007199254740993') },
      { k: 'big2', id64: Long.fromString('9007199254741001') },
    ]);
    expect(
      (await c.find({ price: { $gt: Decimal128.fromString('9.5') } }).toArray()).map((d) => d.k),
    ).toEqual(['ten']);
    expect((await c.findOne({ price: Decimal128.fromString('10.5') }))?.k).toBe('ten');
    expect(
      (await c.find({ price: { $lt: Decimal128.fromString('0') } }).toArray()).map((d) => d.k),
    ).toEqual(['neg']);
    const sorted = await c
      .find({ price: { $exists: true } })
      .sort({ price: -1 })
      .toArray();
    expect(sorted.map((d) => d.k)).toEqual(['ten', 'nine', 'neg']);
    expect(
      (await c.find({ id64: { $gt: Long.fromString('9007199254740995') } }).toArray()).map(
        (d) => d.k,
      ),
    ).toEqual(['big2']);
    expect((await c.findOne({ id64: Long.fromString('9007199254740993') }))?.k).toBe('big1');
    const back = await c.findOne({ k: 'ten' });
    expect(back?.price.toString()).toBe('10.50');
    const printed = await c
      .aggregate([{ $match: { k: 'ten' } }, { $project: { _id: 0, s: { $toString: '$price' } } }])
      .toArray();
    expect(printed).toEqual([{ s: '10.50' }]);
  });

  it('sorts mixed types in BSON order', async () => {
    const c = coll('mixed');
    const oid = new ObjectId();
    await c.insertMany([
      { _id: 1, v: 'str' },
      { _id: 2, v: 10 },
      { _id: 3, v: null },
      { _id: 4, v: oid },
      { _id: 5, v: true },
      { _id: 6, v: new Date(0) },
      { _id: 7, v: { a: 1 } },
      { _id: 8, v: 2.5 },
    ]);
    const asc = (await c.find({}).sort({ v: 1 }).toArray()).map((d) => d._id);
    expect(asc).toEqual([3, 8, 2, 1, 7, 4, 5, 6]);
    const desc = (await c.find({}).sort({ v: -1 }).toArray()).map((d) => d._id);
    expect(desc).toEqual([6, 5, 4, 7, 1, 2, 8, 3]);
  });

  it('updates with operators, multi, arrayFilters and positional $', async () => {
    const c = coll('upd');
    await c.insertMany([
      {
        _id: 1,
        n: 1,
        tags: ['a'],
        items: [
          { k: 'x', q: 1 },
          { k: 'y', q: 2 },
        ],
      },
      { _id: 2, n: 2, tags: [], items: [] },
    ]);
    const one = await c.updateOne(
      { _id: 1 },
      { $inc: { n: 5 }, $push: { tags: 'b' } as Document, $set: { 'meta.seen': true } },
    );
    expect(one.matchedCount).toBe(1);
    expect(one.modifiedCount).toBe(1);
    expect(await c.findOne({ _id: 1 }, { projection: { n: 1, tags: 1, meta: 1 } })).toEqual({
      _id: 1,
      n: 6,
      tags: ['a', 'b'],
      meta: { seen: true },
    });
    const many = await c.updateMany({}, { $set: { flag: 1 } });
    expect(many.matchedCount).toBe(2);
    expect(many.modifiedCount).toBe(2);
    const again = await c.updateMany({}, { $set: { flag: 1 } });
    expect(again.modifiedCount).toBe(0);
    await c.updateOne(
      { _id: 1 },
      { $set: { 'items.$[it].q': 9 } },
      { arrayFilters: [{ 'it.k': 'y' }] },
    );
    await c.updateOne({ _id: 1, 'items.k': 'x' }, { $set: { 'items.$.q': 7 } });
    expect((await c.findOne({ _id: 1 }))?.items).toEqual([
      { k: 'x', q: 7 },
      { k: 'y', q: 9 },
    ]);
    await c.updateOne({ _id: 2 }, { $unset: { flag: '' }, $rename: { n: 'm' } });
    expect(await c.findOne({ _id: 2 })).toEqual({ _id: 2, tags: [], items: [], m: 2 });
  });

  it('refuses type-invalid updates like mongod and leaves the document alone', async () => {
    const c = coll('bad_updates');
    await c.insertOne({ _id: 'b', s: 'text', n: 1, sub: 5 });
    const code = async (update: Document): Promise<number | undefined> =>
      ((await c.updateOne({ _id: 'b' }, update).catch((e: unknown) => e)) as { code?: number })
        .code;
    expect(await code({ $inc: { s: 1 } })).toBe(14);
    expect(await code({ $push: { n: 1 } })).toBe(2);
    expect(await code({ $set: { 'sub.x': 1 } })).toBe(28);
    expect(await c.findOne({ _id: 'b' })).toEqual({ _id: 'b', s: 'text', n: 1, sub: 5 });
    await c.updateOne(
      { _id: 'b' },
      { $inc: { fresh: 2 }, $push: { list: 'x' } as Document, $set: { 'deep.path': true } },
    );
    expect(await c.findOne({ _id: 'b' })).toEqual({
      _id: 'b',
      s: 'text',
      n: 1,
      sub: 5,
      fresh: 2,
      list: ['x'],
      deep: { path: true },
    });
  });

  it('replaces documents and runs pipeline updates', async () => {
    const c = coll('repl');
    await c.insertOne({ _id: 'r', a: 1, b: 2 });
    const r = await c.replaceOne({ _id: 'r' }, { c: 3 });
    expect(r.modifiedCount).toBe(1);
    expect(await c.findOne({ _id: 'r' })).toEqual({ _id: 'r', c: 3 });
    await c.updateOne({ _id: 'r' }, [{ $set: { d: { $add: ['$c', 10] } } }, { $unset: 'c' }]);
    expect(await c.findOne({ _id: 'r' })).toEqual({ _id: 'r', d: 13 });
    const err = await c
      .updateOne({ _id: 'r' }, { $set: { _id: 'other' } })
      .catch((e: unknown) => e);
    expect((err as { code?: number }).code).toBe(66);
  });

  it('upserts with the upserted id reported', async () => {
    const c = coll('ups');
    const res = await c.updateOne(
      { email: 'u@x.io' },
      { $set: { name: 'U' }, $setOnInsert: { createdBy: 'test' } },
      { upsert: true },
    );
    expect(res.upsertedCount).toBe(1);
    expect(res.upsertedId).toBeInstanceOf(ObjectId);
    const doc = await c.findOne({ _id: res.upsertedId as ObjectId });
    expect(doc).toMatchObject({ email: 'u@x.io', name: 'U', createdBy: 'test' });
    const second = await c.updateOne(
      { email: 'u@x.io' },
      { $set: { name: 'V' }, $setOnInsert: { createdBy: 'nope' } },
      { upsert: true },
    );
    expect(second.upsertedCount).toBe(0);
    expect(second.modifiedCount).toBe(1);
    expect((await c.findOne({ email: 'u@x.io' }))?.createdBy).toBe('test');
    const raw = await t.db().command({
      update: 'ups',
      updates: [{ q: { _id: 42 }, u: { $set: { z: 1 } }, upsert: true }],
    });
    expect(raw.upserted).toEqual([{ index: 0, _id: 42 }]);
    expect(raw.n).toBe(1);
  });

  it('deletes one or many', async () => {
    const c = coll('del');
    await c.insertMany([{ g: 1 }, { g: 1 }, { g: 1 }, { g: 2 }]);
    expect((await c.deleteOne({ g: 1 })).deletedCount).toBe(1);
    expect((await c.deleteMany({ g: 1 })).deletedCount).toBe(2);
    expect(await c.countDocuments()).toBe(1);
    expect((await c.deleteMany({ g: 99 })).deletedCount).toBe(0);
  });

  it('findAndModify: update/new, remove, upsert, sort and projection', async () => {
    const c = coll('fam');
    await c.insertMany([
      { q: 'a', v: 1 },
      { q: 'a', v: 2 },
      { q: 'b', v: 3 },
    ]);
    const before = await c.findOneAndUpdate(
      { q: 'a' },
      { $inc: { v: 10 } },
      { sort: { v: -1 }, returnDocument: 'before' },
    );
    expect(before?.v).toBe(2);
    const after = await c.findOneAndUpdate(
      { q: 'a' },
      { $inc: { v: 100 } },
      { sort: { v: 1 }, returnDocument: 'after', projection: { _id: 0, v: 1 } },
    );
    expect(after).toEqual({ v: 101 });
    const removed = await c.findOneAndDelete({ q: 'b' });
    expect(removed?.v).toBe(3);
    expect(await c.countDocuments({ q: 'b' })).toBe(0);
    const upserted = await c.findOneAndUpdate(
      { q: 'new' },
      { $set: { v: 0 } },
      { upsert: true, returnDocument: 'after' },
    );
    expect(upserted).toMatchObject({ q: 'new', v: 0 });
    const raw = await t.db().command({
      findAndModify: 'fam',
      query: { q: 'zzz' },
      update: { $set: { v: 1 } },
      upsert: true,
    });
    expect(raw.lastErrorObject.updatedExisting).toBe(false);
    expect(raw.lastErrorObject.upserted).toBeInstanceOf(ObjectId);
    expect(raw.value).toBeNull();
    const none = await c.findOneAndReplace({ q: 'missing' }, { q: 'x' });
    expect(none).toBeNull();
  });

  it('counts and distincts', async () => {
    const c = coll('cnt');
    await c.insertMany([{ t: ['x', 'y'], k: 1 }, { t: ['y'], k: 2 }, { t: 'z', k: 2 }, { k: 3 }]);
    expect(await c.countDocuments({ k: 2 })).toBe(2);
    expect(await c.countDocuments({}, { skip: 1, limit: 2 })).toBe(2);
    const raw = await t.db().command({ count: 'cnt', query: { k: { $gte: 2 } } });
    expect(raw.n).toBe(3);
    expect((await c.distinct('k')).sort()).toEqual([1, 2, 3]);
    expect((await c.distinct('t')).sort()).toEqual(['x', 'y', 'z']);
    expect(await c.distinct('k', { t: 'y' })).toEqual(expect.arrayContaining([1, 2]));
  });

  it('queries with regex, $or, $exists, $elemMatch, nested paths', async () => {
    const c = coll('ops');
    await c.insertMany([
      { name: 'Alpha', a: { b: 1 }, arr: [{ x: 1, y: 2 }] },
      { name: 'beta', a: { b: 2 }, arr: [{ x: 1, y: 3 }] },
      { name: 'gamma', arr: [] },
    ]);
    expect((await c.find({ name: /^a/i }).toArray()).map((d) => d.name)).toEqual(['Alpha']);
    expect(await c.countDocuments({ $or: [{ 'a.b': 2 }, { name: 'gamma' }] })).toBe(2);
    expect(await c.countDocuments({ a: { $exists: false } })).toBe(1);
    expect(await c.countDocuments({ arr: { $elemMatch: { x: 1, y: { $gt: 2 } } } })).toBe(1);
    expect(await c.countDocuments({ arr: { $size: 0 } })).toBe(1);
  });
});
