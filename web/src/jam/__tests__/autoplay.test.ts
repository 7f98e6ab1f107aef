import { isAutoplayRefusal } from '../autoplay';

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
