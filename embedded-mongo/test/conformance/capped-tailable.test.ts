import { Long, MongoClient, MongoServerError, type Document } from 'mongodb';
import { describeEngineOnly, useDriverTarget } from './target';

let counter = 0;
const fresh = (prefix: string) => `${prefix}_${(counter += 1)}`;

describe('capped collections', () => {
  const t = useDriverTarget();

  it('keeps the newest `max` documents in insertion order and says it is capped', async () => {
    const name = fresh('capped');
    await t.db().createCollection(name, { capped: true, size: 100_000, max: 5 });
    const coll = t.db().collection(name);
    for (let i = 0; i < 12; i += 1) await coll.insertOne({ i });
    const docs = await coll.find({}).sort({ $natural: 1 }).toArray();
    expect(docs.map((d) => d.i)).toEqual([7, 8, 9, 10, 11]);
    expect(await coll.isCapped()).toBe(true);
    const [info] = await t.db().listCollections({ name }, { nameOnly: false }).toArray();
    expect(info?.options).toMatchObject({ capped: true, max: 5 });
  });

  it('keeps at most `size` bytes (oldest removed first)', async () => {
    const name = fresh('capped_bytes');
    await t.db().createCollection(name, { capped: true, size: 4096 });
    const coll = t.db().collection(name);
    const pad = 'x'.repeat(500);
    for (let i = 0; i < 40; i += 1) await coll.insertOne({ i, pad });
    const docs = await coll.find({}).toArray();
    expect(docs.length).toBeLessThan(10);
    expect(docs.at(-1)?.i).toBe(39);
    expect(docs.map((d) => d.i)).toEqual([...docs.map((d) => d.i)].sort((a, b) => a - b));
  });

  it('refuses a capped collection without a size, and a tailable cursor on an ordinary one', async () => {
    await expect(t.db().command({ create: fresh('no_size'), capped: true })).rejects.toThrow();
    const plain = fresh('plain');
    await t.db().collection(plain).insertOne({ a: 1 });
    await expect(
      t.db().command({ find: plain, filter: {}, tailable: true }),
    ).rejects.toBeInstanceOf(MongoServerError);
  });
});

