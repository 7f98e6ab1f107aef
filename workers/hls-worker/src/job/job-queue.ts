import type { Logger } from '@groovy/common/logging';
import type { ObjectFinalizedEvent } from '@groovy/common/storage';
import { JobAbortedError } from '../media/media-failure';

export type EnqueueResult = 'queued' | 'duplicate' | 'full' | 'stopping';

export interface JobQueueOptions<TResult> {
  concurrency: number;
  /** Jobs waiting (not running) beyond which `enqueue` answers `full`. */
  maxQueued: number;
  run: (event: ObjectFinalizedEvent, signal: AbortSignal, context: JobContext) => Promise<TResult>;
  logger: Logger;
}

/** How a job was asked for. */
export interface JobContext {
  /**
   * True when every caller waits for the result and can ask again (`submit`: the event bus redelivers
   * an event whose handler threw), false when a push already acknowledged it (`enqueue`). A job that
   * can be asked for again may give up early (e.g. songs did not get PROCESSING) instead of running.
   */
  retriable: boolean;
}

interface Waiter<TResult> {
  resolve(result: TResult): void;
  reject(error: unknown): void;
}

interface Waiting<TResult> {
  event: ObjectFinalizedEvent;
  /** Callers of `submit` waiting for this job's end (none for `enqueue`). */
  waiters: Waiter<TResult>[];
  /** Queued by `enqueue` (a push, acknowledged already), possibly joined by `submit` callers since. */
  pushed: boolean;
}

interface Running<TResult> {
  event: ObjectFinalizedEvent;
  controller: AbortController;
  /** Settles with the job (never rejects: the queue logs failures). */
  done: Promise<void>;
  waiters: Waiter<TResult>[];
}

/**
 * A small in-process queue: at most `concurrency` jobs at once, FIFO, and never two jobs of one key
 * at the same time (a key that is running waits for that run to end before it starts again).
 * Two ways in:
 *  - `enqueue` (the Pub/Sub push endpoint): fire and forget, bounded by `maxQueued`; the same key
 *    waiting twice is queued once.
 *  - `submit` (the event-bus subscription): resolves with the job's result when it is over, rejects
 *    when it crashed or was aborted, so the caller acknowledges only finished work. A job already
 *    waiting or running for the same key *and generation* is not run again: the caller joins it and
 *    gets its result. Another generation of the key is queued behind it (it never takes an older
 *    file's result).
 * `stop` stops taking jobs, drops the waiting ones, lets running ones finish for `graceMs`, then
 * aborts them (their songs stay retryable).
 */
export class UploadJobQueue<TResult = unknown> {
  private readonly waiting: Waiting<TResult>[] = [];
  private readonly running = new Set<Running<TResult>>();
  private readonly idleWaiters: Array<() => void> = [];
  private stopping = false;
  completed = 0;

  constructor(private readonly options: JobQueueOptions<TResult>) {}

  get size(): { waiting: number; running: number } {
    return { waiting: this.waiting.length, running: this.running.size };
  }

  enqueue(event: ObjectFinalizedEvent): EnqueueResult {
    if (this.stopping) return 'stopping';
    const waiting = this.waiting.find((queued) => queued.event.key === event.key);
    if (waiting) {
      // The job reads the key when it starts, so it processes this newer write too.
      waiting.pushed = true;
      return 'duplicate';
    }
    if (this.waiting.length >= this.options.maxQueued) return 'full';
    this.waiting.push({ event, waiters: [], pushed: true });
    this.pump();
    return 'queued';
  }

  /**
   * Runs the job for `event` (or joins the one already running or waiting for the same key and
   * generation; another generation waits behind it) and resolves with its result once it is over. Not bounded by `maxQueued`: the caller bounds itself
   * (the subscription hands out at most WORKER_CONCURRENCY events at once).
   */
  submit(event: ObjectFinalizedEvent): Promise<TResult> {
    if (this.stopping) return Promise.reject(new JobAbortedError('the worker is stopping'));
    return new Promise<TResult>((resolve, reject) => {
      const waiter = { resolve, reject };
      const same = (other: ObjectFinalizedEvent) =>
        other.key === event.key && (other.generation ?? null) === (event.generation ?? null);
      const running = [...this.running].find((entry) => same(entry.event));
      if (running) {
        this.options.logger.info(
          { key: event.key },
          'this upload is already being processed; waiting for that job',
        );
        running.waiters.push(waiter);
        return;
      }
      const waiting = this.waiting.find((entry) => same(entry.event));
      if (waiting) {
        waiting.waiters.push(waiter);
        return;
      }
      this.waiting.push({ event, waiters: [waiter], pushed: false });
      this.pump();
    });
  }

  /** Resolves when nothing is waiting or running. */
  idle(): Promise<void> {
    if (this.waiting.length === 0 && this.running.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private isRunning(key: string): boolean {
    for (const entry of this.running) if (entry.event.key === key) return true;
    return false;
  }

  private pump(): void {
    while (!this.stopping && this.running.size < this.options.concurrency) {
      const index = this.waiting.findIndex((entry) => !this.isRunning(entry.event.key));
      if (index < 0) return;
      const [{ event, waiters, pushed }] = this.waiting.splice(index, 1) as [Waiting<TResult>];
      const controller = new AbortController();
      const entry: Running<TResult> = { event, controller, done: Promise.resolve(), waiters };
      entry.done = this.options
        .run(event, controller.signal, { retriable: !pushed })
        .then(
          (result) => {
            for (const waiter of entry.waiters) waiter.resolve(result);
          },
          (error: unknown) => {
            if (error instanceof JobAbortedError)
              this.options.logger.warn(
                { key: event.key },
                'job abandoned at shutdown; the upload can be re-sent',
              );
            else this.options.logger.error({ err: error, key: event.key }, 'job crashed');
            for (const waiter of entry.waiters) waiter.reject(error);
          },
        )
        .finally(() => {
          this.running.delete(entry);
          this.completed += 1;
          this.pump();
          if (this.waiting.length === 0 && this.running.size === 0) {
            for (const resolve of this.idleWaiters.splice(0)) resolve();
          }
        });
      this.running.add(entry);
    }
  }

  async stop(graceMs: number): Promise<{ abandonedWaiting: number; abortedRunning: number }> {
    this.stopping = true;
    const dropped = this.waiting.splice(0);
    for (const { event, waiters } of dropped) {
      this.options.logger.warn(
        { key: event.key },
        'queued job dropped at shutdown; the upload can be re-sent',
      );
      for (const waiter of waiters) waiter.reject(new JobAbortedError('the worker is stopping'));
    }
    const running = [...this.running];
    let abortedRunning = 0;
    if (running.length > 0) {
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), graceMs);
      });
      const finished = await Promise.race([
        Promise.all(running.map((entry) => entry.done)).then(() => 'done' as const),
        timedOut,
      ]);
      clearTimeout(timer);
      if (finished === 'timeout') {
        for (const entry of this.running) {
          entry.controller.abort();
          abortedRunning += 1;
        }
        await Promise.all(running.map((entry) => entry.done));
      }
    }
    for (const resolve of this.idleWaiters.splice(0)) resolve();
    return { abandonedWaiting: dropped.length, abortedRunning };
  }
}
