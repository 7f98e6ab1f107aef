import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '@groovy/common/logging';
import type { ObjectFinalizedEvent } from '@groovy/common/storage';
import {
  fixtureDir,
  garble,
  makeMp3WithCover,
  makeTextFile,
  makeTone,
  tools,
} from '../../__tests__/fixtures/audio-fixtures';
import { MemoryStorage } from '../../__tests__/fixtures/memory-storage';
import { WebhookReceiver } from '../../__tests__/fixtures/webhook-receiver';
import { createSongsWebhookClient } from '../../webhook/songs-webhook-client';
import { processUpload, type UploadJobDeps } from '../upload-job';

const SECRET = 'test-worker-webhook-secret-0123456789abcdef';
const fixtures = fixtureDir();
const receiver = new WebhookReceiver(SECRET);
let tempDir: string;
let storage: MemoryStorage;
let deps: UploadJobDeps;
let withCover: string;

beforeAll(async () => {
  await receiver.start();
  tempDir = await mkdtemp(path.join(os.tmpdir(), 'hls-worker-jobs-'));
  withCover = await makeMp3WithCover(fixtures.file('song.mp3'), 8);
});
afterAll(async () => {
  await receiver.stop();
  fixtures.cleanup();
  await rm(tempDir, { recursive: true, force: true });
});
beforeEach(() => {
  receiver.reset();
  storage = new MemoryStorage();
  deps = {
    storage,
    tools,
    tempDir,
    logger: createLogger({ service: 'hls-worker-test', level: 'silent' }),
    webhook: createSongsWebhookClient({
      url: receiver.url,
      secret: SECRET,
      maxAttempts: 3,
      baseDelayMs: 5,
      maxDelayMs: 20,
      timeoutMs: 5000,
      logger: createLogger({ service: 'hls-worker-test', level: 'silent' }),
    }),
    transcode: {
      bitratesKbps: [64, 128, 256],
      segmentSeconds: 6,
      aacCoder: 'fast',
      processes: 2,
      waveformPoints: 1000,
      maxDurationSeconds: 3600,
    },
  };
});

async function upload(key: string, file: string): Promise<ObjectFinalizedEvent> {
  const body = readFileSync(file);
  await storage.put(key, body, { contentType: 'audio/mpeg' });
  return {
    bucket: 'test',
    key,
    size: body.length,
    contentType: 'audio/mpeg',
    finalizedAt: new Date(),
  };
}

