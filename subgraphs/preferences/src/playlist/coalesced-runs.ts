/**
 * Runs one task per key at a time and lets callers share a run that has not started yet. A caller
 * gets a run that starts after it called: either the one already waiting (which it joins) or a new
 * one queued behind the run under way. So a burst of N callers for one key costs about two runs,
 * and each caller still sees a run that began after its own call.
 */
export class CoalescedRuns<R> {
  /** The run waiting to start, per key: new callers join it. */
  private readonly waiting = new Map<string, Promise<R>>();
  /** The latest run per key (waiting or under way): a new run starts after it. */
  private readonly latest = new Map<string, Promise<unknown>>();

  run(key: string, task: () => Promise<R>): Promise<R> {
    const waiting = this.waiting.get(key);
    if (waiting) return waiting;
    const before = this.latest.get(key) ?? Promise.resolve();
    const run = before
      .catch(() => undefined)
      .then(() => {
        // Started: callers from now on need a run that starts later than this one.
        this.waiting.delete(key);
        return task();
      });
    this.waiting.set(key, run);
    const settled: Promise<unknown> = run
      .catch(() => undefined)
      .finally(() => {
        if (this.latest.get(key) === settled) this.latest.delete(key);
      });
    this.latest.set(key, settled);
    return run;
  }
}
