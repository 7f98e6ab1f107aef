import type { Collection } from 'mongodb';
import type { Logger } from 'pino';
import { parseEvent, InvalidEventError } from '../event-catalogue';
import type { EventEnvelope } from '../event-envelope';
import type { SubscribeOptions } from '../event-bus';
import type { StoredEvent } from './event-log';

export interface DeadLetter {
  _id: string;
  consumer: string;
  event: unknown;
  error: string;
  attempts: number;
  failedAt: Date;
}

export type DeliveryOutcome = 'handled' | 'dead-lettered' | 'abandoned';

export interface DeliveryDependencies {
  deadLetters: Collection<DeadLetter>;
  logger: Logger;
  /** First retry delay of a failing handler; doubles per attempt (ms). */
  retryDelayMs: number;
  /** Whether the subscription is stopping (a failure then is left for redelivery). */
  stopping(): boolean;
}

/**
 * Hands one event to a consumer's handler: an invalid event is dead-lettered at once; a failing
 * handler is retried with backoff and dead-lettered after `maxAttempts`. A failure while the
 * subscription is stopping is neither retried nor dead-lettered: the event stays unacknowledged and
 * is delivered again after a restart.
 */
export class EventDelivery {
  constructor(
    private readonly options: SubscribeOptions,
    private readonly deps: DeliveryDependencies,
  ) {}

  async deliver(stored: StoredEvent): Promise<DeliveryOutcome> {
    if (this.deps.stopping()) return 'abandoned'; // waited behind its aggregate until the stop
    let event: EventEnvelope;
    try {
      event = parseEvent(stored.envelope);
    } catch (error) {
      await this.deadLetter(stored, error, 0);
      return 'dead-lettered';
    }
    const maxAttempts = this.options.maxAttempts ?? 5;
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.options.handler(event);
        return 'handled';
      } catch (error) {
        if (
          error instanceof InvalidEventError ||
          (attempt >= maxAttempts && !this.deps.stopping())
        ) {
          await this.deadLetter(stored, error, attempt);
          return 'dead-lettered';
        }
        if (this.deps.stopping()) {
          this.deps.logger.warn(
            { err: error, eventId: event.id, attempt },
            'event handler failed while stopping; left for redelivery',
          );
          return 'abandoned';
        }
        this.deps.logger.warn(
          { err: error, eventId: event.id, attempt },
          'event handler failed; retrying',
        );
        await new Promise((resolve) =>
          setTimeout(resolve, this.deps.retryDelayMs * 2 ** (attempt - 1)),
        );
        if (this.deps.stopping()) return 'abandoned';
      }
    }
  }

  private async deadLetter(stored: StoredEvent, error: unknown, attempts: number): Promise<void> {
    this.deps.logger.error(
      { err: error, eventId: stored._id, type: stored.envelope?.type, attempts },
      this.options.live ? 'live event dropped' : 'event dead-lettered',
    );
    // A live subscriber (one per instance) keeps nothing: every instance would file the same letter.
    if (this.options.live) return;
    await this.deps.deadLetters.updateOne(
      { _id: `${this.options.consumer}:${stored._id}` },
      {
        $set: {
          consumer: this.options.consumer,
          event: stored.envelope,
          error: error instanceof Error ? error.message : String(error),
          attempts,
          failedAt: new Date(),
        },
      },
      { upsert: true },
    );
  }
}
