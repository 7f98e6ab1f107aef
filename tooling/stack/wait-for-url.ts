/**
 * Polls `url` until it answers with a status below 500; false when `timeoutMs` passes or `abort` fires.
 * One answer may take up to 10 s (a first server-side render on a loaded machine).
 */
export async function waitForUrl(
  url: string,
  timeoutMs: number,
  abort: AbortSignal,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !abort.aborted) {
    try {
      const response = await fetch(url, {
        signal: AbortSignal.timeout(10_000),
        redirect: 'manual',
      });
      await response.arrayBuffer();
      if (response.status < 500) return true;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}