describe('tailable awaitData cursors', () => {
  const t = useDriverTarget();
  let other: MongoClient;

  beforeAll(async () => {
    other = await MongoClient.connect(t.target().url);
  });
  afterAll(async () => {
    await other.close();
  });

  async function tail(name: string, batch: Document = {}): Promise<Long> {
    await t.db().createCollection(name, { capped: true, size: 100_000, max: 100 });
    await t.db().collection(name).insertOne({ seed: true });
    const first = await t
      .db()
      .command(
        { find: name, filter: {}, tailable: true, awaitData: true, ...batch },
        { promoteLongs: false },
      );
    expect(first.cursor.firstBatch).toHaveLength(1);
    const id = first.cursor.id as Long;
    expect(id.toString()).not.toBe('0');
    return id;
  }

  it('answers an empty batch when nothing is inserted within maxTimeMS, and stays open', async () => {
    const name = fresh('tail_timeout');
    const id = await tail(name);
    const more = await t
      .db()
      .command({ getMore: id, collection: name, maxTimeMS: 50 }, { promoteLongs: false });
    expect(more.cursor.nextBatch).toEqual([]);
    expect((more.cursor.id as Long).toString()).toBe(id.toString());
  });

  it('wakes a waiting getMore when another client inserts', async () => {
    const name = fresh('tail_wake');
    const id = await tail(name);
    // Waits up to a minute: only the insert below can answer it within the test's timeout.
    const waiting = t.db().command({ getMore: id, collection: name, maxTimeMS: 60_000 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await other
      .db(t.target().dbName)
      .collection(name)
      .insertMany([{ wake: 1 }, { wake: 2 }]);
    const more = await waiting;
    expect(more.cursor.nextBatch.map((d: Document) => d.wake)).toEqual([1, 2]);
    // The next getMore returns only what came after.
    await other.db(t.target().dbName).collection(name).insertOne({ wake: 3 });
    const next = await t.db().command({ getMore: id, collection: name, maxTimeMS: 60_000 });
    expect(next.cursor.nextBatch.map((d: Document) => d.wake)).toEqual([3]);
  });

  it("works through the driver's tailable cursor (tryNext)", async () => {
    const name = fresh('tail_driver');
    await t.db().createCollection(name, { capped: true, size: 100_000, max: 100 });
    const coll = t.db().collection(name);
    await coll.insertOne({ n: 0 });
    const cursor = coll.find({}, { tailable: true, awaitData: true, maxAwaitTimeMS: 60_000 });
    try {
      expect((await cursor.tryNext())?.n).toBe(0);
      const next = cursor.tryNext();
      await new Promise((resolve) => setTimeout(resolve, 50));
      await other.db(t.target().dbName).collection(name).insertOne({ n: 1 });
      expect((await next)?.n).toBe(1);
    } finally {
      await cursor.close();
    }
  });

  it('returns only documents matching its filter', async () => {
    const name = fresh('tail_filter');
    await t.db().createCollection(name, { capped: true, size: 100_000 });
    const coll = t.db().collection(name);
    await coll.insertOne({ kind: 'a', n: 0 });
    const cursor = coll.find(
      { kind: 'a' },
      { tailable: true, awaitData: true, maxAwaitTimeMS: 60_000 },
    );
    try {
      expect((await cursor.tryNext())?.n).toBe(0);
      const next = cursor.tryNext();
      await coll.insertMany([
        { kind: 'b', n: 1 },
        { kind: 'a', n: 2 },
      ]);
      expect((await next)?.n).toBe(2);
    } finally {
      await cursor.close();
    }
  });
});

describeEngineOnly('tailable cursors: end of life (engine)', () => {
  const t = useDriverTarget();

  async function openCursors(client: MongoClient): Promise<number> {
    const status = await client.db('admin').command({ serverStatus: 1 });
    return status.metrics.cursor.open.total as number;
  }

  async function waitFor(check: () => Promise<boolean>): Promise<void> {
    for (let i = 0; i < 500 && !(await check()); i += 1)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await check()).toBe(true);
  }

  it('kills a tailable cursor (and its waiting getMore) when its client goes away', async () => {
    const name = fresh('tail_close');
    await t.db().createCollection(name, { capped: true, size: 100_000 });
    await t.db().collection(name).insertOne({ seed: true });
    const before = await openCursors(t.client());
    const leaving = await MongoClient.connect(t.target().url, { maxPoolSize: 1 });
    const db = leaving.db(t.target().dbName);
    const first = await db.command(
      { find: name, filter: {}, tailable: true, awaitData: true },
      { promoteLongs: false },
    );
    const waiting = db
      .command({ getMore: first.cursor.id as Long, collection: name, maxTimeMS: 600_000 })
      .catch((error: unknown) => error);
    await waitFor(async () => (await openCursors(t.client())) === before + 1);
    await leaving.close(true);
    await waiting;
    await waitFor(async () => (await openCursors(t.client())) === before);
  });

  it('answers CursorKilled to a waiting getMore whose cursor is killed', async () => {
    const name = fresh('tail_kill');
    await t.db().createCollection(name, { capped: true, size: 100_000 });
    await t.db().collection(name).insertOne({ seed: true });
    const first = await t
      .db()
      .command(
        { find: name, filter: {}, tailable: true, awaitData: true },
        { promoteLongs: false },
      );
    const id = first.cursor.id as Long;
    const waiting = t
      .db()
      .command({ getMore: id, collection: name, maxTimeMS: 600_000 })
      .catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const killed = await t.db().command({ killCursors: name, cursors: [id] });
    expect(killed.cursorsKilled).toHaveLength(1);
    expect(await waiting).toMatchObject({ code: 237, codeName: 'CursorKilled' });
  });

  it('answers CappedPositionLost to a cursor that fell behind the trimming', async () => {
    const name = fresh('tail_lost');
    await t.db().createCollection(name, { capped: true, size: 100_000, max: 3 });
    const coll = t.db().collection(name);
    await coll.insertOne({ n: 0 });
    const first = await t
      .db()
      .command({ find: name, filter: {}, tailable: true }, { promoteLongs: false });
    for (let n = 1; n <= 10; n += 1) await coll.insertOne({ n });
    await expect(
      t.db().command({ getMore: first.cursor.id as Long, collection: name }),
    ).rejects.toMatchObject({ code: 136 });
  });

  it('counts operations and commands in serverStatus', async () => {
    const name = fresh('counted');
    const before = await t.db().admin().command({ serverStatus: 1 });
    await t
      .db()
      .collection(name)
      .insertMany([{ a: 1 }, { a: 2 }]);
    await t.db().collection(name).find({}).toArray();
    const after = await t.db().admin().command({ serverStatus: 1 });
    expect(after.opcounters.insert - before.opcounters.insert).toBe(2);
    expect(after.opcounters.query - before.opcounters.query).toBe(1);
    expect(Number(after.metrics.commands.find.total)).toBeGreaterThan(0);
  });
});
