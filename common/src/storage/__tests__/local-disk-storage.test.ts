import { startLocalHarness } from './local-harness';
import { describeStorageContract } from './storage-contract';

describeStorageContract('LocalDiskStorage', (options) => startLocalHarness(options), {
  enforcesUploadPolicy: true,
  cors: true,
  finalizedEvents: true,
});
