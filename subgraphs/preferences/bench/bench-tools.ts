/** Shared by the preferences benchmarks: one JSON line per figure, percentiles, bounded concurrency. */

export function emit(figure: string, value: number, extra: Record<string, unknown> = {}): void {
  const line = { bench: 'preferences', figure, ...extra, value: Math.round(value * 1000) / 1000 };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? 0;
}

/** Runs `tasks` with at most `concurrency` in flight; resolves with their results in order. */
export async function runConcurrently<T>(
  count: number,
  concurrency: number,
  task: (index: number) => Promise<T>,
): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  const workers = Array.from({ length: Math.min(concurrency, count) }, async () => {
    while (next < count) {
      const index = next++;
      results[index] = await task(index);
    }
  });
  await Promise.all(workers);
  return results;
}

export async function waitFor(
  condition: () => Promise<boolean>,
  what: string,
  timeoutMs = 300_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
