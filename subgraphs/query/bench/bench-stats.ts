/** Shared by the benchmarks: the figure printer type and percentiles. */

/**
 * Prints one figure as one JSON line (query.bench.ts's `emit`, passed in so every line has one
 * format). A null value is a figure that could not be measured honestly (see `unlessFailed`).
 */
export type Emit = (figure: string, value: number | null, extra?: Record<string, unknown>) => void;

/**
 * A throughput, latency or CPU figure of a load whose requests failed is no figure: a failing
 * request is often cheap (or a timeout), so its rps or CPU per request would read as valid. Such a
 * figure is printed as null with `invalid` saying why; the `_failed` figure beside it has the count.
 */
export function unlessFailed(
  value: number,
  failed: number,
  /** Good answers: autocannon does not count timeouts and errors among its requests. */
  requests: number,
  extra: Record<string, unknown>,
): [number | null, Record<string, unknown>] {
  if (failed === 0) return [value, extra];
  return [
    null,
    {
      ...extra,
      invalid: `${failed} requests failed (errors, timeouts, non-2xx or bad answers) beside ${requests} good`,
    },
  ];
}

export function percentile(sorted: readonly number[], p: number): number {
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx] as number;
}

export function summarise(timings: readonly number[]): {
  p50: number;
  p95: number;
  p99: number;
  max: number;
} {
  const sorted = [...timings].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) as number,
  };
}

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));
