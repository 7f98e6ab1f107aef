import { isAutoplayRefusal, needsGesture } from '../autoplay';

describe('isAutoplayRefusal', () => {
  it('recognises a play() refused for want of a user gesture, by its name', () => {
    expect(
      isAutoplayRefusal(
        new DOMException("play() failed because the user didn't interact", 'NotAllowedError'),
      ),
    ).toBe(true);
    // From another realm or wrapped: not a DOMException of this window, still a refusal.
    expect(isAutoplayRefusal({ name: 'NotAllowedError', message: 'blocked' })).toBe(true);
    const wrapped = new Error('blocked');
    wrapped.name = 'NotAllowedError';
    expect(isAutoplayRefusal(wrapped)).toBe(true);
  });

  it('does not take other play() failures for a refusal (nothing to tap for them)', () => {
    expect(isAutoplayRefusal(new DOMException('interrupted by a new load', 'AbortError'))).toBe(
      false,
    );
    expect(isAutoplayRefusal(new DOMException('no supported sources', 'NotSupportedError'))).toBe(
      false,
    );
    expect(isAutoplayRefusal(new Error('NotAllowedError'))).toBe(false);
    expect(isAutoplayRefusal('NotAllowedError')).toBe(false);
    expect(isAutoplayRefusal(null)).toBe(false);
    expect(isAutoplayRefusal(undefined)).toBe(false);
  });
});

describe('needsGesture', () => {
  it('asks for a tap while the element is paused (play() refused or not started)', () => {
    expect(needsGesture({ paused: true, outputSuspended: false })).toBe(true);
    expect(needsGesture({ paused: true, outputSuspended: true })).toBe(true);
  });

  it('asks for a tap when play() went through into a suspended Web Audio output (silent, stalled)', () => {
    expect(needsGesture({ paused: false, outputSuspended: true })).toBe(true);
  });

  it('does not once the element plays into a running output (or one without Web Audio)', () => {
    expect(needsGesture({ paused: false, outputSuspended: false })).toBe(false);
  });
});
