import { timeLeftText, uploadPercent, uploadRate } from '../upload-progress';

describe('uploadPercent', () => {
  it('is a whole percent that reaches 100 only when every byte is sent', () => {
    expect(uploadPercent(0, 1000)).toBe(0);
    expect(uploadPercent(505, 1000)).toBe(50);
    expect(uploadPercent(999, 1000)).toBe(99);
    expect(uploadPercent(9_999_999, 10_000_000)).toBe(99);
    expect(uploadPercent(1000, 1000)).toBe(100);
  });
  it('is never NaN, negative or above 100', () => {
    expect(uploadPercent(10, 0)).toBe(0);
    expect(uploadPercent(Number.NaN, 10)).toBe(0);
    expect(uploadPercent(-5, 10)).toBe(0);
    expect(uploadPercent(20, 10)).toBe(100);
  });
});

describe('uploadRate and timeLeftText', () => {
  it('measures bytes per second over the recent window only', () => {
    const samples = [
      { at: 0, loaded: 0 },
      { at: 8_000, loaded: 1_000 }, // slow start, outside the 3 s window
      { at: 10_000, loaded: 1_000 },
      { at: 11_000, loaded: 2_000_000 },
      { at: 12_000, loaded: 4_000_000 },
    ];
    expect(uploadRate(samples)).toBe(1_999_500);
    expect(uploadRate([{ at: 0, loaded: 0 }])).toBeUndefined();
    expect(uploadRate([])).toBeUndefined();
  });
  it('says the time left in seconds or minutes', () => {
    expect(timeLeftText(0, 10_000, 1000)).toBe('about 10 seconds left');
    expect(timeLeftText(0, 1_000, 1000)).toBe('about 1 second left');
    expect(timeLeftText(0, 600_000, 1000)).toBe('about 10 minutes left');
    expect(timeLeftText(10, 10, 1000)).toBeUndefined();
    expect(timeLeftText(0, 10, undefined)).toBeUndefined();
  });
});
