import { randomBytes } from 'node:crypto';
import { MongoClient, type Db } from 'mongodb';
import { startEmbeddedMongo, type EmbeddedMongo, type EmbeddedMongoOptions } from '../../src';

/** A server under test: a real mongod (MONGO_URL) or a fresh embedded engine on a free port. */
export interface Target {
  /** Connection string without a database path. */
  url: string;
  /** A fresh random database name for this test file. */
  dbName: string;
  /** Set when the target is the embedded engine. */
  engine?: EmbeddedMongo;
  stop(): Promise<void>;
}

// eslint-disable-next-line no-process-env
export const EXTERNAL_MONGO_URL: string | undefined = process.env.MONGO_URL || undefined;

/** True when the tests run against the embedded engine (no MONGO_URL). */
export const isEngine = EXTERNAL_MONGO_URL === undefined;

export function randomDbName(prefix = 'conf'): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}

export async function startTarget(options: EmbeddedMongoOptions = {}): Promise<Target> {
  const dbName = randomDbName();
  if (EXTERNAL_MONGO_URL) {
    return { url: EXTERNAL_MONGO_URL, dbName, stop: async () => undefined };
  }
  const engine = await startEmbeddedMongo({ port: 0, ...options });
  return { url: engine.url, dbName, engine, stop: () => engine.stop() };
}

/** describe() for tests that only make sense against the embedded engine (skipped with a message otherwise). */
export function describeEngineOnly(name: string, fn: () => void): void {
  if (isEngine) {
    describe(name, fn);
    return;
  }
  describe(name, () => {
    it.skip(`skipped: engine-only test, MONGO_URL is set (${name})`, () => undefined);
  });
}

/** Starts a target and a connected MongoClient for a test file; everything is closed in afterAll. */
export function useDriverTarget(options: EmbeddedMongoOptions = {}): {
  target: () => Target;
  client: () => MongoClient;
  db: () => Db;
} {
  let target: Target | undefined;
  let client: MongoClient | undefined;
  beforeAll(async () => {
    target = await startTarget(options);
    client = await MongoClient.connect(target.url, { serverSelectionTimeoutMS: 5000 });
  });
  afterAll(async () => {
    if (client && target && !target.engine)
      await client
        .db(target.dbName)
        .dropDatabase()
        .catch(() => undefined);
    await client?.close();
    await target?.stop();
  });
  return {
    target: () => target as Target,
    client: () => client as MongoClient,
    db: () => (client as MongoClient).db((target as Target).dbName),
  };
}
