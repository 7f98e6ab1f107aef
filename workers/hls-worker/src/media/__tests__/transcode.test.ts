import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  decodedSeconds,
  ffprobeJson,
  fixtureDir,
  makeMp3WithCover,
  makeSilence,
  makeTone,
  tools,
} from '../../__tests__/fixtures/audio-fixtures';
import { JobAbortedError } from '../media-failure';
import { probeAudio } from '../probe';
import { transcodeToHls, type TranscodeOptions, type TranscodeResult } from '../transcode';

const fixtures = fixtureDir();
const outputs: string[] = [];
afterAll(async () => {
  fixtures.cleanup();
  await Promise.all(outputs.map((dir) => rm(dir, { recursive: true, force: true })));
});

const OPTIONS: Omit<TranscodeOptions, 'processes'> = {
  bitratesKbps: [64, 128, 256],
  segmentSeconds: 6,
  aacCoder: 'fast',
  waveformPoints: 1000,
  maxDurationSeconds: 3600,
};

async function transcode(
  input: string,
  processes = 2,
  overrides: Partial<TranscodeOptions> = {},
): Promise<TranscodeResult> {
  const outputDir = await mkdtemp(path.join(os.tmpdir(), 'hls-worker-out-'));
  outputs.push(outputDir);
  const probed = await probeAudio(tools, input, { maxDurationSeconds: 3600 });
  return transcodeToHls(tools, input, probed, outputDir, { ...OPTIONS, processes, ...overrides });
}

/** One AAC frame at 44.1 kHz, the resolution "right within a frame" is held to. */
const FRAME_MS = (1024 / 44_100) * 1000;

