import { randomBytes } from 'node:crypto';
import { startEmbeddedMongo } from '@groovy/embedded-mongo';

/** A Mongo server for one test file: `MONGO_URL` when set (a real mongod), else a fresh embedded engine. */
export interface TestMongo {
  url: string;
  /** A database name no other test uses. */
  freshDatabaseName(prefix?: string): string;
  stop(): Promise<void>;
}

export async function startTestMongo(): Promise<TestMongo> {
  // eslint-disable-next-line no-process-env -- tests may target a real mongod
  const external = process.env.MONGO_URL;
  const engine = external ? undefined : await startEmbeddedMongo({ port: 0 });
  return {
    url: external ?? engine!.url,
    freshDatabaseName: (prefix = 'test') => `${prefix}_${randomBytes(6).toString('hex')}`,
    stop: async () => {
      await engine?.stop();
    },
  };
}
