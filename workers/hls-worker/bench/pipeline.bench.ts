/**
 * The whole job on a 3-minute stereo 44.1 kHz FLAC: webhook PROCESSING → download → probe →
 * transcode (ladder + loudness + waveform + cover) → upload to local-disk storage → webhook READY
 * to a local receiver. Three runs; prints the median as one JSON line per figure.
 *
 *   npm run bench                      # the configured defaults (HLS_AAC_CODER, processes per job…)
 *   npm run bench -- --variants        # also 1 vs 2 ffmpeg processes and fast vs twoloop
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseEnvironment } from '@groovy/common/config';
import { createLogger } from '@groovy/common/logging';
import { LocalDiskStorage } from '@groovy/common/storage';
import { workerEnvironmentSchema } from '../src/environment';
import { processUpload, type JobTimings, type UploadJobDeps } from '../src/job/upload-job';
import { resolveMediaTools } from '../src/media/media-tools';
import { uploadJobDeps } from '../src/start-hls-worker';

const TRACK_SECONDS = 180;
const RUNS = 3;
const GOAL_REALTIME = 30;

function emit(figure: string, value: number, extra: Record<string, unknown> = {}): void {
  process.stdout.write(
    `${JSON.stringify({ bench: 'hls-worker', figure, ...extra, value: Math.round(value * 1000) / 1000 })}\n`,
  );
}

/** CPU seconds (user + system) of this process's finished children: every ffmpeg/ffprobe run. */
function childCpuSeconds(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]?.split(' ') ?? [];
  // after "pid (comm) ": state is field 3, so cutime (16) and cstime (17) are at 13 and 14
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

async function main(): Promise<void> {
  const env = parseEnvironment(workerEnvironmentSchema, { ...process.env, LOG_LEVEL: 'silent' });
  const tools = resolveMediaTools({
    ffmpegPath: env.FFMPEG_PATH,
    ffprobePath: env.FFPROBE_PATH,
    searchPath: env.PATH,
  });
  const work = await mkdtemp(path.join(os.tmpdir(), 'hls-worker-bench-'));
  const logger = createLogger({ service: 'hls-worker-bench', level: 'silent' });
  const receiver = http.createServer((req, res) => {
    req.resume();
    req.on('end', () =>
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"applied":true}'),
    );
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  try {
    // Two detuned tones and pink noise, left and right differ: a busy 3-minute stereo master.
    const track = path.join(work, 'track.flac');
    execFileSync(tools.ffmpeg, [
      '-hide_banner',
      '-loglevel',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      `sine=f=220:sample_rate=44100:d=${TRACK_SECONDS}`,
      '-f',
      'lavfi',
      '-i',
      `sine=f=331:sample_rate=44100:d=${TRACK_SECONDS}`,
      '-f',
      'lavfi',
      '-i',
      `anoisesrc=d=${TRACK_SECONDS}:c=pink:r=44100:a=0.2`,
      '-filter_complex',
      '[2]asplit[n1][n2];[0][n1]amix=inputs=2[l];[1][n2]amix=inputs=2[r];[l][r]join=inputs=2:channel_layout=stereo',
      '-c:a',
      'flac',
      track,
    ]);
    const storage = new LocalDiskStorage({
      rootDir: path.join(work, 'storage'),
      publicUrl: 'http://127.0.0.1:4010',
      signingSecret: 'bench-storage-signing-secret-0123456789',
      logger,
    });
    const key = 'uploads/bench-song/track.flac';
    await storage.put(key, readFileSync(track), { contentType: 'audio/flac' });
    const webhookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/hls-worker`;
    const baseDeps = uploadJobDeps(
      { ...env, SONGS_WEBHOOK_URL: webhookUrl, WORKER_TEMP_DIR: work },
      storage,
      tools,
      logger,
    );

    const variants: Array<{ name: string; deps: UploadJobDeps }> = [
      { name: 'default', deps: baseDeps },
    ];
    if (process.argv.includes('--variants')) {
      for (const processes of [1, 2]) {
        for (const aacCoder of ['fast', 'twoloop'] as const) {
          variants.push({
            name: `processes=${processes},coder=${aacCoder}`,
            deps: { ...baseDeps, transcode: { ...baseDeps.transcode, processes, aacCoder } },
          });
        }
      }
    }
    const event = {
      bucket: 'local',
      key,
      size: readFileSync(track).length,
      contentType: 'audio/flac',
      finalizedAt: new Date(),
    };
    for (const { name, deps } of variants) {
      const runs: JobTimings[] = [];
      const cpuSeconds: number[] = [];
      const criticalCpuSeconds: number[] = [];
      for (let run = 0; run < RUNS; run += 1) {
        const cpuBefore = childCpuSeconds();
        const outcome = await processUpload(event, deps);
        cpuSeconds.push(childCpuSeconds() - cpuBefore);
        if (outcome.status === 'ready')
          criticalCpuSeconds.push(Math.max(...outcome.ffmpegCpuSeconds));
        if (outcome.status !== 'ready' || !outcome.delivered)
          throw new Error(`bench job did not reach READY: ${JSON.stringify(outcome)}`);
        runs.push(outcome.timings);
      }
      const config = {
        variant: name,
        processes: deps.transcode.processes,
        aacCoder: deps.transcode.aacCoder,
        ladderKbps: deps.transcode.bitratesKbps,
        runs: RUNS,
        cores: os.availableParallelism(),
      };
      const wallMs = median(runs.map((timing) => timing.totalMs));
      emit('wall_ms', wallMs, config);
      emit('realtime_multiple', (TRACK_SECONDS * 1000) / wallMs, {
        ...config,
        goal: GOAL_REALTIME,
      });
      // Independent of other load on the machine: what the job costs, and the multiple it would reach
      // with every core to itself.
      const cpu = median(cpuSeconds);
      emit('ffmpeg_cpu_seconds', cpu, config);
      // The busiest ffmpeg process sets the pace when each has a core of its own.
      const critical = median(criticalCpuSeconds);
      emit('busiest_ffmpeg_cpu_seconds', critical, config);
      const otherMs = median(runs.map((timing) => timing.totalMs - timing.transcodeMs));
      emit(
        'realtime_multiple_idle_cores_estimate',
        TRACK_SECONDS / (critical + otherMs / 1000),
        config,
      );
      emit('load_average_1m', os.loadavg()[0] ?? 0, config);
      const steps: Array<[string, keyof JobTimings]> = [
        ['webhook_processing', 'webhookProcessingMs'],
        ['download', 'downloadMs'],
        ['probe', 'probeMs'],
        ['transcode_loudness_waveform', 'transcodeMs'],
        ['upload', 'uploadMs'],
        ['webhook_ready', 'webhookResultMs'],
      ];
      for (const [step, field] of steps) {
        const ms = median(runs.map((timing) => timing[field]));
        emit(`${step}_ms`, ms, config);
        emit(`${step}_share`, ms / wallMs, config);
      }
    }
  } finally {
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
