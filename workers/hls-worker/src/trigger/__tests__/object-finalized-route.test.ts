import { readFileSync } from 'node:fs';
import { parseEnvironment } from '@groovy/common/config';
import { createLogger } from '@groovy/common/logging';
import { toObjectFinalizedPush } from '@groovy/common/testing';
import { workerEnvironmentSchema } from '../../environment';
import { fixtureDir, makeTone, tools } from '../../__tests__/fixtures/audio-fixtures';
import { MemoryStorage } from '../../__tests__/fixtures/memory-storage';
import { WebhookReceiver } from '../../__tests__/fixtures/webhook-receiver';
import { startHlsWorker, type HlsWorker } from '../../start-hls-worker';

const SECRET = 'test-worker-webhook-secret-0123456789abcdef';
const fixtures = fixtureDir();
const receiver = new WebhookReceiver(SECRET);
const storage = new MemoryStorage();
let worker: HlsWorker;

beforeAll(async () => {
  await receiver.start();
  const env = parseEnvironment(workerEnvironmentSchema, {
    NODE_ENV: 'test',
    PORT: '0',
    LOG_LEVEL: 'silent',
    SONGS_WEBHOOK_URL: receiver.url,
    WORKER_WEBHOOK_SECRET: SECRET,
    WEBHOOK_RETRY_BASE_MS: '5',
    HLS_BITRATES_KBPS: '64,128',
    WORKER_MAX_QUEUED: '1',
    WORKER_CONCURRENCY: '1',
  });
  worker = await startHlsWorker(env, {
    storage,
    tools,
    // The push endpoint alone (the event-bus trigger has its own test).
    events: false,
    logger: createLogger({ service: 'hls-worker-test', level: 'silent' }),
  });
});
afterAll(async () => {
  await worker.stop();
  await receiver.stop();
  fixtures.cleanup();
});

function push(body: unknown, raw = false): Promise<Response> {
  return fetch(`${worker.url}/pubsub/object-finalized`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: raw ? (body as string) : JSON.stringify(body),
  });
}

function finalized(key: string, size = 10) {
  return toObjectFinalizedPush({
    bucket: 'local',
    key,
    size,
    contentType: 'audio/wav',
    finalizedAt: new Date(),
  });
}

describe('POST /pubsub/object-finalized', () => {
  it('answers 400 with a clear message for a body that is not a Pub/Sub push', async () => {
    const notJson = await push('{"message":', true);
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { error: string }).error).toMatch(/not JSON/);

    const noData = await push({ message: { attributes: { eventType: 'OBJECT_FINALIZE' } } });
    expect(noData.status).toBe(400);
    expect(((await noData.json()) as { error: string }).error).toMatch(/message\.data/);

    const notAnObject = await push({
      message: { data: Buffer.from('{"name":"uploads/a/b.mp3"}').toString('base64') },
    });
    expect(notAnObject.status).toBe(400);
    expect(((await notAnObject.json()) as { error: string }).error).toMatch(/bucket/);
  });

  it('answers 204 for keys outside uploads/ and for events other than OBJECT_FINALIZE', async () => {
    expect((await push(finalized('hls/song-1/master.m3u8'))).status).toBe(204);
    const deleted = finalized('uploads/song-1/a.wav');
    deleted.message.attributes.eventType = 'OBJECT_DELETE';
    expect((await push(deleted)).status).toBe(204);
    expect(receiver.calls).toHaveLength(0);
  });

  it('answers 202 for an upload, then runs the job to READY', async () => {
    const file = await makeTone(fixtures.file('pushed.wav'), { seconds: 3 });
    const body = readFileSync(file);
    await storage.put('uploads/song-push/pushed.wav', body, { contentType: 'audio/wav' });
    const response = await push(finalized('uploads/song-push/pushed.wav', body.length));
    expect(response.status).toBe(202);
    const ready = await receiver.waitForOutcome('READY');
    expect(ready).toMatchObject({ songId: 'song-push', uploadKey: 'uploads/song-push/pushed.wav' });
    expect(receiver.delivered()[0]?.outcome).toBe('PROCESSING');
    expect(storage.objects.has('hls/song-push/master.m3u8')).toBe(true);
    await worker.queue.idle();
  });

  it('answers 503 when the queue is full, so Pub/Sub redelivers later', async () => {
    const file = await makeTone(fixtures.file('queued.wav'), { seconds: 2 });
    await storage.put('uploads/song-q/a.wav', readFileSync(file), { contentType: 'audio/wav' });
    // concurrency 1 and at most 1 waiting: the first runs, the second waits, the third is refused
    const statuses = [];
    for (const song of ['song-q', 'song-r', 'song-s'])
      statuses.push((await push(finalized(`uploads/${song}/a.wav`))).status);
    expect(statuses).toEqual([202, 202, 503]);
    await worker.queue.idle();
    expect(
      receiver
        .delivered()
        .filter((payload) => payload.outcome === 'READY' && payload.songId === 'song-q'),
    ).toHaveLength(1);
    expect(
      receiver
        .delivered()
        .filter((payload) => payload.outcome === 'FAILED' && payload.songId === 'song-r'),
    ).toHaveLength(1);
  });

  it('serves /healthz and /readyz (nothing to check without the event-bus trigger), and counts jobs by outcome on /metrics', async () => {
    const response = await fetch(`${worker.url}/healthz`);
    expect(await response.json()).toEqual({ status: 'ok', service: 'hls-worker' });
    expect(await (await fetch(`${worker.url}/readyz`)).json()).toMatchObject({
      status: 'ready',
      checks: {},
    });
    const metrics = await (await fetch(`${worker.url}/metrics`)).text();
    expect(metrics).toMatch(/hls_jobs_total\{outcome="ready",code="",service="hls-worker"\} 2/);
    expect(metrics).toMatch(
      /hls_jobs_total\{outcome="failed",code="INTERNAL",service="hls-worker"\} 1/,
    );
    expect(metrics).toMatch(/hls_job_queue\{state="running",service="hls-worker"\} 0/);
  });
});
