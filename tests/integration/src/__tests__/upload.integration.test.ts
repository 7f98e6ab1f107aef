import { generateTone, registerListener, Stack } from '../testkit';

interface SongState {
  id: string;
  status: string;
  failureReason: string | null;
  durationMs: number | null;
  loudnessLufs: number | null;
  waveform: number[] | null;
  stream: { masterUrl: string; renditions: Array<{ bitrateKbps: number; codec: string; url: string }> } | null;
}

const SONG = 'query Song($id: ID!) { song(id: $id) { id status failureReason durationMs loudnessLufs waveform stream { masterUrl renditions { bitrateKbps codec url } } } }';

// The upload flow with every process real: router → songs (signed URL) → PUT to local storage →
// "object finalised" push → HLS worker (ffmpeg) → signed webhook → songs READY → stream served.
describe('upload flow (auth, songs + storage, worker, router as processes)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await Stack.start({ media: true });
  }, 120_000);
  afterAll(() => stack?.stop());

  async function waitForStatus(id: string, token: string, done: (s: SongState) => boolean): Promise<SongState> {
    // Bounded polling of the public API, as a client does; the worker's progress is not observable otherwise.
    for (let attempt = 0; attempt < 300; attempt += 1) {
      const result = await stack.execute<{ song: SongState }>(SONG, { id }, { token });
      const song = result.data?.song;
      if (song && done(song)) return song;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`song ${id} never reached the expected status`);
  }

  it('uploads straight to storage, processes to HLS and serves the stream', async () => {
    const { session } = await registerListener(stack, 'Uploader');
    const tone = generateTone(10);
    const requested = await stack.execute<{
      requestSongUpload: { song: { id: string; status: string }; uploadUrl: string; method: string; headers: Array<{ name: string; value: string }> };
    }>(
      'mutation Up($input: RequestSongUploadInput!) { requestSongUpload(input: $input) { song { id status } uploadUrl method headers { name value } } }',
      { input: { title: 'Ten Seconds of A', artistName: 'Test Tones', fileName: 'tone.mp3', contentType: 'audio/mpeg', sizeBytes: tone.bytes.length } },
      { token: session.accessToken },
    );
    expect(requested.errors).toBeUndefined();
    const upload = requested.data!.requestSongUpload;
    expect(upload.song.status).toBe('PENDING_UPLOAD');
    expect(upload.uploadUrl.startsWith(stack.media!.storageUrl)).toBe(true);

    const put = await fetch(upload.uploadUrl, {
      method: upload.method,
      headers: Object.fromEntries(upload.headers.map((h) => [h.name, h.value])),
      body: new Uint8Array(tone.bytes),
    });
    expect(put.status).toBeLessThan(300);

    const ready = await waitForStatus(upload.song.id, session.accessToken, (s) => s.status === 'READY' || s.status === 'FAILED');
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
    const requested = await stack.execute<{ requestSongUpload: { song: { id: string }; uploadUrl: string; method: string; headers: Array<{ name: string; value: string }> } }>(
      'mutation Up($input: RequestSongUploadInput!) { requestSongUpload(input: $input) { song { id } uploadUrl method headers { name value } } }',
      { input: { title: 'Not a song', artistName: 'Nobody', fileName: 'notes.mp3', contentType: 'audio/mpeg', sizeBytes: notAudio.length } },
      { token: session.accessToken },
    );
    const upload = requested.data!.requestSongUpload;
    await fetch(upload.uploadUrl, { method: upload.method, headers: Object.fromEntries(upload.headers.map((h) => [h.name, h.value])), body: new Uint8Array(notAudio) });
    const failed = await waitForStatus(upload.song.id, session.accessToken, (s) => s.status === 'READY' || s.status === 'FAILED');
    expect(failed.status).toBe('FAILED');
    expect(failed.failureReason).toMatch(/audio/i);
  });
});
