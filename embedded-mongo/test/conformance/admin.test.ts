import { MongoServerError } from 'mongodb';
import { useDriverTarget } from './target';

describe('handshake and admin commands', () => {
  const t = useDriverTarget();

  it('answers hello and isMaster like a writable standalone', async () => {
    const hello = await t.db().command({ hello: 1 });
    expect(hello.isWritablePrimary).toBe(true);
    expect(hello.maxWireVersion).toBeGreaterThanOrEqual(9);
    expect(hello.maxBsonObjectSize).toBe(16 * 1024 * 1024);
    expect(hello.maxMessageSizeBytes).toBe(48_000_000);
    expect(hello.maxWriteBatchSize).toBe(100_000);
    expect(typeof hello.logicalSessionTimeoutMinutes).toBe('number');
    expect(hello.localTime).toBeInstanceOf(Date);
    const legacy = await t.db().command({ isMaster: 1 });
    expect(legacy.ismaster).toBe(true);
    expect(legacy.setName).toBeUndefined();
  });

  it('answers ping, buildInfo, getParameter, connectionStatus and serverStatus', async () => {
    expect((await t.db().command({ ping: 1 })).ok).toBe(1);
    const info = await t.db().command({ buildInfo: 1 });
    expect(typeof info.version).toBe('string');
    expect(Array.isArray(info.versionArray)).toBe(true);
    expect(info.versionArray[0]).toBeGreaterThanOrEqual(4);
    const fcv = await t
      .client()
      .db('admin')
      .command({ getParameter: 1, featureCompatibilityVersion: 1 });
    expect(fcv.featureCompatibilityVersion.version).toMatch(/^\d+\.\d+$/);
    const status = await t.client().db('admin').command({ connectionStatus: 1 });
    expect(status.authInfo).toBeDefined();
    const server = await t.client().db('admin').command({ serverStatus: 1 });
    expect(server.ok).toBe(1);
    expect(typeof server.version).toBe('string');
  });

  it('lists databases, with nameOnly too', async () => {
    await t.db().collection('marker').insertOne({ a: 1 });
    const full = await t.client().db('admin').command({ listDatabases: 1 });
    expect(full.databases.map((d: { name: string }) => d.name)).toContain(t.target().dbName);
    const names = await t.client().db('admin').command({ listDatabases: 1, nameOnly: true });
    const mine = names.databases.find((d: { name: string }) => d.name === t.target().dbName);
    expect(mine).toEqual({ name: t.target().dbName });
  });

  it('reports dbStats and collStats-like figures', async () => {
    await t
      .db()
      .collection('stats')
      .insertMany([{ a: 1 }, { a: 2 }, { a: 3 }]);
    const stats = await t.db().command({ dbStats: 1 });
    expect(stats.objects).toBeGreaterThanOrEqual(3);
    expect(stats.collections).toBeGreaterThanOrEqual(1);
    expect(await t.db().collection('stats').estimatedDocumentCount()).toBe(3);
  });

  it('rejects unknown commands with CommandNotFound', async () => {
    const err = await t
      .db()
      .command({ definitelyNotACommand: 1 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MongoServerError);
    expect((err as MongoServerError).code).toBe(59);
    expect((err as MongoServerError).codeName).toBe('CommandNotFound');
    expect((err as MongoServerError).message).toContain("no such command: 'definitelyNotACommand'");
  });

  it('refuses multi-document transactions like a standalone', async () => {
    const session = t.client().startSession();
    try {
      session.startTransaction();
      const err = await t
        .db()
        .collection('txn')
        .insertOne({ a: 1 }, { session })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Error);
      expect(String((err as Error).message)).toMatch(
        /Transaction numbers|retryable writes|replica set/i,
      );
      await session.abortTransaction().catch(() => undefined);
    } finally {
      await session.endSession();
    }
    expect(await t.db().collection('txn').countDocuments()).toBe(0);
  });

  it('accepts endSessions and sessions on ordinary operations', async () => {
    const session = t.client().startSession();
    await t.db().collection('sess').insertOne({ a: 1 }, { session });
    expect(await t.db().collection('sess').countDocuments({}, { session })).toBe(1);
    await session.endSession();
    const reply = await t.client().db('admin').command({ endSessions: [] });
    expect(reply.ok).toBe(1);
  });
});
