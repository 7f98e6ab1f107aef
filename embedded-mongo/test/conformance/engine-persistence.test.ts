import { mkdtempSync, rmSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Decimal128, Long, MongoClient, ObjectId, UUID } from 'mongodb';
import { startEmbeddedMongo } from '../../src';
import { describeEngineOnly } from './target';

describeEngineOnly('persistence with a data directory (engine only)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'embedded-mongo-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('restores documents and index definitions after a clean restart', async () => {
    const id = new ObjectId();
    const first = await startEmbeddedMongo({ port: 0, dataDir: dir });
    const c1 = await MongoClient.connect(first.url);
    const coll = c1.db('app').collection('users');
    await coll.createIndex({ email: 1 }, { unique: true });
    await coll.insertMany([
      {
        _id: id,
        email: 'a@x.io',
        at: new Date(5),
        n: 1.5,
        dec: Decimal128.fromString('12.34'),
        big: Long.fromString('9007199254740993'),
        bin: new UUID('5f0c6a3e-0f34-4f49-9a5e-1f2f3d4c5b6a'),
      },
      { email: 'b@x.io' },
    ]);
    await c1.db('app').collection('gone').insertOne({ x: 1 });
    await c1.db('app').collection('gone').drop();
    await c1.close();
    await first.stop();
    expect(readdirSync(join(dir, 'app')).sort()).toEqual(['users.bson']);

    const second = await startEmbeddedMongo({ port: 0, dataDir: dir });
    const c2 = await MongoClient.connect(second.url);
    try {
      const restored = c2.db('app').collection('users');
      expect(await restored.countDocuments()).toBe(2);
      const doc = await restored.findOne({ _id: id }, { promoteLongs: false });
      expect(doc).toMatchObject({ _id: id, email: 'a@x.io', at: new Date(5), n: 1.5 });
      expect(doc?.dec.toString()).toBe('12.34');
      expect((doc?.big as Long).toString()).toBe('9007199254740993');
      expect(
        await restored.countDocuments({ bin: new UUID('5f0c6a3e-0f34-4f49-9a5e-1f2f3d4c5b6a') }),
      ).toBe(1);
      expect((await restored.listIndexes().toArray()).map((i) => i.name)).toEqual([
        '_id_',
        'email_1',
      ]);
      const dup = await restored.insertOne({ email: 'a@x.io' }).catch((e: { code?: number }) => e);
      expect((dup as { code?: number }).code).toBe(11000);
      const names = (await c2.db('app').listCollections().toArray()).map((x) => x.name);
      expect(names).toEqual(['users']);
    } finally {
      await c2.close();
      await second.stop();
    }
  });

  it('starts empty without a data directory', async () => {
    const mem = await startEmbeddedMongo({ port: 0 });
    const c = await MongoClient.connect(mem.url);
    try {
      expect(await c.db('app').collection('users').countDocuments()).toBe(0);
    } finally {
      await c.close();
      await mem.stop();
    }
  });
});
