/**
 * After the bytes are in storage the song moves PENDING_UPLOAD → PROCESSING → READY / FAILED. The
 * page polls `song(id) { status failureReason }`; this decides what to do after each answer.
 */

export type SongStatus = 'PENDING_UPLOAD' | 'PROCESSING' | 'READY' | 'FAILED';

export interface PollState {
  /** Polls answered so far (successful or not). */
  attempt: number;
  /** ms since polling started. */
  elapsedMs: number;
  /** Failed polls in a row (network errors, 5xx). */
  consecutiveErrors: number;
}

export type PollDecision =
  | { action: 'done'; status: 'READY' }
  | { action: 'done'; status: 'FAILED'; reason: string }
  | { action: 'poll'; delayMs: number }
  | { action: 'give-up'; why: 'timeout' | 'errors' | 'not-found' };

/** Processing a long song takes a while; after this we stop and say "check back later". */
export const POLL_TIMEOUT_MS = 15 * 60 * 1000;
export const MAX_CONSECUTIVE_ERRORS = 6;
export const DEFAULT_FAILURE_REASON =
  'We could not process this file. Check that it plays on your computer, then try again.';

/** 1 s for the first few answers (short songs are quick), then slower, up to 5 s. */
export function pollDelayMs(attempt: number, consecutiveErrors = 0): number {
  const base = attempt < 5 ? 1000 : attempt < 15 ? 2000 : 5000;
  return consecutiveErrors > 0 ? Math.min(15_000, base * 2 ** consecutiveErrors) : base;
}

export function decideNextPoll(
  answer:
    | { kind: 'song'; status: SongStatus; failureReason?: string | null }
    | { kind: 'missing' }
    | { kind: 'error' },
  state: PollState,
): PollDecision {
  if (answer.kind === 'song' && answer.status === 'READY')
    return { action: 'done', status: 'READY' };
  if (answer.kind === 'song' && answer.status === 'FAILED')
    return {
      action: 'done',
      status: 'FAILED',
      reason: answer.failureReason?.trim() || DEFAULT_FAILURE_REASON,
    };
  if (answer.kind === 'missing') return { action: 'give-up', why: 'not-found' };
  const errors = answer.kind === 'error' ? state.consecutiveErrors + 1 : 0;
  if (errors >= MAX_CONSECUTIVE_ERRORS) return { action: 'give-up', why: 'errors' };
  if (state.elapsedMs >= POLL_TIMEOUT_MS) return { action: 'give-up', why: 'timeout' };
  return { action: 'poll', delayMs: pollDelayMs(state.attempt, errors) };
}
