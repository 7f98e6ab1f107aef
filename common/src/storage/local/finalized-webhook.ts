import type { Logger } from 'pino';
import { toObjectFinalizedPush } from '../finalized-push';
import type { ObjectFinalizedEvent } from '../storage';

export interface WebhookRetryOptions {
  /** Attempts in all, the first included (default 6). */
  attempts?: number;
  /** Wait before the first retry; doubles each time (default 250 ms). */
  baseDelayMs?: number;
  /** Longest wait between two attempts (default 10 s). */
  maxDelayMs?: number;
  /** Longest one attempt may take (default 10 s). */
  timeoutMs?: number;
}

/**
 * Delivers OBJECT_FINALIZE notifications to a URL in the Pub/Sub push format, retrying with
 * exponential backoff on anything but a 2xx (as a push subscription does). At-least-once.
 */
export class FinalizedWebhook {
  private readonly pending = new Set<Promise<void>>();
  private readonly abort = new AbortController();
  private readonly attempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly timeoutMs: number;

  constructor(
    private readonly url: string,
    private readonly logger: Logger,
    retry: WebhookRetryOptions = {},
  ) {
    this.attempts = Math.max(1, retry.attempts ?? 6);
    this.baseDelayMs = retry.baseDelayMs ?? 250;
    this.maxDelayMs = retry.maxDelayMs ?? 10_000;
    this.timeoutMs = retry.timeoutMs ?? 10_000;
  }

  /** Starts delivering in the background. */
  send(event: ObjectFinalizedEvent): void {
    const delivery = this.deliver(event).finally(() => this.pending.delete(delivery));
    this.pending.add(delivery);
  }

  /** Resolves when every delivery started so far has succeeded or given up. */
  async flush(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  /** Stops retrying; deliveries still pending are given up (and logged). */
  async close(): Promise<void> {
    this.abort.abort();
    await this.flush();
  }

  private async deliver(event: ObjectFinalizedEvent): Promise<void> {
    const body = JSON.stringify(toObjectFinalizedPush(event));
    let lastProblem = '';
    for (let attempt = 1; attempt <= this.attempts; attempt += 1) {
      if (this.abort.signal.aborted) break;
      try {
        const response = await fetch(this.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
          signal: AbortSignal.any([this.abort.signal, AbortSignal.timeout(this.timeoutMs)]),
        });
        await response.arrayBuffer().catch(() => undefined);
        if (response.ok) {
          this.logger.debug({ key: event.key, attempt }, 'object-finalised notification delivered');
          return;
        }
        lastProblem = `HTTP ${response.status}`;
      } catch (error) {
        lastProblem = error instanceof Error ? error.message : String(error);
      }
      if (attempt < this.attempts) {
        const delay = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (attempt - 1));
        this.logger.warn(
          { key: event.key, attempt, problem: lastProblem, retryInMs: delay },
          'object-finalised notification failed; retrying',
        );
        await this.wait(delay);
      }
    }
    this.logger.error(
      { key: event.key, url: this.url, attempts: this.attempts, problem: lastProblem },
      'object-finalised notification not delivered; giving up',
    );
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.abort.signal.aborted) return resolve();
      const timer = setTimeout(done, ms);
      const signal = this.abort.signal;
      function done() {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      }
      signal.addEventListener('abort', done);
    });
  }
}
