import { readFileSync } from 'node:fs';
import { PassThrough, type Readable } from 'node:stream';
import { parseEnvironment } from '@groovy/common/config';
import { EmbeddedEventBus, objectFinalizedEvent, type EventEnvelope } from '@groovy/common/events';
import { createLogger } from '@groovy/common/logging';
import { startTestMongo, type TestMongo } from '@groovy/common/testing';
import { workerEnvironmentSchema } from '../../environment';
import { fixtureDir, makeTone, tools } from '../../__tests__/fixtures/audio-fixtures';
import { MemoryStorage } from '../../__tests__/fixtures/memory-storage';
import { WebhookReceiver } from '../../__tests__/fixtures/webhook-receiver';
import { startHlsWorker, type HlsWorker } from '../../start-hls-worker';
import { HLS_WORKER_CONSUMER } from '../object-finalized-subscription';

// The embedded-mode trigger: songs' local storage records OBJECT_FINALIZED in its outbox and the
// relay publishes it on the bus; here the test publishes it, and the worker consumes it as `hls-worker`.
const SECRET = 'test-worker-webhook-secret-0123456789abcdef';
const fixtures = fixtureDir();
const logger = createLogger({ service: 'hls-worker-test', level: 'silent' });
let mongo: TestMongo;
let receiver: WebhookReceiver;
let tone: Buffer;
const workers: HlsWorker[] = [];

beforeAll(async () => {
  mongo = await startTestMongo();
  tone = readFileSync(await makeTone(fixtures.file('bus.wav'), { seconds: 2 }));
});
afterAll(async () => {
  await mongo?.stop();
  fixtures.cleanup();
});
beforeEach(async () => {
  receiver = await new WebhookReceiver(SECRET).start();
});
afterEach(async () => {
  await Promise.all(workers.splice(0).map((worker) => worker.stop()));
  await receiver.stop();
});

/** Fresh databases per test: the worker's own, and the bus's (shared by the worker's restarts). */
function databases() {
  return {
    MONGO_DATABASE: mongo.freshDatabaseName('worker'),
    EVENT_BUS_DATABASE: mongo.freshDatabaseName('events'),
  };
}

async function startWorker(
  dbs: ReturnType<typeof databases>,
  storage: Pick<MemoryStorage, 'get' | 'put'>,
  extra: Record<string, string> = {},
): Promise<HlsWorker> {
  const env = parseEnvironment(workerEnvironmentSchema, {
    NODE_ENV: 'test',
    PORT: '0',
    LOG_LEVEL: 'silent',
    MONGO_URL: mongo.url,
    ...dbs,
    SONGS_WEBHOOK_URL: receiver.url,
    WORKER_WEBHOOK_SECRET: SECRET,
    WEBHOOK_RETRY_BASE_MS: '5',
    WEBHOOK_MAX_ATTEMPTS: '1',
    HLS_BITRATES_KBPS: '64',
    WORKER_CONCURRENCY: '1',
    ...extra,
  });
  const worker = await startHlsWorker(env, { storage, tools, logger });
  workers.push(worker);
  return worker;
}

async function stopWorker(worker: HlsWorker): Promise<void> {
  workers.splice(workers.indexOf(worker), 1);
  await worker.stop();
}

function uploaded(key: string): EventEnvelope {
  return objectFinalizedEvent({
    bucket: 'local',
    key,
    size: tone.length,
    contentType: 'audio/wav',
    finalizedAt: new Date(),
    generation: String(Date.now() * 1000),
  });
}

async function storageWith(...keys: string[]): Promise<MemoryStorage> {
  const storage = new MemoryStorage();
  for (const key of keys) await storage.put(key, tone, { contentType: 'audio/wav' });
  return storage;
}

