import type { Logger, ObjectFinalizedEvent } from '@groovy/common';
import { JobAbortedError } from '../media/media-failure';

export type EnqueueResult = 'queued' | 'duplicate' | 'full' | 'stopping';

export interface JobQueueOptions {
  concurrency: number;
  /** Jobs waiting (not running) beyond which `enqueue` answers `full`. */
  maxQueued: number;
  run: (event: ObjectFinalizedEvent, signal: AbortSignal) => Promise<unknown>;
  logger: Logger;
}

interface Running {
  event: ObjectFinalizedEvent;
  controller: AbortController;
  done: Promise<void>;
}

/**
 * A small in-process queue: at most `concurrency` jobs at once, FIFO, the same key waiting twice
 * is queued once (Pub/Sub delivers at least once). `stop` stops taking jobs, drops the waiting
 * ones, lets running ones finish for `graceMs`, then aborts them (their songs stay retryable).
 */
export class UploadJobQueue {
  private readonly waiting: ObjectFinalizedEvent[] = [];
  private readonly running = new Set<Running>();
  private readonly idleWaiters: Array<() => void> = [];
  private stopping = false;
  completed = 0;

  constructor(private readonly options: JobQueueOptions) {}

  get size(): { waiting: number; running: number } {
    return { waiting: this.waiting.length, running: this.running.size };
  }

  enqueue(event: ObjectFinalizedEvent): EnqueueResult {
    if (this.stopping) return 'stopping';
    if (this.waiting.some((queued) => queued.key === event.key)) return 'duplicate';
    if (this.waiting.length >= this.options.maxQueued) return 'full';
    this.waiting.push(event);
    this.pump();
    return 'queued';
  }

  /** Resolves when nothing is waiting or running. */
  idle(): Promise<void> {
    if (this.waiting.length === 0 && this.running.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    while (
      !this.stopping &&
      this.running.size < this.options.concurrency &&
      this.waiting.length > 0
    ) {
      const event = this.waiting.shift() as ObjectFinalizedEvent;
      const controller = new AbortController();
      const entry: Running = { event, controller, done: Promise.resolve() };
      entry.done = this.options
        .run(event, controller.signal)
        .then(
          () => undefined,
          (error: unknown) => {
            if (error instanceof JobAbortedError)
              this.options.logger.warn(
                { key: event.key },
                'job abandoned at shutdown; the upload can be re-sent',
              );
            else this.options.logger.error({ err: error, key: event.key }, 'job crashed');
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
    for (const event of dropped)
      this.options.logger.warn(
        { key: event.key },
        'queued job dropped at shutdown; the upload can be re-sent',
      );
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
