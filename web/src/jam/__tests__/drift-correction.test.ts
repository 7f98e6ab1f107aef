import { correctDrift, DEFAULT_DRIFT_POLICY } from '../drift-correction';

describe('correctDrift', () => {
  it('leaves small drift alone', () => {
    expect(correctDrift(10_030, 10_000)).toEqual({ kind: 'none', playbackRate: 1 });
    expect(correctDrift(9_950, 10_000)).toEqual({ kind: 'none', playbackRate: 1 });
  });

  it('slows down when ahead and speeds up when behind, proportionally', () => {
    const ahead = correctDrift(10_080, 10_000);
    expect(ahead.kind).toBe('rate');
    expect(ahead.playbackRate).toBeCloseTo(0.96);
    const behind = correctDrift(9_900, 10_000);
    expect(behind.playbackRate).toBeCloseTo(1.05);
  });

  it('clamps the nudge to the largest rate change', () => {
    const far = correctDrift(10_350, 10_000);
    expect(far).toEqual({ kind: 'rate', playbackRate: 1 - DEFAULT_DRIFT_POLICY.maxRateDelta });
  });

  it('seeks beyond the seek threshold', () => {
    expect(correctDrift(12_000, 10_000)).toEqual({ kind: 'seek', toMs: 10_000, playbackRate: 1 });
    expect(correctDrift(5_000, 10_000).kind).toBe('seek');
  });

  it('seeks instead of nudging when the element has no rate control', () => {
    expect(correctDrift(10_100, 10_000, false)).toEqual({
      kind: 'seek',
      toMs: 10_000,
      playbackRate: 1,
    });
    expect(correctDrift(10_030, 10_000, false).kind).toBe('none');
  });

  it('keeps nudging until under half the tolerance (no flapping at the threshold)', () => {
    expect(correctDrift(10_040, 10_000, true, 0.98).kind).toBe('rate');
    expect(correctDrift(10_020, 10_000, true, 0.98)).toEqual({ kind: 'none', playbackRate: 1 });
    expect(correctDrift(10_040, 10_000, true, 1).kind).toBe('none');
  });
});
