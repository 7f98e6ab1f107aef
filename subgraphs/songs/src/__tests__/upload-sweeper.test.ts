import { Types } from 'mongoose';
import { newUserId, processingCall, readyCall, SONG, SongsTestServer } from './songs-test-server';

describe('songs: the sweeper leaves no song stuck', () => {
  let server: SongsTestServer;
  beforeAll(async () => {
    server = await SongsTestServer.start({
      UPLOAD_URL_TTL_SECONDS: '60',
      UPLOAD_GRACE_SECONDS: '30',
      PROCESSING_TIMEOUT_SECONDS: '120',
    });
  });
  afterAll(() => server?.stop());

  const statusOf = async (id: string) =>
    (await server.subgraph.connection.collection('songs').findOne({ _id: new Types.ObjectId(id) }))
      ?.status ?? 'DELETED';
  const seconds = (n: number) => new Date(Date.now() + n * 1000);

  it('deletes expired uploads that never came, fails lost ones and stuck processing, and leaves the rest alone', async () => {
    const uploader = newUserId();
    const abandoned = await server.upload(uploader);
    const arrivedButNeverProcessed = await server.upload(uploader);
    await server.storage.seed(arrivedButNeverProcessed.uploadKey);
    const processing = await server.upload(uploader);
    await server.webhook(processingCall(processing.id, processing.uploadKey));
    const ready = await server.readySong(uploader);
    await server.storage.seed(`uploads/${abandoned.id}/original.mp3.part`);

    // Within the URL's life plus grace nothing happens.
    expect(await server.subgraph.sweeper.sweep(seconds(80))).toEqual({
      abandonedUploadsDeleted: 0,
      unprocessedUploadsFailed: 0,
      stuckProcessingFailed: 0,
    });

    // Past expiry + grace, before the processing timeout.
    expect(await server.subgraph.sweeper.sweep(seconds(95))).toEqual({
      abandonedUploadsDeleted: 1,
      unprocessedUploadsFailed: 1,
      stuckProcessingFailed: 0,
    });
    expect(await statusOf(abandoned.id)).toBe('DELETED');
    expect(server.storage.deletedPrefixes).toEqual(
      expect.arrayContaining([`uploads/${abandoned.id}/`, `hls/${abandoned.id}/`]),
    );
    expect(server.storage.keys()).not.toContain(`uploads/${abandoned.id}/original.mp3.part`);
    expect(await statusOf(arrivedButNeverProcessed.id)).toBe('FAILED');
    const lost = await server.ok<{ song: { failureReason: string } }>(
      SONG,
      { id: arrivedButNeverProcessed.id },
      uploader,
    );
    expect(lost.song.failureReason).toMatch(/processing never started; please upload again/);
    expect(await statusOf(processing.id)).toBe('PROCESSING');

    // Past the processing timeout.
    expect((await server.subgraph.sweeper.sweep(seconds(125))).stuckProcessingFailed).toBe(1);
    const stuck = await server.ok<{ song: { status: string; failureReason: string } }>(
      SONG,
      { id: processing.id },
      uploader,
    );
    expect(stuck.song).toMatchObject({
      status: 'FAILED',
      failureReason: 'Processing took too long; please upload again',
    });
    expect(await statusOf(ready.id)).toBe('READY');

    // A second pass finds nothing more to do.
    expect(await server.subgraph.sweeper.sweep(seconds(500))).toEqual({
      abandonedUploadsDeleted: 0,
      unprocessedUploadsFailed: 0,
      stuckProcessingFailed: 0,
    });

    // If the worker finishes after all, its READY still wins over the timeout.
    expect((await server.webhook(readyCall(processing.id, processing.uploadKey))).body).toEqual({
      applied: true,
      status: 'READY',
    });
  });
});
