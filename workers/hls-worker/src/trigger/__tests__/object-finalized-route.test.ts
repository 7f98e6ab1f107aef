import { readFileSync } from 'node:fs';
import { parseEnvironment } from '@groovy/common/config';
import { createLogger } from '@groovy/common/logging';
import { toObjectFinalizedPush } from '@groovy/common/testing';
import { DEV_PUBSUB_PUSH_TOKEN, workerEnvironmentSchema } from '../../environment';
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

/** A push as the dev path's subscription sends it: the shared token in the endpoint's URL. */
function push(
  body: unknown,
  raw = false,
  token: string | null = DEV_PUBSUB_PUSH_TOKEN,
): Promise<Response> {
  const query = token === null ? '' : `?token=${encodeURIComponent(token)}`;
  return fetch(`${worker.url}/pubsub/object-finalized${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: raw ? (body as string) : JSON.stringify(body),
  });
}

/** A push for `key`; its generation is `finalizedAt` in ms. */
function finalized(key: string, size = 10, finalizedAt = new Date()) {
  return toObjectFinalizedPush({
    bucket: 'local',
    key,
    size,
    contentType: 'audio/wav',
    finalizedAt,
  });
}

describe('POST /pubsub/object-finalized', () => {
  it('refuses a push without the token, or with a wrong one, with 401 and does no work', async () => {
    const file = await makeTone(fixtures.file('forged.wav'), { seconds: 1 });
    await storage.put('uploads/song-forged/a.wav', readFileSync(file), {
      contentType: 'audio/wav',
    });
    const forged = finalized('uploads/song-forged/a.wav');
    for (const token of [null, '', 'wrong-token', `${DEV_PUBSUB_PUSH_TOKEN}x`]) {
      const response = await push(forged, false, token);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Token');
    }
    // Not JSON either: authentication comes before anything is read.
    expect((await push('{"message":', true, null)).status).toBe(401);
    const byHeader = await fetch(`${worker.url}/pubsub/object-finalized`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-groovy-push-token': 'wrong' },
      body: JSON.stringify(forged),
    });
    expect(byHeader.status).toBe(401);
    expect(worker.queue.size).toEqual({ running: 0, waiting: 0 });
    expect(receiver.calls).toHaveLength(0);
  });

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

  it('acknowledges a push for an upload generation already processed (READY) without transcoding it again', async () => {
    const file = await makeTone(fixtures.file('again.wav'), { seconds: 1 });
    await storage.put('uploads/song-again/a.wav', readFileSync(file), { contentType: 'audio/wav' });
    const first = await push(
      finalized('uploads/song-again/a.wav', 10, new Date(1_700_000_000_001)),
    );
    expect(first.status).toBe(202);
    await receiver.waitUntil((calls) =>
      calls.some(
        (call) => call.payload?.songId === 'song-again' && call.payload?.outcome === 'READY',
      ),
    );
    await worker.queue.idle();
    const jobsOf = () =>
      receiver
        .delivered()
        .filter((payload) => payload.songId === 'song-again' && payload.outcome === 'PROCESSING')
        .length;
    expect(jobsOf()).toBe(1);

    // Pub/Sub redelivering it, or the same notification replayed: acknowledged, nothing runs.
    const again = await push(
      finalized('uploads/song-again/a.wav', 10, new Date(1_700_000_000_001)),
    );
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ accepted: false, alreadyProcessed: true });
    await worker.queue.idle();
    expect(jobsOf()).toBe(1);

    // A newer generation (the file uploaded again) is processed.
    expect(
      (await push(finalized('uploads/song-again/a.wav', 10, new Date(1_700_000_000_002)))).status,
    ).toBe(202);
    await worker.queue.idle();
    expect(jobsOf()).toBe(2);
  });
});
