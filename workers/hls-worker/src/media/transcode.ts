import { mkdir, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseEbur128Summary, type LoudnessMeasurement } from './loudness';
import {
  AAC_LC_CODEC,
  measureBandwidth,
  readMediaPlaylist,
  renderMasterPlaylist,
} from './master-playlist';
import { FAILURE_REASONS, MediaFailure } from './media-failure';
import type { MediaTools } from './media-tools';
import type { ProbedAudio } from './probe';
import { runTool } from './run-tool';
import { WaveformReducer } from './waveform';

export interface TranscodeOptions {
  /** The ladder, e.g. [64, 128, 256]. */
  bitratesKbps: readonly number[];
  /** `-hls_time`. */
  segmentSeconds: number;
  /** ffmpeg's native AAC encoder search: `twoloop` (better, ~2× slower) or `fast`. */
  aacCoder: 'twoloop' | 'fast';
  /** ffmpeg processes this job may run side by side (each decodes the input once). */
  processes: number;
  waveformPoints: number;
  maxDurationSeconds: number;
  signal?: AbortSignal | undefined;
}

export interface TranscodedRendition {
  bitrateKbps: number;
  /** Folder name, and the key segment under `hls/<songId>/`: `128k`. */
  name: string;
  codec: string;
  /** Files in the rendition folder, relative to it: `playlist.m3u8`, `init.mp4`, `segment-000.m4s`… */
  files: string[];
  peakBandwidth: number;
  averageBandwidth: number;
  segmentCount: number;
  targetDurationSeconds: number;
}

export interface TranscodeResult {
  outputDir: string;
  /** `master.m3u8`, relative to outputDir. */
  masterFile: string;
  renditions: TranscodedRendition[];
  loudness: LoudnessMeasurement;
  waveform: number[];
  /** Decoded audio, to the sample. */
  durationMs: number;
  /** The embedded cover art, relative to outputDir (`cover.jpg` / `cover.png`), or null. */
  cover: { file: string; contentType: string } | null;
  /** Lines ffmpeg logged about damaged input it skipped over. */
  decodeErrors: number;
  /** Milliseconds per part, for logs and the benchmark. */
  timings: { transcodeMs: number; coverMs: number; ffmpegCpuSeconds: number[] };
}

const AAC_SAMPLE_RATES = [8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000];
const DECODE_ERROR_LINE =
  /error while decoding|invalid data found|header missing|corrupt|invalid sync|overread|decode_frame\(\) failed|invalid frame/i;

/** `-benchmark`'s `bench: utime=1.234s stime=0.056s …`: CPU seconds of one ffmpeg run (0 when absent). */
export function cpuSeconds(stderr: string): number {
  const match = /bench: utime=([\d.]+)s stime=([\d.]+)s/.exec(stderr);
  return match ? Number(match[1]) + Number(match[2]) : 0;
}

/** AAC keeps the input rate when it is a standard one; anything above 48 kHz goes to 48 kHz. */
export function outputSampleRate(inputRate: number): number {
  if (AAC_SAMPLE_RATES.includes(inputRate)) return inputRate;
  return inputRate > 48_000 ? 48_000 : 44_100;
}

type Task = { kind: 'analysis' } | { kind: 'rendition'; bitrateKbps: number };

/**
 * Relative CPU cost of a task, measured with `ffmpeg -benchmark` on 3 minutes of 44.1 kHz stereo
 * (native AAC encoder, `fast`): 64k 2.0 s, 128k 2.4 s, 256k 2.85 s; ebur128 with true peak plus
 * the PCM pipe 1.8 s.
 */
function taskCost(task: Task): number {
  return task.kind === 'analysis' ? 1.8 : 1.75 + task.bitrateKbps * 0.0043;
}

/**
 * Spreads the work over `processes` ffmpeg runs, longest task first onto the least loaded process:
 * the analysis branch (loudness + waveform PCM) is one task, each rendition another. With one
 * process it is a single ffmpeg pass: decode once, `asplit` to every encoder and the analysis.
 */
export function planProcesses(bitratesKbps: readonly number[], processes: number): Task[][] {
  const tasks: Task[] = [
    { kind: 'analysis' },
    ...bitratesKbps.map((bitrateKbps) => ({ kind: 'rendition' as const, bitrateKbps })),
  ];
  const count = Math.max(1, Math.min(processes, tasks.length));
  const plan = Array.from({ length: count }, () => ({ tasks: [] as Task[], cost: 0 }));
  for (const task of [...tasks].sort((a, b) => taskCost(b) - taskCost(a))) {
    const lightest = plan.reduce((best, candidate) =>
      candidate.cost < best.cost ? candidate : best,
    );
    lightest.tasks.push(task);
    lightest.cost += taskCost(task);
  }
  return plan.map((entry) => entry.tasks);
}

function renditionName(bitrateKbps: number): string {
  return `${bitrateKbps}k`;
}

