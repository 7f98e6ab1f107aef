/**
 * Loudness normalisation, as the big players do it: every song is played at the same perceived
 * loudness, −14 LUFS (Spotify, SoundCloud, YouTube), by a plain gain (no compressor, no limiter), so
 * the music itself is untouched.
 *
 * - A song LOUDER than the target is turned down by the difference: always safe.
 * - A QUIETER song would need a boost, and a boost can push its peaks past 0 dBFS (clipping). The
 *   platform measures integrated loudness (`Song.loudnessLufs`) but does not publish the true peak,
 *   so the boost is capped conservatively:
 *   - with the waveform (`Song.waveform`: ~1,000 sample-peak values of the decoded source, 0..1),
 *     its largest value is the song's sample peak; the boost keeps that peak under
 *     `PEAK_CEILING_DBFS` (−1 dBFS, the −1 dBTP ceiling of DESIGN.md) after subtracting
 *     `SAMPLE_PEAK_MARGIN_DB` for what sample peaks miss (inter-sample true peak, AAC overshoot);
 *   - never more than `MAX_BOOST_DB` in any case;
 *   - without a waveform, no boost at all (only turning down).
 */

export const TARGET_LUFS = -14;
/** Keep peaks at or under this level after a boost (DESIGN.md: peaks kept under −1 dBTP). */
export const PEAK_CEILING_DBFS = -1;
/** What a sample peak may underestimate the true peak of the AAC stream by. */
export const SAMPLE_PEAK_MARGIN_DB = 1;
/** The most a quiet song is ever boosted. */
export const MAX_BOOST_DB = 6;
/** The most a loud song is ever turned down (guards against a nonsense measurement). */
export const MAX_CUT_DB = 30;
/** BS.1770's absolute gate: a measurement at or below it means silence, nothing to normalise. */
export const SILENCE_LUFS = -70;

export interface LoudnessInfo {
  loudnessLufs: number | null | undefined;
  /** The waveform peaks (0..1), when known: their maximum bounds a safe boost. */
  waveform?: readonly number[] | null | undefined;
}

/** The gain, in dB, to apply to a song so it plays at TARGET_LUFS without clipping. */
export function normalisationGainDb({ loudnessLufs, waveform }: LoudnessInfo): number {
  if (typeof loudnessLufs !== 'number' || !Number.isFinite(loudnessLufs)) return 0;
  if (loudnessLufs <= SILENCE_LUFS) return 0;
  const wanted = TARGET_LUFS - loudnessLufs;
  if (wanted <= 0) return Math.max(-MAX_CUT_DB, wanted);
  const headroom = boostHeadroomDb(waveform);
  return Math.max(0, Math.min(wanted, headroom, MAX_BOOST_DB));
}

/** How far the song may be boosted before its (estimated) true peak reaches the ceiling. */
export function boostHeadroomDb(waveform: readonly number[] | null | undefined): number {
  if (!waveform || waveform.length === 0) return 0;
  let peak = 0;
  for (const value of waveform) if (Number.isFinite(value) && value > peak) peak = value;
  if (peak <= 0) return 0; // silence: nothing to gain
  const peakDbfs = 20 * Math.log10(Math.min(1, peak));
  return Math.max(0, PEAK_CEILING_DBFS - SAMPLE_PEAK_MARGIN_DB - peakDbfs);
}

/** dB → the linear factor a Web Audio GainNode takes. */
export function dbToGain(db: number): number {
  return Math.pow(10, db / 20);
}

/** The GainNode value for a song: 1 when normalisation is off. */
export function normalisationGain(info: LoudnessInfo, enabled: boolean): number {
  return enabled ? dbToGain(normalisationGainDb(info)) : 1;
}
