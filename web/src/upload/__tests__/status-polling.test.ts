import {
  decideNextPoll,
  DEFAULT_FAILURE_REASON,
  MAX_CONSECUTIVE_ERRORS,
  POLL_TIMEOUT_MS,
  pollDelayMs,
} from '../status-polling';

const fresh = { attempt: 0, elapsedMs: 0, consecutiveErrors: 0 };

describe('decideNextPoll', () => {
  it('stops on READY', () => {
    expect(decideNextPoll({ kind: 'song', status: 'READY' }, fresh)).toEqual({
      action: 'done',
      status: 'READY',
    });
  });
  it('stops on FAILED with the server reason, or a readable default', () => {
    expect(
      decideNextPoll({ kind: 'song', status: 'FAILED', failureReason: 'Not an audio file' }, fresh),
    ).toEqual({ action: 'done', status: 'FAILED', reason: 'Not an audio file' });
    expect(decideNextPoll({ kind: 'song', status: 'FAILED', failureReason: ' ' }, fresh)).toEqual({
      action: 'done',
      status: 'FAILED',
      reason: DEFAULT_FAILURE_REASON,
    });
  });
  it('keeps polling while PENDING_UPLOAD or PROCESSING, quickly at first then slower', () => {
    expect(decideNextPoll({ kind: 'song', status: 'PENDING_UPLOAD' }, fresh)).toEqual({
      action: 'poll',
      delayMs: 1000,
    });
    expect(
      decideNextPoll({ kind: 'song', status: 'PROCESSING' }, { ...fresh, attempt: 20 }),
    ).toEqual({ action: 'poll', delayMs: 5000 });
  });
  it('backs off on errors and gives up after too many in a row', () => {
    expect(decideNextPoll({ kind: 'error' }, fresh)).toEqual({ action: 'poll', delayMs: 2000 });
    expect(
      decideNextPoll(
        { kind: 'error' },
        { ...fresh, consecutiveErrors: MAX_CONSECUTIVE_ERRORS - 1 },
      ),
    ).toEqual({ action: 'give-up', why: 'errors' });
    // A good answer resets the error streak.
    expect(
      decideNextPoll({ kind: 'song', status: 'PROCESSING' }, { ...fresh, consecutiveErrors: 5 }),
    ).toEqual({ action: 'poll', delayMs: 1000 });
  });
  it('gives up after the timeout, and at once when the song is gone', () => {
    expect(
      decideNextPoll(
        { kind: 'song', status: 'PROCESSING' },
        { ...fresh, elapsedMs: POLL_TIMEOUT_MS },
      ),
    ).toEqual({ action: 'give-up', why: 'timeout' });
    expect(decideNextPoll({ kind: 'missing' }, fresh)).toEqual({
      action: 'give-up',
      why: 'not-found',
    });
  });
});

describe('pollDelayMs', () => {
  it('caps the error back-off at 15 s', () => {
    expect(pollDelayMs(0, 0)).toBe(1000);
    expect(pollDelayMs(10, 0)).toBe(2000);
    expect(pollDelayMs(0, 3)).toBe(8000);
    expect(pollDelayMs(30, 5)).toBe(15_000);
  });
});
