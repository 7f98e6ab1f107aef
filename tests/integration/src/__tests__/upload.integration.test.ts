import { generateTone, registerListener, Stack, uploadSong, waitUntilProcessed } from '../testkit';

// The upload flow with every process real: router → songs (signed URL) → PUT to local storage →
// "object finalised" push → HLS worker (ffmpeg) → signed webhook → songs READY → stream served.
describe('upload flow (auth, songs + storage, worker, router as processes)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await Stack.start({ media: true });
  }, 120_000);
  afterAll(() => stack?.stop());

  it('uploads straight to storage, processes to HLS and serves the stream', async () => {
    const { session } = await registerListener(stack, 'Uploader');
    const tone = generateTone(10);
    const upload = await uploadSong(
      stack,
      session.accessToken,
      {
        title: 'Ten Seconds of A',
        artistName: 'Test Tones',
        fileName: 'tone.mp3',
        contentType: 'audio/mpeg',
      },
      tone.bytes,
    );
    expect(upload.song.status).toBe('PENDING_UPLOAD');
    expect(upload.uploadUrl.startsWith(stack.media!.storageUrl)).toBe(true);

    const ready = await waitUntilProcessed(stack, upload.song.id, session.accessToken);
    expect(ready.failureReason).toBeNull();
    expect(ready.status).toBe('READY');
    expect(ready.durationMs).toBeGreaterThan(9_900);
    expect(ready.durationMs).toBeLessThan(10_200);
    expect(ready.loudnessLufs).toEqual(expect.any(Number));
    expect(ready.waveform!.length).toBeGreaterThan(500);
    expect(ready.stream!.renditions.map((r) => r.bitrateKbps)).toEqual([64, 128, 256]);

    const master = await fetch(ready.stream!.masterUrl);
    expect(master.status).toBe(200);
    expect(master.headers.get('content-type')).toMatch(/mpegurl/);
    const playlist = await master.text();
    expect(playlist).toContain('#EXTM3U');
    expect(playlist).toMatch(/CODECS="mp4a\.40\.2"/);
    const rendition = await fetch(ready.stream!.renditions[0]!.url);
    expect(rendition.status).toBe(200);
    expect(await rendition.text()).toMatch(/#EXTINF/);
  });

  it('fails a file that is not audio with a reason a person can read', async () => {
    const { session } = await registerListener(stack, 'Mistaken Uploader');
    const notAudio = Buffer.from('this is a text file pretending to be an mp3\n'.repeat(100));
    const upload = await uploadSong(
      stack,
      session.accessToken,
      {
        title: 'Not a song',
        artistName: 'Nobody',
        fileName: 'notes.mp3',
        contentType: 'audio/mpeg',
      },
      notAudio,
    );
    const failed = await waitUntilProcessed(stack, upload.song.id, session.accessToken);
    expect(failed.status).toBe('FAILED');
    expect(failed.failureReason).toMatch(/audio/i);
  });
});
