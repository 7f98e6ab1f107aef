/** Integrated loudness and true peak, as ffmpeg's `ebur128=peak=true` filter prints them in its summary. */
export interface LoudnessMeasurement {
  /** EBU R128 / ITU-R BS.1770 integrated loudness. Silence (everything under the −70 LUFS absolute gate) reads −70. */
  integratedLufs: number;
  /** True peak in dBTP; null for digital silence (−inf). */
  truePeakDbtp: number | null;
}

/** The absolute gate of BS.1770: what ebur128 reports when nothing is loud enough to measure. */
export const LOUDNESS_FLOOR_LUFS = -70;

/**
 * Parses the `Summary:` block the ebur128 filter logs at the end:
 * `I: -23.0 LUFS` … `True peak:` / `Peak: -20.1 dBFS`. Returns null when there is no summary.
 */
export function parseEbur128Summary(stderr: string): LoudnessMeasurement | null {
  const summaryAt = stderr.lastIndexOf('Summary:');
  if (summaryAt < 0) return null;
  const summary = stderr.slice(summaryAt);
  const integrated = /\bI:\s+(-?inf|nan|-?\d+(?:\.\d+)?)\s+LUFS/i.exec(summary);
  if (!integrated?.[1]) return null;
  const truePeakBlock = summary.slice(Math.max(0, summary.indexOf('True peak:')));
  const peak = /Peak:\s+(-?inf|nan|-?\d+(?:\.\d+)?)\s+dBFS/i.exec(truePeakBlock);
  const lufs = Number(integrated[1]);
  const dbtp = peak?.[1] ? Number(peak[1]) : NaN;
  return {
    integratedLufs: Number.isFinite(lufs)
      ? Math.max(LOUDNESS_FLOOR_LUFS, lufs)
      : LOUDNESS_FLOOR_LUFS,
    truePeakDbtp: Number.isFinite(dbtp) ? dbtp : null,
  };
}
