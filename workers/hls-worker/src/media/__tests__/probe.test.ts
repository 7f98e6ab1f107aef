import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  fixtureDir,
  garble,
  makeTextFile,
  makeTone,
  tools,
} from '../../__tests__/fixtures/audio-fixtures';
import { MediaFailure } from '../media-failure';
import { looksLikeAudioContainer, probeAudio } from '../probe';
import { transcodeToHls } from '../transcode';

const fixtures = fixtureDir();
afterAll(() => fixtures.cleanup());

/** Probe then transcode, as a job does; the MediaFailure either step throws. */
async function classify(input: string, maxDurationSeconds = 3600): Promise<MediaFailure | 'ok'> {
  const outputDir = await mkdtemp(path.join(os.tmpdir(), 'hls-worker-out-'));
  try {
    const probed = await probeAudio(tools, input, { maxDurationSeconds });
    await transcodeToHls(tools, input, probed, outputDir, {
      bitratesKbps: [64],
      segmentSeconds: 6,
      aacCoder: 'fast',
      processes: 1,
      waveformPoints: 100,
      maxDurationSeconds,
    });
    return 'ok';
  } catch (error) {
    if (error instanceof MediaFailure) return error;
    throw error;
  } finally {
    await rm(outputDir, { recursive: true, force: true });
  }
}

describe('probe: what is not a playable song', () => {
  let mp3: string;
  let flac: string;
  beforeAll(async () => {
    mp3 = await makeTone(fixtures.file('good.mp3'), { seconds: 4, channels: 2 });
    flac = await makeTone(fixtures.file('good.flac'), { seconds: 4, channels: 2 });
  });

  it('accepts a good file and reports its stream', async () => {
    const probed = await probeAudio(tools, mp3, { maxDurationSeconds: 3600 });
    expect(probed.audio).toMatchObject({ codec: 'mp3', channels: 2, sampleRate: 44_100 });
    expect(probed.durationSeconds).toBeGreaterThan(3.9);
    expect(probed.cover).toBeNull();
    expect(await classify(mp3)).toBe('ok');
  });

  it('calls a text file renamed .mp3 NOT_AUDIO, in words a person can read', async () => {
    const failure = await classify(makeTextFile(fixtures.file('lyrics.mp3')));
    expect(failure).toBeInstanceOf(MediaFailure);
    expect((failure as MediaFailure).code).toBe('NOT_AUDIO');
    expect((failure as MediaFailure).reason).toBe(
      "This file doesn't contain audio we can play. Please upload an MP3, M4A/AAC, FLAC, WAV or Ogg/Opus file.",
    );
  });

  it('calls a picture NOT_AUDIO (a file ffmpeg reads, without an audio stream)', async () => {
    const picture = fixtures.file('cover.png');
    const { execFileSync } = await import('node:child_process');
    execFileSync(tools.ffmpeg, [
      '-loglevel',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      'testsrc=s=32x32:d=1',
      '-frames:v',
      '1',
      picture,
    ]);
    expect(await classify(picture)).toMatchObject({ code: 'NOT_AUDIO' });
  });

  it('calls an MP3 whose frames are garbled CORRUPT', async () => {
    const failure = await classify(garble(mp3, fixtures.file('garbled.mp3'), 300));
    expect(failure).toMatchObject({ code: 'CORRUPT' });
    expect((failure as MediaFailure).reason).toMatch(/damaged or incomplete/);
  });

  it('calls a FLAC whose audio frames are garbled CORRUPT (header fine, nothing decodes)', async () => {
    expect(await classify(garble(flac, fixtures.file('garbled.flac'), 200))).toMatchObject({
      code: 'CORRUPT',
    });
  });

  it('calls a truncated FLAC (a few percent of the file) CORRUPT', async () => {
    const { readFileSync } = await import('node:fs');
    const bytes = readFileSync(flac);
    const truncated = fixtures.file('truncated.flac');
    writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.2)));
    expect(await classify(truncated)).toMatchObject({ code: 'CORRUPT' });
  });

  it('calls a zero-byte upload EMPTY', async () => {
    const empty = fixtures.file('empty.mp3');
    writeFileSync(empty, Buffer.alloc(0));
    expect(await classify(empty)).toMatchObject({
      code: 'EMPTY',
      reason: 'This file is empty. Please upload the song again.',
    });
  });

  it('calls a song over MAX_DURATION_SECONDS TOO_LONG, naming the limit', async () => {
    const failure = await classify(mp3, 3);
    expect(failure).toMatchObject({ code: 'TOO_LONG' });
    expect((failure as MediaFailure).reason).toBe(
      'This song is longer than the 3 seconds we accept. Please upload a shorter file.',
    );
    const hour = await probeAudio(tools, mp3, { maxDurationSeconds: 3600 });
    expect(hour.durationSeconds).toBeLessThan(3600);
  });
});

describe('looksLikeAudioContainer', () => {
  it.each([
    ['ID3', Buffer.from('ID3\u0003\u0000\u0000\u0000\u0000\u0000\u0000')],
    ['MPEG frame sync', Buffer.from([0xff, 0xfb, 0x90, 0x00, 0, 0, 0, 0])],
    ['FLAC', Buffer.from('fLaC\u0000\u0000\u0000\u0022')],
    ['WAVE', Buffer.from('RIFF\u0000\u0000\u0000\u0000WAVEfmt ')],
    ['Ogg', Buffer.from('OggS\u0000\u0002\u0000\u0000')],
    ['MP4', Buffer.from('\u0000\u0000\u0000\u0020ftypM4A ')],
  ])('recognises %s', (_name, head) => {
    expect(looksLikeAudioContainer(head)).toBe(true);
  });

  it.each([
    ['text', Buffer.from('These are my lyrics')],
    ['PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])],
    ['PDF', Buffer.from('%PDF-1.7\n')],
    ['too short', Buffer.from('ID')],
  ])('rejects %s', (_name, head) => {
    expect(looksLikeAudioContainer(head)).toBe(false);
  });
});