/** Checks `condition` after each webhook call and otherwise every 20 ms (for state outside the receiver). */
async function eventually(
  condition: () => Promise<boolean> | boolean,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const outcomes = (songId: string) =>
  receiver.calls
    .filter((call) => call.payload?.songId === songId)
    .map((call) => `${call.payload?.outcome} ${call.status}`);

describe('OBJECT_FINALIZED subscription (embedded event bus)', () => {
  it('runs the job, acknowledges only once songs has the READY report (redelivering only the report until then), and reports Mongo on /readyz', async () => {
    const dbs = databases();
    const storage = await storageWith('uploads/song-bus/a.wav');
    const downloads: string[] = [];
    const counting = {
      put: storage.put.bind(storage),
      get: async (key: string): Promise<Readable> => {
        downloads.push(key);
        return storage.get(key);
      },
    };
    const worker = await startWorker(dbs, counting);
    const ready = (await (await fetch(`${worker.url}/readyz`)).json()) as {
      status: string;
      checks: Record<string, string>;
    };
    expect(ready).toMatchObject({ status: 'ready', checks: { mongo: 'ok' } });
    // PROCESSING accepted, then songs is unavailable for the READY report: not acknowledged; the
    // redelivery sends the same report again, without transcoding the upload again.
    receiver.respondWith(200, 503);
    await worker.trigger!.bus.publish([uploaded('uploads/song-bus/a.wav')]);
    await receiver.waitUntil(() => outcomes('song-bus').includes('READY 200'));
    expect(outcomes('song-bus')).toEqual(['PROCESSING 200', 'READY 503', 'READY 200']);
    expect(downloads).toEqual(['uploads/song-bus/a.wav']);
    const reports = receiver.calls.filter(
      (call) => call.payload?.songId === 'song-bus' && call.payload.outcome === 'READY',
    );
    expect(reports[1]!.payload).toEqual(reports[0]!.payload);
    expect(
      await (worker.trigger!.bus as EmbeddedEventBus).listDeadLetters(HLS_WORKER_CONSUMER),
    ).toEqual([]);

    // Acknowledged: a restarted worker does not run it again, and goes on with what comes next.
    await stopWorker(worker);
    const restarted = await startWorker(dbs, await storageWith('uploads/song-next/a.wav'));
    await restarted.trigger!.bus.publish([uploaded('uploads/song-next/a.wav')]);
    await receiver.waitUntil(() => outcomes('song-next').includes('READY 200'));
    expect(outcomes('song-bus')).toHaveLength(3);
  });

  it('skips a duplicate delivery and an older generation of an upload already processed', async () => {
    const dbs = databases();
    const worker = await startWorker(
      dbs,
      await storageWith('uploads/song-dup/a.wav', 'uploads/song-marker/a.wav'),
    );
    const first = uploaded('uploads/song-dup/a.wav');
    const older = {
      ...uploaded('uploads/song-dup/a.wav'),
      aggregateVersion: first.aggregateVersion - 1,
    };
    await worker.trigger!.bus.publish([first]);
    await receiver.waitUntil(() => outcomes('song-dup').includes('READY 200'));
    await worker.trigger!.bus.publish([first, older, uploaded('uploads/song-marker/a.wav')]);
    await receiver.waitUntil(() => outcomes('song-marker').includes('READY 200'));
    expect(outcomes('song-dup')).toEqual(['PROCESSING 200', 'READY 200']);
  });

  it('runs different uploads at once, up to WORKER_CONCURRENCY', async () => {
    const storage = await storageWith('uploads/song-a/a.wav', 'uploads/song-b/a.wav');
    // song-a's download only starts once song-b's has: with one job at a time this never finishes.
    let bStarted!: () => void;
    const bReady = new Promise<void>((resolve) => (bStarted = resolve));
    const overlapping = {
      put: storage.put.bind(storage),
      get: async (key: string): Promise<Readable> => {
        if (key.startsWith('uploads/song-b/')) bStarted();
        if (key.startsWith('uploads/song-a/')) await bReady;
        return storage.get(key);
      },
    };
    const worker = await startWorker(databases(), overlapping, { WORKER_CONCURRENCY: '2' });
    await worker.trigger!.bus.publish([
      uploaded('uploads/song-a/a.wav'),
      uploaded('uploads/song-b/a.wav'),
    ]);
    await receiver.waitUntil(
      () => outcomes('song-a').includes('READY 200') && outcomes('song-b').includes('READY 200'),
    );
  });

  it('dead-letters an upload whose report never reaches songs after the bus attempts (5)', async () => {
    const worker = await startWorker(databases(), await storageWith('uploads/song-dead/a.wav'));
    receiver.respondWith(200, ...Array<number>(10).fill(503));
    const event = uploaded('uploads/song-dead/a.wav');
    await worker.trigger!.bus.publish([event]);
    const bus = worker.trigger!.bus as EmbeddedEventBus;
    await eventually(async () => (await bus.listDeadLetters(HLS_WORKER_CONSUMER)).length > 0);
    const [dead] = await bus.listDeadLetters(HLS_WORKER_CONSUMER);
    expect(dead).toMatchObject({ attempts: 5, event: { id: event.id } });
    expect(dead!.error).toMatch(/did not receive the READY report/);
    expect(outcomes('song-dead').filter((outcome) => outcome.startsWith('READY'))).toHaveLength(5);
    // Transcoded once: the redeliveries only sent the kept report again.
    expect(outcomes('song-dead').filter((outcome) => outcome.startsWith('PROCESSING'))).toEqual([
      'PROCESSING 200',
    ]);
  });

  it('a restarted worker resends the report songs did not get, without transcoding again', async () => {
    const dbs = databases();
    const storage = await storageWith('uploads/song-kept/a.wav');
    const worker = await startWorker(dbs, storage);
    // PROCESSING 200, then READY 503 on the first delivery and on the first redelivery.
    receiver.respondWith(200, 503, 503);
    await worker.trigger!.bus.publish([uploaded('uploads/song-kept/a.wav')]);
    await receiver.waitUntil(() => outcomes('song-kept').length >= 3);
    await stopWorker(worker);
    const downloads: string[] = [];
    const counting = {
      put: storage.put.bind(storage),
      get: async (key: string): Promise<Readable> => {
        downloads.push(key);
        return storage.get(key);
      },
    };
    await startWorker(dbs, counting);
    await receiver.waitUntil(() => outcomes('song-kept').includes('READY 200'));
    expect(outcomes('song-kept')).toEqual([
      'PROCESSING 200',
      'READY 503',
      'READY 503',
      'READY 200',
    ]);
    expect(downloads).toEqual([]);
  });

  it('does not transcode when songs did not get PROCESSING: the event is redelivered and runs then', async () => {
    const storage = await storageWith('uploads/song-later/a.wav');
    const downloads: string[] = [];
    const counting = {
      put: storage.put.bind(storage),
      get: async (key: string): Promise<Readable> => {
        downloads.push(key);
        return storage.get(key);
      },
    };
    const worker = await startWorker(databases(), counting);
    receiver.respondWith(503);
    await worker.trigger!.bus.publish([uploaded('uploads/song-later/a.wav')]);
    await receiver.waitUntil(() => outcomes('song-later').includes('READY 200'));
    expect(outcomes('song-later')).toEqual(['PROCESSING 503', 'PROCESSING 200', 'READY 200']);
    expect(downloads).toEqual(['uploads/song-later/a.wav']);
  });

  it('leaves a job aborted at shutdown unacknowledged: the restarted worker runs it', async () => {
    const dbs = databases();
    const storage = await storageWith('uploads/song-stop/a.wav');
    // The first worker's download never ends, so the job is still running when the worker stops.
    const stuck = {
      put: storage.put.bind(storage),
      get: async (): Promise<Readable> => new PassThrough(),
    };
    const worker = await startWorker(dbs, stuck, { SHUTDOWN_TIMEOUT_MS: '200' });
    await worker.trigger!.bus.publish([uploaded('uploads/song-stop/a.wav')]);
    await receiver.waitUntil(() => outcomes('song-stop').includes('PROCESSING 200'));
    await stopWorker(worker);
    expect(outcomes('song-stop')).toEqual(['PROCESSING 200']);

    const restarted = await startWorker(dbs, storage);
    await receiver.waitUntil(() => outcomes('song-stop').includes('READY 200'));
    expect(outcomes('song-stop')).toEqual(['PROCESSING 200', 'PROCESSING 200', 'READY 200']);
    expect(
      await (restarted.trigger!.bus as EmbeddedEventBus).listDeadLetters(HLS_WORKER_CONSUMER),
    ).toEqual([]);
  });
});
