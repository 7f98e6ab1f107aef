import { formatDuration, spokenDuration } from '../durations';

describe('formatDuration', () => {
  it('formats m:ss and h:mm:ss', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(65_400)).toBe('1:05');
    expect(formatDuration(3_725_000)).toBe('1:02:05');
    expect(formatDuration(null)).toBe('–:––');
    expect(formatDuration(Number.NaN)).toBe('–:––');
  });
  it('spells durations for screen readers', () => {
    expect(spokenDuration(65_000)).toBe('1 minute 5 seconds');
    expect(spokenDuration(3_600_000)).toBe('1 hour');
    expect(spokenDuration(0)).toBe('0 seconds');
  });
});
