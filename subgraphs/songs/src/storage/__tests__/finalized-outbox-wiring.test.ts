import type { ObjectFinalizedRecorder } from '@groovy/common/storage';
import {
  startTestMongo,
  startTestSubgraph,
  TEST_ENVIRONMENT,
  type TestMongo,
} from '@groovy/common/testing';
import { FakeStorage } from '../../__tests__/fake-storage';
import { songsEnvironmentSchema } from '../../environment';
import { songsSubgraph } from '../../songs-subgraph';
import { ObjectFinalizedOutbox } from '../object-finalized-outbox';

let mongo: TestMongo;
beforeAll(async () => {
  mongo = await startTestMongo();
});
afterAll(async () => {
  await mongo?.stop();
});

/** Starts songs with STORAGE_DRIVER `driver` and says what its storage was asked to record with. */
async function recorderFor(driver: 'local' | 'gcs'): Promise<ObjectFinalizedRecorder | undefined> {
  const env = songsEnvironmentSchema.parse({
    NODE_ENV: 'test',
    PORT: '0',
    LOG_LEVEL: 'silent',
    IDENTITY_TOKEN_SECRET: TEST_ENVIRONMENT.IDENTITY_TOKEN_SECRET,
    WORKER_WEBHOOK_SECRET: 'test-worker-webhook-secret-at-least-32-characters',
    SWEEP_INTERVAL_SECONDS: '3600',
    STORAGE_DRIVER: driver,
    ...(driver === 'gcs' ? { GCS_BUCKET: 'groovy-test' } : {}),
  });
  let recorder: ObjectFinalizedRecorder | undefined;
  const running = await startTestSubgraph(
    mongo,
    songsSubgraph(env, {
      openStorage: async (_env, _logger, recordFinalized) => {
        recorder = recordFinalized;
        return { storage: new FakeStorage(), close: async () => {} };
      },
    }),
  );
  const subgraph = { ...running, sweeper: running.module.sweeper };
  try {
    if (recorder) {
      await recorder({
        bucket: 'local',
        key: `uploads/${driver}/original.mp3`,
        size: 1,
        contentType: 'audio/mpeg',
        finalizedAt: new Date(),
        generation: '1767323045678000',
      });
    }
    // The sweeper's pass purges the outboxes, OBJECT_FINALIZED records included (none due yet).
    await subgraph.sweeper.sweep(new Date());
  } finally {
    await subgraph.stop();
  }
  return recorder;
}

describe('OBJECT_FINALIZED outbox wiring', () => {
  it('records finalised objects with local storage only (Cloud Storage notifies the worker itself)', async () => {
    expect(await recorderFor('gcs')).toBeUndefined();
    expect(await recorderFor('local')).toEqual(expect.any(Function));
    expect(ObjectFinalizedOutbox.COLLECTION).toBe('finalized_objects');
  });
});
