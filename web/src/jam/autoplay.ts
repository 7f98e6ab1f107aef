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
