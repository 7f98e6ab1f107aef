import {
  bodyLength,
  bodyProblem,
  counterText,
  isSendShortcut,
  NO_PIN,
  pinOnCompose,
} from '../comment-composer';

describe('the body rules', () => {
  it('counts characters after trimming, an emoji as one', () => {
    expect(bodyLength('  hi  ')).toBe(2);
    expect(bodyLength('🎧🎧')).toBe(2);
    expect(bodyProblem('   \n ')).toBe('empty');
    expect(bodyProblem('x'.repeat(2000))).toBeNull();
    expect(bodyProblem(`  ${'x'.repeat(2000)}  `)).toBeNull();
    expect(bodyProblem('x'.repeat(2001))).toBe('too-long');
  });

  it('shows the live counter and says what is left or too much', () => {
    expect(counterText('hello')).toEqual({ visible: '5 / 2,000', spoken: '1,995 characters left' });
    expect(counterText('x'.repeat(1999)).spoken).toBe('1 character left');
    expect(counterText('x'.repeat(2003))).toEqual({
      visible: '2,003 / 2,000',
      spoken: '3 characters too many',
    });
  });
});

describe('isSendShortcut', () => {
  const key = (
    init: Partial<{ key: string; ctrlKey: boolean; metaKey: boolean; isComposing: boolean }>,
  ) => ({
    key: 'Enter',
    ctrlKey: false,
    metaKey: false,
    ...init,
  });
  it('is Ctrl-Enter or ⌘-Enter, never plain Enter or while an IME composes', () => {
    expect(isSendShortcut(key({ ctrlKey: true }))).toBe(true);
    expect(isSendShortcut(key({ metaKey: true }))).toBe(true);
    expect(isSendShortcut(key({}))).toBe(false);
    expect(isSendShortcut(key({ key: 'a', ctrlKey: true }))).toBe(false);
    expect(isSendShortcut(key({ ctrlKey: true, isComposing: true }))).toBe(false);
  });
});

describe('pinOnCompose', () => {
  const playing = { playingThisSong: true, positionMs: 83_456.7, durationMs: 200_000 };
  it('pins the current position while this song plays', () => {
    expect(pinOnCompose(NO_PIN, playing)).toEqual({ atMs: 83_456, dismissed: false });
  });
  it('keeps an existing pin while the song plays on', () => {
    const pinned = { atMs: 1000, dismissed: false };
    expect(pinOnCompose(pinned, playing)).toBe(pinned);
  });
  it('does not pin after the chip was removed, or when the song is not playing', () => {
    const dismissed = { atMs: null, dismissed: true };
    expect(pinOnCompose(dismissed, playing)).toBe(dismissed);
    expect(pinOnCompose(NO_PIN, { ...playing, playingThisSong: false })).toBe(NO_PIN);
  });
  it('never pins past the end of the song', () => {
    expect(pinOnCompose(NO_PIN, { ...playing, positionMs: 250_000 }).atMs).toBe(200_000);
  });
});
