import { EnvironmentError, parseEnvironment } from '@groovy/common/config';
import {
  defaultConcurrency,
  DEV_WORKER_WEBHOOK_SECRET,
  pushAuthModeOf,
  workerEnvironmentSchema,
} from '../environment';
import { processesPerJob } from '../start-hls-worker';

describe('hls-worker environment', () => {
  it('works with nothing set', () => {
    const env = parseEnvironment(workerEnvironmentSchema, {});
    expect(env).toMatchObject({
      PORT: 4020,
      SONGS_WEBHOOK_URL: 'http://127.0.0.1:4002/webhooks/hls-worker',
      WORKER_WEBHOOK_SECRET: DEV_WORKER_WEBHOOK_SECRET,
      HLS_BITRATES_KBPS: [64, 128, 256],
      HLS_SEGMENT_SECONDS: 6,
      MAX_DURATION_SECONDS: 3600,
      WAVEFORM_POINTS: 1000,
    });
  });

  it('names every bad variable at once', () => {
    let error: unknown;
    try {
      parseEnvironment(workerEnvironmentSchema, {
        NODE_ENV: 'production',
        HLS_BITRATES_KBPS: '64,lots',
        WORKER_CONCURRENCY: '0',
        SONGS_WEBHOOK_URL: 'not a url',
        HLS_AAC_CODER: 'best',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(EnvironmentError);
    const problems = (error as EnvironmentError).problems.join('\n');
    for (const variable of [
      'HLS_BITRATES_KBPS',
      'WORKER_CONCURRENCY',
      'SONGS_WEBHOOK_URL',
      'HLS_AAC_CODER',
    ])
      expect(problems).toContain(variable);
  });

  it('refuses the dev webhook secret in production', () => {
    expect(() =>
      parseEnvironment(workerEnvironmentSchema, {
        NODE_ENV: 'production',
        STORAGE_SIGNING_SECRET: 'x'.repeat(32),
      }),
    ).toThrow(/WORKER_WEBHOOK_SECRET/);
  });

  it('authenticates pushes with OIDC in production: the audience and service account are required', () => {
    const production = {
      NODE_ENV: 'production',
      STORAGE_SIGNING_SECRET: 'x'.repeat(32),
      WORKER_WEBHOOK_SECRET: 'w'.repeat(32),
    };
    expect(() => parseEnvironment(workerEnvironmentSchema, production)).toThrow(
      /PUBSUB_PUSH_AUDIENCE[\s\S]*PUBSUB_PUSH_SERVICE_ACCOUNT/,
    );
    const oidc = parseEnvironment(workerEnvironmentSchema, {
      ...production,
      PUBSUB_PUSH_AUDIENCE: 'https://worker.example/pubsub/object-finalized',
      PUBSUB_PUSH_SERVICE_ACCOUNT: 'push@project.iam.gserviceaccount.com',
    });
    expect(pushAuthModeOf(oidc)).toBe('oidc');
    // A shared token instead (an emulator cannot sign tokens) only with a token of its own.
    expect(() =>
      parseEnvironment(workerEnvironmentSchema, { ...production, PUBSUB_PUSH_AUTH: 'token' }),
    ).toThrow(/PUBSUB_PUSH_TOKEN/);
    const token = parseEnvironment(workerEnvironmentSchema, {
      ...production,
      PUBSUB_PUSH_AUTH: 'token',
      PUBSUB_PUSH_TOKEN: 't'.repeat(32),
    });
    expect(pushAuthModeOf(token)).toBe('token');
    expect(pushAuthModeOf(parseEnvironment(workerEnvironmentSchema, {}))).toBe('token');
  });

  it('gives one job per two cores and each job the cores it has', () => {
    expect(defaultConcurrency(2)).toBe(1);
    expect(defaultConcurrency(8)).toBe(4);
    expect(processesPerJob({ WORKER_CONCURRENCY: 1, FFMPEG_PROCESSES_PER_JOB: undefined }, 2)).toBe(
      2,
    );
    expect(processesPerJob({ WORKER_CONCURRENCY: 4, FFMPEG_PROCESSES_PER_JOB: undefined }, 2)).toBe(
      1,
    );
    expect(processesPerJob({ WORKER_CONCURRENCY: 1, FFMPEG_PROCESSES_PER_JOB: 1 }, 8)).toBe(1);
  });
});
