import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createTestLogger } from '../../testing/start-test-subgraph';
import {
  LocalDiskStorage,
  type LocalDiskStorageOptions,
  type ObjectFinalizedRecorder,
} from '../local/local-disk-storage';
import { startLocalStorageServer, type RunningLocalStorageServer } from '../local/storage-server';
import type { StorageContractHarness } from './storage-contract';

export const TEST_SIGNING_SECRET = 'test-storage-signing-secret-of-at-least-32-chars';

export interface LocalHarness extends StorageContractHarness {
  storage: LocalDiskStorage;
  server: RunningLocalStorageServer;
  rootDir: string;
  advanceClock(seconds: number): void;
}

/** A LocalDiskStorage in a fresh temp directory, its server on a free port, and a movable clock. */
export async function startLocalHarness({
  finalizedRecorder,
  ...options
}: Partial<LocalDiskStorageOptions> & {
  finalizedRecorder?: ObjectFinalizedRecorder;
} = {}): Promise<LocalHarness> {
  const rootDir = await fs.mkdtemp(path.join(os.tmpdir(), 'groovy-storage-'));
  let offsetMs = 0;
  const logger = options.logger ?? createTestLogger('storage');
  const storage = new LocalDiskStorage({
    rootDir,
    publicUrl: 'http://127.0.0.1:1',
    signingSecret: TEST_SIGNING_SECRET,
    logger,
    now: () => new Date(Date.now() + offsetMs),
    ...options,
  });
  storage.recordFinalizedWith(finalizedRecorder);
  const server = await startLocalStorageServer({
    storage,
    logger,
    host: '127.0.0.1',
    port: 0,
    shutdownTimeoutMs: 2_000,
  });
  return {
    storage,
    server,
    rootDir,
    listTemporaryFiles: () => storage.listTemporaryFiles(),
    advanceClock: (seconds) => {
      offsetMs += seconds * 1000;
    },
    close: async () => {
      await server.stop();
      await fs.rm(rootDir, { recursive: true, force: true });
    },
  };
}
