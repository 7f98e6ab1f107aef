import {
  clampActiveIndex,
  debounce,
  moveActiveIndex,
  shouldApplyAnswer,
  suggestQuery,
} from '../suggest';

describe('suggestQuery', () => {
  it('needs two characters and normalises spaces', () => {
    expect(suggestQuery(' a ')).toBeNull();
    expect(suggestQuery('  low   a ')).toBe('low a');
  });
});

describe('shouldApplyAnswer (stale answers)', () => {
  it('applies only the latest answer for the current text', () => {
    expect(shouldApplyAnswer({ requestId: 3, query: 'low' }, { requestId: 3, text: 'low ' })).toBe(
      true,
    );
    expect(shouldApplyAnswer({ requestId: 2, query: 'lo' }, { requestId: 3, text: 'low' })).toBe(
      false,
    );
    expect(shouldApplyAnswer({ requestId: 3, query: 'low' }, { requestId: 3, text: 'l' })).toBe(
      false,
    );
  });
});

describe('debounce', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());
  it('calls once with the last arguments after the wait', () => {
    const fn = jest.fn();
    const d = debounce(fn, 150);
    d('l');
    jest.advanceTimersByTime(100);
    d('lo');
    jest.advanceTimersByTime(100);
    d('low');
    jest.advanceTimersByTime(149);
    expect(fn).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(1);
    expect(fn).toHaveBeenCalledWith('low');
  });
  it('cancel drops the pending call', () => {
    const fn = jest.fn();
    const d = debounce(fn, 150);
    d('x');
    d.cancel();
    jest.advanceTimersByTime(500);
    expect(fn).not.toHaveBeenCalled();
  });
});

describe('keyboard navigation', () => {
  it('moves down and up with wrap-around', () => {
    expect(moveActiveIndex(-1, 'ArrowDown', 3)).toBe(0);
    expect(moveActiveIndex(0, 'ArrowDown', 3)).toBe(1);
    expect(moveActiveIndex(2, 'ArrowDown', 3)).toBe(0);
    expect(moveActiveIndex(-1, 'ArrowUp', 3)).toBe(2);
    expect(moveActiveIndex(0, 'ArrowUp', 3)).toBe(2);
    expect(moveActiveIndex(2, 'ArrowUp', 3)).toBe(1);
    expect(moveActiveIndex(7, 'ArrowUp', 3)).toBe(2);
    expect(moveActiveIndex(1, 'Home', 3)).toBe(0);
    expect(moveActiveIndex(1, 'End', 3)).toBe(2);
  });
  it('has nothing to highlight in an empty list', () => {
    expect(moveActiveIndex(0, 'ArrowDown', 0)).toBe(-1);
    expect(moveActiveIndex(-1, 'End', 0)).toBe(-1);
  });
  it('clamps when the options change', () => {
    expect(clampActiveIndex(2, 3)).toBe(2);
    expect(clampActiveIndex(3, 3)).toBe(-1);
    expect(clampActiveIndex(-1, 3)).toBe(-1);
  });
});
