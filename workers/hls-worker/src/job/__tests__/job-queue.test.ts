import { createLogger } from '@groovy/common/logging';
import type { ObjectFinalizedEvent } from '@groovy/common/storage';
import { JobAbortedError } from '../../media/media-failure';
import { UploadJobQueue } from '../job-queue';

const logger = createLogger({ service: 'hls-worker-test', level: 'silent' });
const event = (key: string, generation?: string): ObjectFinalizedEvent => ({
  bucket: 'b',
  key,
  size: 1,
  contentType: 'audio/mpeg',
  finalizedAt: new Date(),
  ...(generation ? { generation } : {}),
});

/** A job that runs until released or aborted. */
function controllableRun() {
  const started: string[] = [];
  const release = new Map<string, () => void>();
  const run = (job: ObjectFinalizedEvent, signal: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      started.push(job.key);
      release.set(job.key, resolve);
      signal.addEventListener('abort', () => reject(new JobAbortedError()), { once: true });
    });
  return { started, release, run };
}

describe('UploadJobQueue', () => {
  it('runs at most `concurrency` jobs, FIFO, and queues the same waiting key once', async () => {
    const jobs = controllableRun();
    const queue = new UploadJobQueue({ concurrency: 2, maxQueued: 10, run: jobs.run, logger });
    expect(['a', 'b', 'c', 'c', 'd'].map((key) => queue.enqueue(event(key)))).toEqual([
      'queued',
      'queued',
      'queued',
      'duplicate',
      'queued',
    ]);
    expect(jobs.started).toEqual(['a', 'b']);
    jobs.release.get('a')?.();
    await new Promise((resolve) => setImmediate(resolve));
    expect(jobs.started).toEqual(['a', 'b', 'c']);
    const idle = queue.idle();
    for (const key of ['b', 'c']) jobs.release.get(key)?.();
    await new Promise((resolve) => setImmediate(resolve));
    jobs.release.get('d')?.();
    await idle;
    expect(jobs.started).toEqual(['a', 'b', 'c', 'd']);
    expect(queue.size).toEqual({ waiting: 0, running: 0 });
  });

  it('stop: refuses new jobs, drops waiting ones, lets running ones finish within the grace period', async () => {
    const jobs = controllableRun();
    const queue = new UploadJobQueue({ concurrency: 1, maxQueued: 10, run: jobs.run, logger });
    queue.enqueue(event('running'));
    queue.enqueue(event('waiting'));
    const stopped = queue.stop(10_000);
    expect(queue.enqueue(event('late'))).toBe('stopping');
    jobs.release.get('running')?.();
    expect(await stopped).toEqual({ abandonedWaiting: 1, abortedRunning: 0 });
    expect(jobs.started).toEqual(['running']);
  });

  it('stop: aborts running jobs after the grace period', async () => {
    const jobs = controllableRun();
    const queue = new UploadJobQueue({ concurrency: 1, maxQueued: 10, run: jobs.run, logger });
    queue.enqueue(event('stuck'));
    expect(await queue.stop(20)).toEqual({ abandonedWaiting: 0, abortedRunning: 1 });
    expect(queue.size.running).toBe(0);
  });

  it('submit: resolves with the result once the job is over; a key already running is joined, not run again', async () => {
    const jobs = controllableRun();
    const queue = new UploadJobQueue({ concurrency: 2, maxQueued: 10, run: jobs.run, logger });
    let firstDone = false;
    const first = queue.submit(event('k')).then(() => {
      firstDone = true;
    });
    const duplicate = queue.submit(event('k'));
    expect(jobs.started).toEqual(['k']);
    await new Promise((resolve) => setImmediate(resolve));
    expect(firstDone).toBe(false);
    jobs.release.get('k')?.();
    await Promise.all([first, duplicate]);
    expect(jobs.started).toEqual(['k']);
  });

  it('submit: another generation of a running or waiting key is queued behind it, never given its result', async () => {
    const runs: Array<{
      key: string;
      generation: string | undefined;
      release: (v: string) => void;
    }> = [];
    const queue = new UploadJobQueue<string>({
      concurrency: 2,
      maxQueued: 10,
      logger,
      run: (job) =>
        new Promise<string>((resolve) =>
          runs.push({ key: job.key, generation: job.generation, release: resolve }),
        ),
    });
    const first = queue.submit(event('k', '1'));
    const second = queue.submit(event('k', '2'));
    const secondAgain = queue.submit(event('k', '2'));
    expect(runs.map((run) => run.generation)).toEqual(['1']);
    runs[0]!.release('result of 1');
    expect(await first).toBe('result of 1');
    await new Promise((resolve) => setImmediate(resolve));
    expect(runs.map((run) => run.generation)).toEqual(['1', '2']);
    runs[1]!.release('result of 2');
    expect(await second).toBe('result of 2');
    expect(await secondAgain).toBe('result of 2');
  });

  it('tells the job whether its callers can ask again: submit yes, a push (even joined) no', async () => {
    const contexts: Array<[string, boolean]> = [];
    const queue = new UploadJobQueue({
      concurrency: 1,
      maxQueued: 10,
      logger,
      run: async (job, _signal, context) => {
        contexts.push([job.key, context.retriable]);
      },
    });
    const blocker = queue.submit(event('first'));
    const submitted = queue.submit(event('bus'));
    queue.enqueue(event('push'));
    const joined = queue.submit(event('push'));
    await Promise.all([blocker, submitted, joined]);
    expect(contexts).toEqual([
      ['first', true],
      ['bus', true],
      ['push', false],
    ]);
  });

  it('never runs one key twice at once: a push for a running key waits for that run to end', async () => {
    const jobs = controllableRun();
    const queue = new UploadJobQueue({ concurrency: 3, maxQueued: 10, run: jobs.run, logger });
    const submitted = queue.submit(event('same'));
    expect(queue.enqueue(event('same'))).toBe('queued');
    expect(queue.enqueue(event('other'))).toBe('queued');
    expect(jobs.started).toEqual(['same', 'other']);
    jobs.release.get('same')?.();
    await submitted;
    await new Promise((resolve) => setImmediate(resolve));
    expect(jobs.started).toEqual(['same', 'other', 'same']);
    jobs.release.get('same')?.();
    jobs.release.get('other')?.();
    await queue.idle();
  });

  it('submit: rejects when the job crashes, is dropped or aborted at shutdown, or the queue is stopping', async () => {
    const crashing = new UploadJobQueue({
      concurrency: 1,
      maxQueued: 10,
      run: async () => {
        throw new Error('ffmpeg vanished');
      },
      logger,
    });
    await expect(crashing.submit(event('c'))).rejects.toThrow('ffmpeg vanished');

    const jobs = controllableRun();
    const queue = new UploadJobQueue({ concurrency: 1, maxQueued: 10, run: jobs.run, logger });
    const running = queue.submit(event('running'));
    const waiting = queue.submit(event('waiting'));
    const stopped = queue.stop(20);
    await expect(waiting).rejects.toBeInstanceOf(JobAbortedError);
    await expect(running).rejects.toBeInstanceOf(JobAbortedError);
    expect(await stopped).toEqual({ abandonedWaiting: 1, abortedRunning: 1 });
    await expect(queue.submit(event('late'))).rejects.toBeInstanceOf(JobAbortedError);
  });
});
