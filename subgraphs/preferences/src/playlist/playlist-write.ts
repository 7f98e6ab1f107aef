import { setTimeout as delay } from 'node:timers/promises';
import {
  ConcurrentWriteError,
  writeWithEvents,
  type WriteOutcome,
  type WriteWithEventsOptions,
} from '@groovy/common/events';

/** Rounds of `writeWithEvents` (each up to its own attempts) before a write gives up. */
const ROUNDS = 12;

/**
 * `writeWithEvents` for a playlist that many people may change at once (a collaborative one, a
 * burst of moves): when every attempt of a round lost its compare-and-set, wait a short random
 * while (so the writers spread out instead of colliding again in lock step) and go again.
 */
export async function writePlaylistWithEvents<TRecord, TReason = never>(
  options: WriteWithEventsOptions<TRecord, TReason>,
): Promise<WriteOutcome<TRecord, TReason>> {
  for (let round = 0; round < ROUNDS; round++) {
    // Only the first round may start from the document the caller read: later ones read afresh.
    const { current, ...rest } = options;
    const written = await writeWithEvents(
      round === 0 && current
        ? { ...rest, current, onConflict: 'return' }
        : { ...rest, onConflict: 'return' },
    );
    if (written.outcome !== 'conflict') return written;
    await delay(Math.random() * 5 * (round + 1));
  }
  if (options.onConflict === 'return') return { outcome: 'conflict' };
  throw new ConcurrentWriteError(options.subject);
}