function buildArgs(
  input: string,
  probed: ProbedAudio,
  tasks: Task[],
  outputDir: string,
  options: TranscodeOptions,
): string[] {
  const { audio } = probed;
  const prep: string[] = [];
  const rate = outputSampleRate(audio.sampleRate);
  if (rate !== audio.sampleRate) prep.push(`aresample=${rate}`);
  if (audio.channels > 2) prep.push('aformat=channel_layouts=stereo');
  const outputs = tasks.flatMap((task) =>
    task.kind === 'analysis' ? ['loudness', 'waveform'] : [renditionName(task.bitrateKbps)],
  );
  const labels = outputs.map((name) => `[o_${name}]`);
  let graph = `[0:${audio.streamIndex}]${prep.length > 0 ? prep.join(',') : 'anull'}`;
  graph += labels.length > 1 ? `,asplit=outputs=${labels.length}${labels.join('')}` : labels[0];
  if (outputs.includes('loudness')) {
    const dualMono = audio.channels === 1 ? ':dualmono=true' : '';
    graph += `;[o_loudness]ebur128=peak=true:framelog=verbose${dualMono},anullsink`;
    graph += ';[o_waveform]aformat=sample_fmts=s16[waveform]';
  }
  const args = ['-hide_banner', '-nostdin', '-nostats', '-benchmark', '-loglevel', 'info', '-y'];
  if (probed.durationSeconds === null) args.push('-t', String(options.maxDurationSeconds + 1));
  args.push('-i', input, '-filter_complex', graph);
  for (const task of tasks) {
    if (task.kind === 'analysis') {
      // Native byte order: the reducer reads it through an Int16Array.
      args.push('-map', '[waveform]', '-f', os.endianness() === 'LE' ? 's16le' : 's16be', 'pipe:1');
      continue;
    }
    const name = renditionName(task.bitrateKbps);
    const dir = path.join(outputDir, name);
    args.push(
      '-map',
      `[o_${name}]`,
      '-c:a',
      'aac',
      '-aac_coder',
      options.aacCoder,
      '-b:a',
      `${task.bitrateKbps}k`,
      '-fflags',
      '+bitexact',
      '-flags:a',
      '+bitexact',
      '-f',
      'hls',
      '-hls_time',
      String(options.segmentSeconds),
      '-hls_playlist_type',
      'vod',
      '-hls_segment_type',
      'fmp4',
      '-hls_fmp4_init_filename',
      'init.mp4',
      '-hls_flags',
      'independent_segments',
      '-hls_segment_filename',
      path.join(dir, 'segment-%03d.m4s'),
      path.join(dir, 'playlist.m3u8'),
    );
  }
  return args;
}

async function extractCover(
  tools: MediaTools,
  input: string,
  probed: ProbedAudio,
  outputDir: string,
  signal: AbortSignal | undefined,
): Promise<TranscodeResult['cover']> {
  if (!probed.cover) return null;
  const copy = probed.cover.codec === 'mjpeg' || probed.cover.codec === 'png';
  const file = probed.cover.codec === 'png' ? 'cover.png' : 'cover.jpg';
  const codecArgs = copy
    ? ['-c:v', 'copy']
    : ['-c:v', 'mjpeg', '-q:v', '2', '-pix_fmt', 'yuvj420p'];
  const result = await runTool(
    tools.ffmpeg,
    [
      '-hide_banner',
      '-nostdin',
      '-loglevel',
      'error',
      '-y',
      '-i',
      input,
      '-map',
      `0:${probed.cover.streamIndex}`,
      ...codecArgs,
      '-frames:v',
      '1',
      '-f',
      'image2',
      '-update',
      '1',
      path.join(outputDir, file),
    ],
    { signal, stderrTailBytes: 2048 },
  );
  if (result.exitCode !== 0) return null; // a broken picture must not fail the song
  return { file, contentType: file.endsWith('.png') ? 'image/png' : 'image/jpeg' };
}

/**
 * The transcode: the AAC HLS ladder (fMP4 segments), integrated loudness and true peak, waveform
 * peaks and the decoded duration from the same decode, cover art alongside. Writes everything
 * under `outputDir` (`master.m3u8`, `<N>k/…`, `cover.jpg`). Throws MediaFailure for bad input.
 */
