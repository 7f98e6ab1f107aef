import { parseEbur128Summary } from '../loudness';
import { measureBandwidth, renderMasterPlaylist } from '../master-playlist';
import { outputSampleRate, planProcesses } from '../transcode';
import { WaveformReducer } from '../waveform';

function pcm(samples: number[]): Buffer {
  const buffer = Buffer.alloc(samples.length * 2);
  samples.forEach((sample, index) => buffer.writeInt16LE(sample, index * 2));
  return buffer;
}

describe('WaveformReducer', () => {
  it('folds any chunking of stereo PCM into exactly N peaks of the louder channel, in 0..1', () => {
    const frames = 10_000;
    const samples: number[] = [];
    for (let frame = 0; frame < frames; frame += 1) {
      const ramp = Math.round((frame / frames) * 32_767);
      samples.push(frame % 2 === 0 ? ramp : 0, frame % 2 === 0 ? 0 : -ramp);
    }
    const bytes = pcm(samples);
    const reducer = new WaveformReducer(2, 100, frames, 44_100);
    for (let offset = 0; offset < bytes.length; offset += 333)
      reducer.push(bytes.subarray(offset, offset + 333)); // odd chunks split samples
    const peaks = reducer.finish();
    expect(reducer.frameCount).toBe(frames);
    expect(peaks).toHaveLength(100);
    for (let i = 1; i < peaks.length; i += 1)
      expect(peaks[i]).toBeGreaterThanOrEqual(peaks[i - 1] as number);
    expect(peaks[99]).toBeCloseTo(1, 3);
    expect(peaks[0]).toBeLessThan(0.02);
  });

  it('copes with a wrong length estimate and with fewer frames than points', () => {
    const long = new WaveformReducer(1, 1000, 1000, 44_100); // told 1,000 frames, gets 50,000
    long.push(pcm(Array.from({ length: 50_000 }, () => -32_768)));
    const peaks = long.finish();
    expect(peaks).toHaveLength(1000);
    expect(new Set(peaks)).toEqual(new Set([1]));
    const short = new WaveformReducer(1, 1000, null, 8000);
    short.push(pcm([100, 200, 300]));
    expect(short.finish()).toHaveLength(1);
  });
});

describe('parseEbur128Summary', () => {
  const summary = (integrated: string, peak: string) =>
    `[Parsed_ebur128_0 @ 0x1] Summary:\n\n  Integrated loudness:\n    I:         ${integrated} LUFS\n    Threshold: -33.0 LUFS\n\n  Loudness range:\n    LRA:         0.0 LU\n\n  True peak:\n    Peak:      ${peak} dBFS\n`;

  it('reads integrated loudness and true peak', () => {
    expect(parseEbur128Summary(`noise\n${summary('-23.0', '-22.9')}`)).toEqual({
      integratedLufs: -23,
      truePeakDbtp: -22.9,
    });
  });

  it('maps silence to the −70 floor and a −inf peak to null', () => {
    expect(parseEbur128Summary(summary('-70.0', '-inf'))).toEqual({
      integratedLufs: -70,
      truePeakDbtp: null,
    });
    expect(parseEbur128Summary(summary('-inf', '-inf'))).toEqual({
      integratedLufs: -70,
      truePeakDbtp: null,
    });
  });

  it('returns null without a summary', () => {
    expect(parseEbur128Summary('size=N/A time=00:00:01.00')).toBeNull();
  });
});

describe('master playlist', () => {
  it('takes BANDWIDTH from the busiest 0.5–1.5×target run of segments, AVERAGE-BANDWIDTH from all', () => {
    const segment = (bytes: number, durationSeconds = 6) => ({ uri: 'x', bytes, durationSeconds });
    const bandwidth = measureBandwidth({
      targetDurationSeconds: 6,
      initUri: 'init.mp4',
      initBytes: 700,
      segments: [segment(96_000), segment(120_000), segment(48_000, 3)],
    });
    expect(bandwidth.peak).toBe(160_000); // 120,000 B × 8 / 6 s
    expect(bandwidth.average).toBe(Math.ceil((264_000 * 8) / 15));
  });

  it('renders one EXT-X-STREAM-INF per rendition', () => {
    const text = renderMasterPlaylist([
      {
        uri: '64k/playlist.m3u8',
        peakBandwidth: 70_000,
        averageBandwidth: 66_000,
        codecs: 'mp4a.40.2',
      },
      {
        uri: '128k/playlist.m3u8',
        peakBandwidth: 135_000,
        averageBandwidth: 130_000,
        codecs: 'mp4a.40.2',
      },
    ]);
    expect(text).toContain(
      '#EXT-X-STREAM-INF:BANDWIDTH=70000,AVERAGE-BANDWIDTH=66000,CODECS="mp4a.40.2"\n64k/playlist.m3u8\n',
    );
    expect(text.startsWith('#EXTM3U\n')).toBe(true);
  });
});

describe('transcode planning', () => {
  it('balances the analysis branch and the renditions over the processes, heaviest first', () => {
    expect(planProcesses([64, 128, 256], 1)).toHaveLength(1);
    expect(planProcesses([64, 128, 256], 1)[0]).toHaveLength(4);
    const two = planProcesses([64, 128, 256], 2);
    expect(
      two.map((tasks) =>
        tasks.map((task) => (task.kind === 'analysis' ? 'analysis' : task.bitrateKbps)),
      ),
    ).toEqual([
      [256, 'analysis'],
      [128, 64],
    ]);
    expect(planProcesses([64, 128, 256], 8)).toHaveLength(4);
  });

  it('keeps standard sample rates and brings high ones to 48 kHz', () => {
    expect(outputSampleRate(44_100)).toBe(44_100);
    expect(outputSampleRate(22_050)).toBe(22_050);
    expect(outputSampleRate(96_000)).toBe(48_000);
    expect(outputSampleRate(37_800)).toBe(44_100);
  });
});
