/**
 * What to do about the difference between the media element's position and the Jam's live one.
 * drift = local - target (positive: we are ahead). Under `toleranceMs` nothing happens (rate 1);
 * up to `seekAboveMs` we nudge playbackRate proportionally (ahead → slower), clamped to
 * ±`maxRateDelta`, so the gap closes without an audible jump; beyond it (or when the element cannot
 * change its rate) we seek.
 */

export interface DriftPolicy {
  /** Below this, play at rate 1. */
  toleranceMs: number;
  /** Above this, seek. */
  seekAboveMs: number;
  /** The largest rate change, e.g. 0.05 = ±5 %. */
  maxRateDelta: number;
  /** How many seconds the proportional nudge should take to close the gap. */
  correctionSeconds: number;
}

export const DEFAULT_DRIFT_POLICY: DriftPolicy = {
  toleranceMs: 60,
  seekAboveMs: 400,
  maxRateDelta: 0.05,
  correctionSeconds: 2,
};

export type DriftCorrection =
  | { kind: 'none'; playbackRate: 1 }
  | { kind: 'rate'; playbackRate: number }
  | { kind: 'seek'; toMs: number; playbackRate: 1 };

/**
 * @param localMs the media element's position (ms)
 * @param targetMs the Jam's live position (ms)
 * @param canChangeRate false for players without playbackRate control (then we only seek)
 * @param currentRate the rate in use: inside the tolerance we keep nudging until the drift is
 *   under half of it (hysteresis), so we do not flap around the threshold
 */
export function correctDrift(
  localMs: number,
  targetMs: number,
  canChangeRate = true,
  currentRate = 1,
  policy: DriftPolicy = DEFAULT_DRIFT_POLICY,
): DriftCorrection {
  const drift = localMs - targetMs;
  const size = Math.abs(drift);
  if (size > policy.seekAboveMs || (!canChangeRate && size > policy.toleranceMs))
    return { kind: 'seek', toMs: Math.max(0, targetMs), playbackRate: 1 };
  const nudging = currentRate !== 1;
  if (size < policy.toleranceMs && !(nudging && size > policy.toleranceMs / 2))
    return { kind: 'none', playbackRate: 1 };
  // Close the gap over correctionSeconds: rate - 1 = -drift / (correctionSeconds * 1000).
  const wanted = -drift / (policy.correctionSeconds * 1000);
  const delta = Math.max(-policy.maxRateDelta, Math.min(policy.maxRateDelta, wanted));
  return { kind: 'rate', playbackRate: 1 + delta };
}
