import { formatMoment, momentLabel, spokenMoment, timeAgo } from '../comment-time';

describe('moments of a song', () => {
  it('reads like the player clock', () => {
    expect(formatMoment(83_400)).toBe('1:23');
    expect(momentLabel(0)).toBe('at 0:00');
    expect(momentLabel(3_725_000)).toBe('at 1:02:05');
    expect(momentLabel(-5)).toBe('at 0:00');
    expect(spokenMoment(83_000)).toBe('at 1 minute 23 seconds');
  });
});

describe('timeAgo', () => {
  const now = Date.parse('2026-12-02T12:00:00Z');
  it('says how long ago, in the largest whole unit', () => {
    expect(timeAgo('2026-12-02T11:59:30Z', now)).toBe('just now');
    expect(timeAgo('2026-12-02T11:59:00Z', now)).toBe('1 minute ago');
    expect(timeAgo('2026-12-02T09:00:00Z', now)).toBe('3 hours ago');
    expect(timeAgo('2026-11-30T12:00:00Z', now)).toBe('2 days ago');
    expect(timeAgo('2024-12-01T12:00:00Z', now)).toBe('2 years ago');
  });
  it('copes with clock skew and bad input', () => {
    expect(timeAgo('2026-12-02T12:05:00Z', now)).toBe('just now');
    expect(timeAgo('not a date', now)).toBe('');
  });
});
