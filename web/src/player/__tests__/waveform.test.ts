import {
  barCountFor,
  playedFraction,
  resamplePeaks,
  seekTargetForKey,
  timeAtPosition,
  waveformBars,
} from '../waveform';

describe('barCountFor', () => {
  it('fits bars and gaps in the width', () => {
    expect(barCountFor(100, 3, 2)).toBe(20); // 20 bars = 100 + 2 gap at the end
    expect(barCountFor(99, 3, 2)).toBe(20);
    expect(barCountFor(97, 3, 2)).toBe(19);
    expect(barCountFor(0, 3, 2)).toBe(1);
  });
});

describe('resamplePeaks', () => {
  it('keeps the highest peak of each bucket', () => {
    expect(resamplePeaks([0.1, 0.9, 0.2, 0.3, 0.5, 0.4], 3)).toEqual([0.9, 0.3, 0.5]);
  });
  it('stretches short peak lists and clamps bad values', () => {
    expect(resamplePeaks([0.5, 1.5], 4)).toEqual([0.5, 0.5, 1, 1]);
    expect(resamplePeaks([Number.NaN, -1], 2)).toEqual([0, 0]);
    expect(resamplePeaks([], 3)).toEqual([0, 0, 0]);
  });
  it('reduces 1,000 peaks to the bar count', () => {
    const peaks = Array.from({ length: 1000 }, (_, i) => (i === 777 ? 1 : 0.1));
    const bars = resamplePeaks(peaks, 200);
    expect(bars).toHaveLength(200);
    expect(bars.filter((b) => b === 1)).toHaveLength(1);
    expect(bars.indexOf(1)).toBe(155); // 777 / 5
  });
});

describe('waveformBars', () => {
  const layout = { width: 100, height: 50, barWidth: 3, gap: 2, minBarHeight: 2 };
  it('spans the full width, first bar at 0 and last flush right', () => {
    const bars = waveformBars([0.5], layout);
    expect(bars).toHaveLength(20);
    expect(bars[0]!.x).toBe(0);
    expect(bars[19]!.x + bars[19]!.width).toBeCloseTo(100);
  });
  it('centres bars vertically with a height proportional to the peak', () => {
    const [bar] = waveformBars([0.5], { ...layout, width: 3 });
    expect(bar).toEqual({ x: 0, y: 12.5, width: 3, height: 25 });
    const bars = waveformBars([1, 0], { ...layout, width: 8 });
    expect(bars[0]).toEqual({ x: 0, y: 0, width: 3, height: 50 });
    expect(bars[1]).toEqual({ x: 5, y: 24, width: 3, height: 2 }); // silence: min height
  });
});

describe('click and keyboard seeking', () => {
  it('maps a click position to a time, clamped to the song', () => {
    expect(timeAtPosition(250, 1000, 200_000)).toBe(50_000);
    expect(timeAtPosition(-10, 1000, 200_000)).toBe(0);
    expect(timeAtPosition(1200, 1000, 200_000)).toBe(200_000);
    expect(timeAtPosition(10, 0, 200_000)).toBe(0);
    expect(timeAtPosition(10, 100, 0)).toBe(0);
  });
  it('reports the played fraction', () => {
    expect(playedFraction(30_000, 120_000)).toBe(0.25);
    expect(playedFraction(500_000, 120_000)).toBe(1);
    expect(playedFraction(10, 0)).toBe(0);
  });
  it('steps with arrows, pages, Home and End, and ignores other keys', () => {
    expect(seekTargetForKey('ArrowRight', 10_000, 60_000)).toBe(15_000);
    expect(seekTargetForKey('ArrowUp', 58_000, 60_000)).toBe(60_000);
    expect(seekTargetForKey('ArrowLeft', 3_000, 60_000)).toBe(0);
    expect(seekTargetForKey('PageUp', 0, 300_000)).toBe(30_000);
    expect(seekTargetForKey('PageDown', 50_000, 60_000)).toBe(40_000);
    expect(seekTargetForKey('Home', 50_000, 60_000)).toBe(0);
    expect(seekTargetForKey('End', 0, 60_000)).toBe(60_000);
    expect(seekTargetForKey('a', 0, 60_000)).toBeUndefined();
    expect(seekTargetForKey('ArrowRight', 0, 0)).toBeUndefined();
  });
});
