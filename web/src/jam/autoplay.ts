/**
 * How the Jam page tells "the browser refused to start sound" from other play() failures.
 *
 * A play() refused by the autoplay policy (no user gesture yet) rejects with a `NotAllowedError`
 * DOMException. Judged by name, not by `instanceof DOMException`: an error from another realm (an
 * iframe, a test environment) or a wrapped one carries the name but fails `instanceof`. Any other
 * rejection (AbortError: the load was replaced or paused; NotSupportedError: no playable source) is
 * not a refusal: the page retries on its own, there is nothing for the listener to tap.
 */
export function isAutoplayRefusal(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { name?: unknown }).name === 'NotAllowedError'
  );
}

/** What the Jam page knows about the sound path once play() has been asked for. */
export interface SoundPath {
  /** The media element is paused (play() refused, or not started yet). */
  paused: boolean;
  /**
   * The Web Audio output the element is routed through (volume normalisation) exists but is
   * suspended: the browser did not let the AudioContext start without a gesture.
   */
  outputSuspended: boolean;
}

/**
 * Whether the listener still has to tap. A play() the browser let through (a user activation left
 * over from a navigation, a site exception) does not mean sound: an element routed into a
 * suspended AudioContext plays silently and its clock stalls, and nothing refuses anything, so
 * without this the page would show no "Tap to join" and the late joiner would sit in silence.
 */
export function needsGesture(path: SoundPath): boolean {
  return path.paused || path.outputSuspended;
}