describe('the HLS ladder (stereo 15 s tone + noise, FLAC in)', () => {
  let result: TranscodeResult;
  beforeAll(async () => {
    const input = await makeTone(fixtures.file('ladder.flac'), {
      seconds: 15,
      channels: 2,
      peakDbfs: -12,
      noise: 0.3,
    });
    result = await transcode(input, 2);
  });

  it('has one rendition per bitrate, each a VOD playlist with ~6 s segments covering the duration', () => {
    expect(result.renditions.map((rendition) => rendition.bitrateKbps)).toEqual([64, 128, 256]);
    for (const rendition of result.renditions) {
      const playlist = readFileSync(
        path.join(result.outputDir, rendition.name, 'playlist.m3u8'),
        'utf8',
      );
      expect(playlist).toMatch(/^#EXT-X-TARGETDURATION:6$/m);
      expect(playlist).toMatch(/^#EXT-X-PLAYLIST-TYPE:VOD$/m);
      expect(playlist).toMatch(/^#EXT-X-ENDLIST$/m);
      expect(playlist).toMatch(/^#EXT-X-MAP:URI="init.mp4"$/m);
      const durations = [...playlist.matchAll(/^#EXTINF:([\d.]+),/gm)].map((match) =>
        Number(match[1]),
      );
      expect(durations).toHaveLength(Math.ceil(15 / 6));
      for (const duration of durations.slice(0, -1)) expect(duration).toBeCloseTo(6, 0);
      expect(durations.reduce((sum, value) => sum + value, 0)).toBeCloseTo(15, 1);
      const segments = [...playlist.matchAll(/^(segment-\d{3}\.m4s)$/gm)].map(
        (match) => match[1] as string,
      );
      for (const segment of segments)
        expect(existsSync(path.join(result.outputDir, rendition.name, segment))).toBe(true);
    }
  });

  it('writes a master playlist with BANDWIDTH, AVERAGE-BANDWIDTH and CODECS per rendition, pointing at existing playlists', () => {
    const master = readFileSync(path.join(result.outputDir, 'master.m3u8'), 'utf8');
    const entries = [...master.matchAll(/^#EXT-X-STREAM-INF:(.+)\n(.+)$/gm)];
    expect(entries).toHaveLength(3);
    entries.forEach((entry, index) => {
      const attributes = entry[1] as string;
      const uri = entry[2] as string;
      const nominal = OPTIONS.bitratesKbps[index] as number;
      expect(attributes).toContain('CODECS="mp4a.40.2"');
      const bandwidth = Number(/(?:^|,)BANDWIDTH=(\d+)/.exec(attributes)?.[1]);
      const average = Number(/AVERAGE-BANDWIDTH=(\d+)/.exec(attributes)?.[1]);
      expect(bandwidth).toBeGreaterThanOrEqual(average);
      expect(average).toBeGreaterThan(nominal * 1000 * 0.8);
      expect(average).toBeLessThan(nominal * 1000 * 1.25);
      expect(uri).toBe(`${nominal}k/playlist.m3u8`);
      expect(existsSync(path.join(result.outputDir, uri))).toBe(true);
    });
  });

  it('segments decode as AAC-LC at roughly the nominal bitrate', async () => {
    for (const rendition of result.renditions) {
      const playlist = path.join(result.outputDir, rendition.name, 'playlist.m3u8');
      const probed = await ffprobeJson(playlist);
      const audio = probed.streams.find((stream) => stream.codec_type === 'audio');
      expect(audio?.codec_name).toBe('aac');
      expect(audio?.profile).toBe('LC');
      expect(audio?.channels).toBe(2);
      const seconds = await decodedSeconds(playlist);
      expect(seconds).toBeCloseTo(15, 1);
      const segmentBytes = rendition.files
        .filter((file) => file.endsWith('.m4s'))
        .reduce(
          (sum, file) =>
            sum + readFileSync(path.join(result.outputDir, rendition.name, file)).length,
          0,
        );
      const kbps = (segmentBytes * 8) / 15 / 1000;
      expect(kbps).toBeGreaterThan(rendition.bitrateKbps * 0.8);
      expect(kbps).toBeLessThan(rendition.bitrateKbps * 1.25);
    }
  });

  it('measures the duration to within one frame, and ~1,000 waveform peaks in 0..1', () => {
    expect(Math.abs(result.durationMs - 15_000)).toBeLessThanOrEqual(FRAME_MS);
    expect(result.waveform).toHaveLength(1000);
    for (const value of result.waveform) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(1);
    }
    // tone peak 0.25 + noise up to 0.3: every bucket peaks well above silence, below full scale
    expect(Math.min(...result.waveform)).toBeGreaterThan(0.25);
    expect(Math.max(...result.waveform)).toBeLessThan(0.6);
    expect(result.cover).toBeNull();
  });
});

describe('loudness (EBU R128 integrated, true peak)', () => {
  // A sine of peak amplitude A has mean square A²/2, i.e. A(dBFS) − 3.01 dB; BS.1770's K-weighting
  // is +0.69 dB at 1 kHz, cancelled by its −0.691 offset. One channel: A − 3.01 LUFS; two equal
  // channels add +3.01 dB: A LUFS. So a stereo 1 kHz sine peaking at −23 dBFS measures −23 LUFS,
  // and its true peak is −23 dBTP. Mono is measured as dual mono (played on two speakers): also −23.
  it('measures a −23 dBFS stereo 1 kHz sine at −23 LUFS and −23 dBTP (single ffmpeg pass)', async () => {
    const input = await makeTone(fixtures.file('minus23-stereo.wav'), {
      seconds: 5,
      channels: 2,
      peakDbfs: -23,
    });
    const result = await transcode(input, 1);
    expect(Math.abs(result.loudness.integratedLufs - -23)).toBeLessThanOrEqual(0.5);
    expect(Math.abs((result.loudness.truePeakDbtp ?? 0) - -23)).toBeLessThanOrEqual(0.5);
  });

  it('measures a mono −23 dBFS sine (dual mono) at −23 LUFS, and a louder one louder', async () => {
    const quiet = await makeTone(fixtures.file('minus23-mono.flac'), {
      seconds: 5,
      channels: 1,
      peakDbfs: -23,
    });
    const loud = await makeTone(fixtures.file('minus9-mono.mp3'), {
      seconds: 5,
      channels: 1,
      peakDbfs: -9,
    });
    const [quietResult, loudResult] = [await transcode(quiet, 2), await transcode(loud, 2)];
    expect(Math.abs(quietResult.loudness.integratedLufs - -23)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(loudResult.loudness.integratedLufs - -9)).toBeLessThanOrEqual(0.7);
    expect(quietResult.renditions[0]?.files).toContain('init.mp4');
  });

  it('reports silence at the −70 LUFS floor with no true peak, and an all-zero waveform', async () => {
    const input = await makeSilence(fixtures.file('silence.wav'), 4);
    const result = await transcode(input, 2);
    expect(result.loudness.integratedLufs).toBe(-70);
    expect(result.loudness.truePeakDbtp).toBeNull();
    expect(result.waveform.length).toBeGreaterThanOrEqual(990);
    expect(Math.max(...result.waveform)).toBeLessThan(0.001);
    expect(Math.abs(result.durationMs - 4000)).toBeLessThanOrEqual(FRAME_MS);
  });
});

describe('waveform', () => {
  it('gives a full-scale sine peaks near 1 across the whole song', async () => {
    const input = await makeTone(fixtures.file('full-scale.wav'), {
      seconds: 3,
      channels: 2,
      peakDbfs: -0.05,
      frequency: 440,
    });
    const result = await transcode(input, 2);
    expect(result.waveform).toHaveLength(1000);
    expect(Math.min(...result.waveform)).toBeGreaterThan(0.95);
    expect(Math.max(...result.waveform)).toBeLessThanOrEqual(1);
  });
});

describe('inputs', () => {
  it('extracts embedded cover art from an MP3 as JPEG', async () => {
    const input = await makeMp3WithCover(fixtures.file('with-cover.mp3'), 3);
    const result = await transcode(input, 2);
    expect(result.cover).toEqual({ file: 'cover.jpg', contentType: 'image/jpeg' });
    const picture = await ffprobeJson(path.join(result.outputDir, 'cover.jpg'));
    expect(picture.streams[0]).toMatchObject({ codec_name: 'mjpeg', width: 64, height: 48 });
    expect(result.renditions).toHaveLength(3);
  });

  it.each([
    ['m4a', 'stereo AAC', { channels: 2 as const, sampleRate: 44_100 }],
    ['ogg', 'stereo Opus (48 kHz)', { channels: 2 as const, sampleRate: 48_000 }],
    ['wav', 'mono 22.05 kHz PCM', { channels: 1 as const, sampleRate: 22_050 }],
    ['flac', '96 kHz FLAC (resampled to 48 kHz)', { channels: 2 as const, sampleRate: 96_000 }],
  ])(
    'transcodes %s (%s) with the right duration and channel count',
    async (extension, _label, tone) => {
      const input = await makeTone(fixtures.file(`input-${tone.sampleRate}.${extension}`), {
        seconds: 2.5,
        ...tone,
      });
      const result = await transcode(input, 2, { bitratesKbps: [64] });
      // lossy inputs carry their own encoder priming; allow two frames
      expect(Math.abs(result.durationMs - 2500)).toBeLessThanOrEqual(2 * FRAME_MS + 1);
      const probed = await ffprobeJson(path.join(result.outputDir, '64k', 'playlist.m3u8'));
      const audio = probed.streams.find((stream) => stream.codec_type === 'audio');
      expect(audio?.codec_name).toBe('aac');
      expect(audio?.channels).toBe(tone.channels);
      expect(Number(audio?.sample_rate)).toBe(Math.min(48_000, tone.sampleRate));
    },
  );
});

describe('abort', () => {
  it('rejects with JobAbortedError and kills every ffmpeg run, the cover extraction included', async () => {
    const input = await makeMp3WithCover(fixtures.file('abort.mp3'), 2);
    const probed = await probeAudio(tools, input, { maxDurationSeconds: 3600 });
    expect(probed.cover).not.toBeNull();
    const outputDir = await mkdtemp(path.join(os.tmpdir(), 'hls-worker-out-'));
    outputs.push(outputDir);
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const controller = new AbortController();
      controller.abort();
      await expect(
        transcodeToHls(tools, input, probed, outputDir, {
          ...OPTIONS,
          processes: 2,
          signal: controller.signal,
        }),
      ).rejects.toBeInstanceOf(JobAbortedError);
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
      expect(existsSync(path.join(outputDir, 'master.m3u8'))).toBe(false);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
