import { MongoClient } from 'mongodb';
import { startTarget, type Target } from './target';

describe('several clients at once', () => {
  let target: Target;
  beforeAll(async () => {
    target = await startTarget();
  });
  afterAll(async () => {
    if (!target.engine) {
      const c = await MongoClient.connect(target.url);
      await c.db(target.dbName).dropDatabase();
      await c.close();
    }
    await target.stop();
  });

  it('serves 10 concurrent MongoClients inserting and reading', async () => {
    const clients = await Promise.all(
      Array.from({ length: 10 }, () => MongoClient.connect(target.url, { maxPoolSize: 3 })),
    );
    try {
      await clients[0]
        ?.db(target.dbName)
        .collection('shared')
        .createIndex({ key: 1 }, { unique: true });
      await Promise.all(
        clients.map(async (client, c) => {
          const coll = client.db(target.dbName).collection('shared');
          await Promise.all(
            Array.from({ length: 50 }, (_, i) => coll.insertOne({ key: `${c}-${i}`, client: c })),
          );
          expect(await coll.countDocuments({ client: c })).toBe(50);
        }),
      );
      const all = await clients[3]?.db(target.dbName).collection('shared').countDocuments();
      expect(all).toBe(500);
      const racers = await Promise.allSettled(
        clients.map((client) =>
          client.db(target.dbName).collection('shared').insertOne({ key: 'race' }),
        ),
      );
      expect(racers.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(racers.filter((r) => r.status === 'rejected')).toHaveLength(9);
    } finally {
      await Promise.all(clients.map((c) => c.close()));
    }
  });
});
