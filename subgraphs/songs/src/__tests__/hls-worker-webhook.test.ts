import { Types } from 'mongoose';
import {
  failedCall,
  newUserId,
  processingCall,
  readyCall,
  SONG,
  SongsTestServer,
} from './songs-test-server';

interface SongView {
  status: string;
  failureReason: string | null;
  durationMs: number | null;
  loudnessLufs: number | null;
  waveform: number[] | null;
  coverUrl: string | null;
  stream: {
    masterUrl: string;
    renditions: Array<{ bitrateKbps: number; codec: string; url: string }>;
  } | null;
}

describe('songs: the HLS worker webhook', () => {
  let server: SongsTestServer;
  beforeAll(async () => {
    server = await SongsTestServer.start({ WORKER_WEBHOOK_TOLERANCE_SECONDS: '300' });
  });
  afterAll(() => server?.stop());

  const view = async (id: string, as: string) =>
    (await server.ok<{ song: SongView }>(SONG, { id }, as)).song;
  const stored = (id: string) =>
    server.subgraph.connection
      .collection('songs')
      // The outbox drains in the background (the relay), so it is left out of comparisons.
      .findOne({ _id: new Types.ObjectId(id) }, { projection: { _outbox: 0 } });

  it('moves a song PENDING_UPLOAD → PROCESSING → READY with stream, renditions, waveform, duration, loudness and cover URLs', async () => {
    const uploader = newUserId();
    const { id, uploadKey } = await server.upload(uploader);
    expect(await server.webhook(processingCall(id, uploadKey))).toEqual({
      status: 200,
      body: { applied: true, status: 'PROCESSING' },
    });
    expect((await view(id, uploader)).status).toBe('PROCESSING');

    expect(await server.webhook(readyCall(id, uploadKey))).toEqual({
      status: 200,
      body: { applied: true, status: 'READY' },
    });
    expect(await view(id, uploader)).toMatchObject({
      status: 'READY',
      failureReason: null,
      durationMs: 215_000,
      loudnessLufs: -9.5,
      waveform: [0, 0.25, 0.5, 1],
      coverUrl: `http://storage.test/objects/hls/${id}/cover.jpg`,
      stream: {
        masterUrl: `http://storage.test/objects/hls/${id}/master.m3u8`,
        renditions: [
          {
            bitrateKbps: 64,
            codec: 'mp4a.40.2',
            url: `http://storage.test/objects/hls/${id}/64k/playlist.m3u8`,
          },
          {
            bitrateKbps: 128,
            codec: 'mp4a.40.2',
            url: `http://storage.test/objects/hls/${id}/128k/playlist.m3u8`,
          },
        ],
      },
    });
    expect((await stored(id))!.processing).toMatchObject({
      jobId: 'job-1',
      attempts: 1,
      lastOutcome: 'READY',
    });
  });

  it("records FAILED with the worker's readable reason", async () => {
    const uploader = newUserId();
    const { id, uploadKey } = await server.upload(uploader);
    await server.webhook(processingCall(id, uploadKey));
    expect((await server.webhook(failedCall(id, uploadKey))).body).toEqual({
      applied: true,
      status: 'FAILED',
    });
    expect(await view(id, uploader)).toMatchObject({
      status: 'FAILED',
      failureReason: 'This file is not audio',
      stream: null,
    });
    expect((await stored(id))!.failureCode).toBe('NOT_AUDIO');
  });

  it('refuses a bad signature, a wrong secret, a missing signature and an old (replayed) timestamp with 401, changing nothing', async () => {
    const uploader = newUserId();
    const { id, uploadKey } = await server.upload(uploader);
    const call = readyCall(id, uploadKey);
    const now = Math.floor(Date.now() / 1000);
    expect(
      (await server.webhook(call, { secret: 'another-secret-of-at-least-32-characters!!' })).status,
    ).toBe(401);
    expect((await server.webhook(call, { signature: 'v1=deadbeef' })).status).toBe(401);
    expect((await server.webhook(call, { signature: '' })).status).toBe(401);
    const replayed = await server.webhook(call, { timestamp: now - 301 });
    expect(replayed).toEqual({
      status: 401,
      body: { error: 'timestamp outside the replay window' },
    });
    expect((await server.webhook(call, { timestamp: now + 360 })).status).toBe(401);
    // A body changed after signing: the signature no longer matches.
    const signedFor = JSON.stringify(call);
    const tampered = await server.webhook(undefined, {
      rawBody: signedFor.replace('"READY"', '"FAILED"'),
      signature: (await import('@groovy/common/media')).signWebhookBody(
        'test-worker-webhook-secret-at-least-32-characters',
        now,
        signedFor,
      ),
      timestamp: now,
    });
    expect(tampered.status).toBe(401);
    expect((await view(id, uploader)).status).toBe('PENDING_UPLOAD');
  });

  it('answers 400 with the problem for a payload that is not the contract, and 404 for an unknown song', async () => {
    const notJson = await server.webhook(undefined, { rawBody: '{not json' });
    expect(notJson).toEqual({ status: 400, body: { error: 'body is not JSON' } });
    const { id, uploadKey } = await server.upload(newUserId());
    const bad = await server.webhook({ ...readyCall(id, uploadKey), result: { durationMs: -1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.issues).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'result.durationMs' })]),
    );
    const unknownOutcome = await server.webhook({
      ...processingCall(id, uploadKey),
      outcome: 'DONE',
    });
    expect(unknownOutcome.status).toBe(400);
    const unknownSong = new Types.ObjectId().toHexString();
    expect(
      (await server.webhook(processingCall(unknownSong, `uploads/${unknownSong}/original.mp3`)))
        .status,
    ).toBe(404);
    // A job that finishes after its song was deleted: its outputs are removed.
    await server.storage.seed(
      `hls/${unknownSong}/master.m3u8`,
      `hls/${unknownSong}/64k/segment-000.ts`,
    );
    expect(
      (await server.webhook(readyCall(unknownSong, `uploads/${unknownSong}/original.mp3`))).status,
    ).toBe(404);
    expect(server.storage.keys().filter((key) => key.includes(unknownSong))).toEqual([]);
    expect(
      (await server.webhook(processingCall('not-an-id', 'uploads/x/original.mp3'))).status,
    ).toBe(404);
  });

  it("refuses a call about another upload (409) and outputs outside the song's prefixes (400)", async () => {
    const uploader = newUserId();
    const { id, uploadKey } = await server.upload(uploader);
    expect((await server.webhook(processingCall(id, 'uploads/other/original.mp3'))).status).toBe(
      409,
    );
    const escaping = readyCall(id, uploadKey);
    escaping.result.masterKey = 'hls/someone-else/master.m3u8';
    expect((await server.webhook(escaping)).status).toBe(400);
    expect((await view(id, uploader)).status).toBe('PENDING_UPLOAD');
  });

  it('is idempotent: the same call twice answers 200 both times and the second changes nothing', async () => {
    const uploader = newUserId();
    const { id, uploadKey } = await server.upload(uploader);
    const ready = readyCall(id, uploadKey);
    expect((await server.webhook(ready)).body).toEqual({ applied: true, status: 'READY' });
    const after = await stored(id);
    const again = await server.webhook(ready);
    expect(again).toEqual({
      status: 200,
      body: { applied: false, duplicate: true, status: 'READY' },
    });
    expect(await stored(id)).toEqual(after);
  });

  it('applies one of two identical deliveries arriving at the same time, and the other is a duplicate', async () => {
    const uploader = newUserId();
    const { id, uploadKey } = await server.upload(uploader);
    const ready = readyCall(id, uploadKey);
    const answers = await Promise.all([
      server.webhook(ready),
      server.webhook(ready),
      server.webhook(ready),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(answers.filter((a) => a.body.applied === true)).toHaveLength(1);
    expect(answers.filter((a) => a.body.duplicate === true)).toHaveLength(2);
    expect((await stored(id))!.revision).toBe(1);
  });

  it('ignores out-of-date calls: PROCESSING after READY, an older READY, a FAILED older than READY', async () => {
    const uploader = newUserId();
    const { id, uploadKey } = await server.upload(uploader);
    const olderProcessing = processingCall(id, uploadKey);
    const olderReady = readyCall(id, uploadKey, {
      result: { ...readyCall(id, uploadKey).result, durationMs: 1000 },
    });
    const olderFailed = failedCall(id, uploadKey);
    const newest = readyCall(id, uploadKey);
    expect((await server.webhook(newest)).body).toMatchObject({ applied: true, status: 'READY' });
    const after = await stored(id);

    const lateProcessing = await server.webhook(olderProcessing);
    expect(lateProcessing.status).toBe(200);
    expect(lateProcessing.body).toMatchObject({ applied: false, status: 'READY' });
    expect((await server.webhook(olderReady)).body).toMatchObject({
      applied: false,
      status: 'READY',
    });
    expect((await server.webhook(olderFailed)).body).toMatchObject({
      applied: false,
      status: 'READY',
    });
    // Even with a newer timestamp, PROCESSING or FAILED can't undo READY for this upload.
    expect(
      (await server.webhook(processingCall(id, uploadKey, { jobId: 'job-2' }))).body,
    ).toMatchObject({ applied: false, status: 'READY' });
    expect(
      (await server.webhook(failedCall(id, uploadKey, { jobId: 'job-2' }))).body,
    ).toMatchObject({ applied: false, status: 'READY' });
    expect(await stored(id)).toEqual(after);
    expect((await view(id, uploader)).durationMs).toBe(215_000);
  });

  it('counts a retried job as a new attempt, and lets a later READY recover a FAILED song', async () => {
    const uploader = newUserId();
    const { id, uploadKey } = await server.upload(uploader);
    await server.webhook(processingCall(id, uploadKey, { jobId: 'a' }));
    await server.webhook(
      failedCall(id, uploadKey, { jobId: 'a', reason: 'Worker crashed', code: 'INTERNAL' }),
    );
    expect(
      (await server.webhook(processingCall(id, uploadKey, { jobId: 'b' }))).body,
    ).toMatchObject({ applied: false, status: 'FAILED' });
    expect((await server.webhook(readyCall(id, uploadKey, { jobId: 'b' }))).body).toEqual({
      applied: true,
      status: 'READY',
    });
    expect((await stored(id))!.processing).toMatchObject({ jobId: 'b', attempts: 2 });
    expect(await view(id, uploader)).toMatchObject({ status: 'READY', failureReason: null });
  });
});