describe('processUpload', () => {
  it('reports PROCESSING, stores every output under hls/<songId>/, then READY with keys', async () => {
    const event = await upload('uploads/song-a/original.mp3', withCover);
    const outcome = await processUpload(event, deps);
    expect(outcome.status).toBe('ready');

    expect(receiver.calls.map((call) => call.payload?.outcome)).toEqual(['PROCESSING', 'READY']);
    expect(
      receiver.calls.every((call) => call.signatureOk && call.schemaOk && call.status === 200),
    ).toBe(true);
    const [processing, ready] = receiver.delivered();
    expect(processing?.jobId).toBe(ready?.jobId);
    if (ready?.outcome !== 'READY') throw new Error('expected READY');
    expect(ready).toMatchObject({ songId: 'song-a', uploadKey: 'uploads/song-a/original.mp3' });
    const { result } = ready;
    expect(result.masterKey).toBe('hls/song-a/master.m3u8');
    expect(result.coverKey).toBe('hls/song-a/cover.jpg');
    expect(result.renditions).toEqual(
      [64, 128, 256].map((kbps) => ({
        bitrateKbps: kbps,
        codec: 'mp4a.40.2',
        playlistKey: `hls/song-a/${kbps}k/playlist.m3u8`,
      })),
    );
    expect(Math.abs(result.durationMs - 8000)).toBeLessThan(50);
    expect(result.waveform).toHaveLength(1000);

    // Everything the master names exists, and everything each playlist names exists.
    const master = storage.text(result.masterKey);
    for (const uri of master.split('\n').filter((line) => line && !line.startsWith('#'))) {
      const playlistKey = `hls/song-a/${uri}`;
      const playlist = storage.text(playlistKey);
      const dir = playlistKey.slice(0, playlistKey.lastIndexOf('/') + 1);
      const named = [...playlist.matchAll(/^(segment-\d+\.m4s)$/gm)].map((match) => match[1]);
      expect(named).toHaveLength(2);
      for (const file of [...named, 'init.mp4'])
        expect(storage.objects.has(`${dir}${file}`)).toBe(true);
    }
    expect(storage.objects.get('hls/song-a/master.m3u8')?.contentType).toBe(
      'application/vnd.apple.mpegurl',
    );
    expect(storage.objects.get('hls/song-a/cover.jpg')?.contentType).toBe('image/jpeg');
    expect(storage.objects.get('hls/song-a/64k/segment-000.m4s')?.body.length).toBeGreaterThan(
      1000,
    );
    expect(readdirSync(tempDir)).toEqual([]); // temp dir removed
  });

  it('run twice gives the same keys and the same READY result (overwriting)', async () => {
    const event = await upload('uploads/song-b/take.mp3', withCover);
    const first = await processUpload(event, deps);
    const keysAfterFirst = storage.keys('hls/');
    const putsAfterFirst = storage.puts;
    const second = await processUpload(event, deps);
    expect(storage.keys('hls/')).toEqual(keysAfterFirst);
    expect(storage.puts - putsAfterFirst).toBe(keysAfterFirst.length); // every output written again
    if (first.status !== 'ready' || second.status !== 'ready')
      throw new Error('expected two READY jobs');
    expect(second.payload.result).toEqual(first.payload.result);
    expect(second.jobId).not.toBe(first.jobId);
    const readies = receiver.delivered().filter((payload) => payload.outcome === 'READY');
    expect(readies).toHaveLength(2);
  });

  it('retries a webhook that answers 500 twice, then delivers READY', async () => {
    const event = await upload(
      'uploads/song-c/a.wav',
      await makeTone(fixtures.file('short.wav'), { seconds: 2 }),
    );
    receiver.respondWith(200, 500, 500); // PROCESSING ok; READY fails twice, then 200
    const outcome = await processUpload(event, deps);
    expect(outcome).toMatchObject({ status: 'ready', delivered: true });
    expect(receiver.calls.map((call) => [call.payload?.outcome, call.status])).toEqual([
      ['PROCESSING', 200],
      ['READY', 500],
      ['READY', 500],
      ['READY', 200],
    ]);
  });

  it('skips the work when songs refuses PROCESSING with a 4xx (unknown song), and does not retry', async () => {
    const event = await upload('uploads/song-gone/a.mp3', withCover);
    receiver.respondWith(404);
    const outcome = await processUpload(event, deps);
    expect(outcome).toMatchObject({ status: 'refused', httpStatus: 404 });
    expect(receiver.calls).toHaveLength(1);
    expect(storage.keys('hls/')).toEqual([]);
  });

  it('when songs did not get PROCESSING (5xx): a retriable job stops before any work, a pushed one goes on', async () => {
    const event = await upload('uploads/song-later/a.mp3', withCover);
    receiver.respondWith(503, 503, 503);
    const deferred = await processUpload(event, deps, undefined, { retriable: true });
    expect(deferred).toMatchObject({ status: 'deferred', httpStatus: 503 });
    expect(receiver.calls.map((call) => call.payload?.outcome)).toEqual([
      'PROCESSING',
      'PROCESSING',
      'PROCESSING',
    ]);
    expect(storage.keys('hls/')).toEqual([]);

    receiver.reset();
    receiver.respondWith(503, 503, 503);
    const pushed = await processUpload(event, deps);
    expect(pushed).toMatchObject({ status: 'ready', delivered: true });
  });

  it('reports a text file renamed .mp3 as FAILED NOT_AUDIO, and stores nothing', async () => {
    const event = await upload(
      'uploads/song-d/lyrics.mp3',
      makeTextFile(fixtures.file('lyrics.mp3')),
    );
    const outcome = await processUpload(event, deps);
    expect(outcome).toMatchObject({ status: 'failed', code: 'NOT_AUDIO' });
    const failed = receiver.delivered().at(-1);
    expect(failed).toMatchObject({ outcome: 'FAILED', code: 'NOT_AUDIO', songId: 'song-d' });
    expect(failed?.outcome === 'FAILED' && failed.reason).toMatch(
      /doesn't contain audio we can play/,
    );
    expect(storage.keys('hls/')).toEqual([]);
    expect(readdirSync(tempDir)).toEqual([]);
  });

  it('reports a garbled MP3 as FAILED CORRUPT', async () => {
    const event = await upload(
      'uploads/song-e/broken.mp3',
      garble(withCover, fixtures.file('broken.mp3'), 400),
    );
    await processUpload(event, deps);
    expect(receiver.delivered().map((payload) => payload.outcome)).toEqual([
      'PROCESSING',
      'FAILED',
    ]);
    expect(receiver.delivered()[1]).toMatchObject({ code: 'CORRUPT' });
  });

  it('reports a missing upload as FAILED INTERNAL with a generic reason', async () => {
    const outcome = await processUpload(
      {
        bucket: 't',
        key: 'uploads/song-f/none.mp3',
        size: 1,
        contentType: 'audio/mpeg',
        finalizedAt: new Date(),
      },
      deps,
    );
    expect(outcome).toMatchObject({ status: 'failed', code: 'INTERNAL' });
    expect(receiver.delivered()[1]).toMatchObject({
      outcome: 'FAILED',
      code: 'INTERNAL',
      reason: expect.stringMatching(/on our side/),
    });
  });

  it('ignores keys outside uploads/<songId>/<file> without calling songs', async () => {
    for (const key of [
      'hls/song-a/master.m3u8',
      'uploads/only-song',
      'uploads/a/b/c.mp3',
      'uploads/../x.mp3',
    ]) {
      expect(
        await processUpload(
          { bucket: 't', key, size: 1, contentType: 'audio/mpeg', finalizedAt: new Date() },
          deps,
        ),
      ).toEqual({ status: 'ignored', key });
    }
    expect(receiver.calls).toHaveLength(0);
  });

  it('aborted mid-job (shutdown): no READY or FAILED is sent, nothing half-stored, temp dir removed', async () => {
    const long = await makeTone(fixtures.file('long.flac'), { seconds: 90, noise: 0.2 });
    const event = await upload('uploads/song-g/long.flac', long);
    const controller = new AbortController();
    const job = processUpload(event, deps, controller.signal);
    await receiver.waitForOutcome('PROCESSING');
    controller.abort();
    await expect(job).rejects.toThrow(/aborted/);
    expect(receiver.calls.map((call) => call.payload?.outcome)).toEqual(['PROCESSING']);
    expect(storage.keys('hls/song-g/master')).toEqual([]);
    expect(readdirSync(tempDir)).toEqual([]);
  });
});