export async function transcodeToHls(
  tools: MediaTools,
  input: string,
  probed: ProbedAudio,
  outputDir: string,
  options: TranscodeOptions,
): Promise<TranscodeResult> {
  const started = performance.now();
  for (const bitrate of options.bitratesKbps)
    await mkdir(path.join(outputDir, renditionName(bitrate)), { recursive: true });
  const sampleRate = outputSampleRate(probed.audio.sampleRate);
  const channels = Math.min(2, probed.audio.channels);
  const expectedFrames =
    probed.durationSeconds === null ? null : Math.round(probed.durationSeconds * sampleRate);
  const reducer = new WaveformReducer(channels, options.waveformPoints, expectedFrames, sampleRate);
  let decodeErrors = 0;
  const countErrors = (line: string) => {
    if (DECODE_ERROR_LINE.test(line)) decodeErrors += 1;
  };

  const coverStarted = performance.now();
  const coverRun = extractCover(tools, input, probed, outputDir, options.signal).then((cover) => ({
    cover,
    coverMs: performance.now() - coverStarted,
  }));
  const plan = planProcesses(options.bitratesKbps, options.processes);
  const runs = plan.map((tasks) => {
    const analysis = tasks.some((task) => task.kind === 'analysis');
    return runTool(tools.ffmpeg, buildArgs(input, probed, tasks, outputDir, options), {
      signal: options.signal,
      onStderrLine: countErrors,
      ...(analysis ? { onStdout: (chunk: Buffer) => reducer.push(chunk) } : {}),
    }).then((result) => ({ ...result, analysis }));
  });
  // Wait for every process (and the cover) to end before judging any: a failure must not leave
  // another ffmpeg writing into a temp dir that is about to be removed, nor a rejection unhandled.
  const settled = await Promise.allSettled([coverRun, ...runs]);
  const rejected = settled.find((outcome) => outcome.status === 'rejected');
  if (rejected) throw rejected.reason;
  const { cover, coverMs } = await coverRun;
  const results = await Promise.all(runs);
  const transcodeMs = performance.now() - started;

  const frames = reducer.frameCount;
  const failed = results.find((result) => result.exitCode !== 0);
  if (frames === 0) {
    if (probed.durationSeconds === null && !failed && decodeErrors === 0) {
      throw new MediaFailure('EMPTY', FAILURE_REASONS.EMPTY, 'no audio samples');
    }
    throw new MediaFailure(
      'CORRUPT',
      FAILURE_REASONS.CORRUPT,
      `no audio decoded; ${decodeErrors} decode errors`,
    );
  }
  if (failed) {
    const tail = failed.stderrTail.trim().split('\n').slice(-5).join(' | ');
    if (decodeErrors > 0)
      throw new MediaFailure(
        'CORRUPT',
        FAILURE_REASONS.CORRUPT,
        `ffmpeg exit ${failed.exitCode}: ${tail}`,
      );
    throw new Error(`ffmpeg exited with ${failed.exitCode}: ${tail}`);
  }
  const decodedSeconds = frames / sampleRate;
  if (decodedSeconds > options.maxDurationSeconds) {
    throw new MediaFailure(
      'TOO_LONG',
      FAILURE_REASONS.TOO_LONG(options.maxDurationSeconds),
      `decoded ${decodedSeconds.toFixed(1)} s`,
    );
  }
  if (probed.durationSeconds !== null && decodedSeconds < probed.durationSeconds * 0.5) {
    throw new MediaFailure(
      'CORRUPT',
      FAILURE_REASONS.CORRUPT,
      `decoded ${decodedSeconds.toFixed(2)} s of a declared ${probed.durationSeconds.toFixed(2)} s; ${decodeErrors} decode errors`,
    );
  }
  const analysisRun = results.find((result) => result.analysis);
  const loudness = analysisRun ? parseEbur128Summary(analysisRun.stderrTail) : null;
  if (!loudness) throw new Error('ffmpeg ebur128 printed no loudness summary');

  const renditions: TranscodedRendition[] = [];
  for (const bitrateKbps of options.bitratesKbps) {
    const name = renditionName(bitrateKbps);
    const dir = path.join(outputDir, name);
    const playlist = await readMediaPlaylist(path.join(dir, 'playlist.m3u8'));
    const bandwidth = measureBandwidth(playlist);
    const files = (await readdir(dir)).sort();
    renditions.push({
      bitrateKbps,
      name,
      codec: AAC_LC_CODEC,
      files,
      peakBandwidth: bandwidth.peak,
      averageBandwidth: bandwidth.average,
      segmentCount: playlist.segments.length,
      targetDurationSeconds: playlist.targetDurationSeconds,
    });
  }
  const masterFile = 'master.m3u8';
  await writeFile(
    path.join(outputDir, masterFile),
    renderMasterPlaylist(
      renditions.map((rendition) => ({
        uri: `${rendition.name}/playlist.m3u8`,
        peakBandwidth: rendition.peakBandwidth,
        averageBandwidth: rendition.averageBandwidth,
        codecs: rendition.codec,
      })),
    ),
  );
  return {
    outputDir,
    masterFile,
    renditions,
    loudness,
    waveform: reducer.finish(),
    durationMs: Math.round((frames / sampleRate) * 1000),
    cover,
    decodeErrors,
    timings: {
      transcodeMs,
      coverMs,
      ffmpegCpuSeconds: results.map((result) => cpuSeconds(result.stderrTail)),
    },
  };
}
