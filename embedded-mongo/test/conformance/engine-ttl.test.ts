import { MongoClient } from 'mongodb';
import { describeEngineOnly, startTarget, type Target } from './target';

async function waitFor(predicate: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setImmediate(r));
  }
}

describeEngineOnly('TTL indexes (engine only)', () => {
  let target: Target;
  let client: MongoClient;
  beforeAll(async () => {
    target = await startTarget({ ttlIntervalMs: 50 });
    client = await MongoClient.connect(target.url);
  });
  afterAll(async () => {
    await client.close();
    await target.stop();
  });

  it('expires documents whose date is older than expireAfterSeconds, keeps the rest', async () => {
    const c = client.db(target.dbName).collection('sessions');
    await c.createIndex({ createdAt: 1 }, { expireAfterSeconds: 60 });
    const old = new Date(Date.now() - 120_000);
    await c.insertMany([
      { s: 'old', createdAt: old },
      { s: 'fresh', createdAt: new Date() },
      { s: 'nodate', createdAt: 'not a date' },
      { s: 'oldArray', createdAt: [new Date(), old] },
    ]);
    await waitFor(async () => (await c.countDocuments()) === 2);
    expect((await c.find().toArray()).map((d) => d.s).sort()).toEqual(['fresh', 'nodate']);
    const index = (await c.listIndexes().toArray()).find((i) => i.name === 'createdAt_1');
    expect(index?.expireAfterSeconds).toBe(60);
  });
});
