import { parseNormaliseSetting } from '../normalise-setting';
import {
  boostHeadroomDb,
  dbToGain,
  MAX_BOOST_DB,
  MAX_CUT_DB,
  normalisationGain,
  normalisationGainDb,
} from '../loudness';

describe('normalisationGainDb', () => {
  it('turns a loud song down by its distance to −14 LUFS', () => {
    expect(normalisationGainDb({ loudnessLufs: -8 })).toBeCloseTo(-6);
    expect(normalisationGainDb({ loudnessLufs: -14 })).toBeCloseTo(0);
  });

  it('never cuts more than MAX_CUT_DB', () => {
    expect(normalisationGainDb({ loudnessLufs: 40 })).toBe(-MAX_CUT_DB);
  });

  it('does not boost a quiet song whose peak is unknown', () => {
    expect(normalisationGainDb({ loudnessLufs: -20 })).toBe(0);
    expect(normalisationGainDb({ loudnessLufs: -20, waveform: [] })).toBe(0);
  });

  it('boosts a quiet song only as far as its peak allows (peak −12 dBFS → 10 dB of headroom)', () => {
    const peak = Math.pow(10, -12 / 20); // −12 dBFS
    // wanted +6 (−20 → −14), headroom 12 − 1 (ceiling) − 1 (margin) = 10: the full 6 dB.
    expect(normalisationGainDb({ loudnessLufs: -20, waveform: [0.01, peak, 0.1] })).toBeCloseTo(6);
    // wanted +4 (−18 → −14) is under both caps.
    expect(normalisationGainDb({ loudnessLufs: -18, waveform: [peak] })).toBeCloseTo(4);
  });

  it('keeps the boosted peak under −1 dBFS minus the margin', () => {
    const peak = Math.pow(10, -5 / 20); // −5 dBFS: 3 dB of headroom
    expect(normalisationGainDb({ loudnessLufs: -24, waveform: [peak] })).toBeCloseTo(3);
  });

  it('gives nothing when the song already peaks near full scale', () => {
    expect(normalisationGainDb({ loudnessLufs: -24, waveform: [0.2, 0.99] })).toBe(0);
    expect(normalisationGainDb({ loudnessLufs: -24, waveform: [1] })).toBe(0);
  });

  it('never boosts more than MAX_BOOST_DB, however much headroom', () => {
    expect(normalisationGainDb({ loudnessLufs: -40, waveform: [0.01] })).toBe(MAX_BOOST_DB);
  });

  it('ignores missing, silent and nonsense measurements', () => {
    expect(normalisationGainDb({ loudnessLufs: null })).toBe(0);
    expect(normalisationGainDb({ loudnessLufs: undefined })).toBe(0);
    expect(normalisationGainDb({ loudnessLufs: Number.NaN })).toBe(0);
    expect(normalisationGainDb({ loudnessLufs: -70, waveform: [0.001] })).toBe(0);
  });
});

describe('boostHeadroomDb', () => {
  it('is the distance from the largest peak to the ceiling minus the margin', () => {
    expect(boostHeadroomDb([0.5])).toBeCloseTo(-2 - 20 * Math.log10(0.5));
    expect(boostHeadroomDb([0, 0])).toBe(0);
    expect(boostHeadroomDb(null)).toBe(0);
  });
});

describe('dbToGain / normalisationGain', () => {
  it('converts decibels to a linear factor', () => {
    expect(dbToGain(0)).toBe(1);
    expect(dbToGain(-6)).toBeCloseTo(0.501, 3);
    expect(dbToGain(20)).toBeCloseTo(10);
  });

  it('is 1 when the setting is off', () => {
    expect(normalisationGain({ loudnessLufs: -6 }, false)).toBe(1);
    expect(normalisationGain({ loudnessLufs: -6 }, true)).toBeCloseTo(dbToGain(-8));
  });
});

describe('parseNormaliseSetting', () => {
  it('is on unless explicitly turned off', () => {
    expect(parseNormaliseSetting(null)).toBe(true);
    expect(parseNormaliseSetting('on')).toBe(true);
    expect(parseNormaliseSetting('garbage')).toBe(true);
    expect(parseNormaliseSetting('off')).toBe(false);
  });
});
