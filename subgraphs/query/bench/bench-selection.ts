/**
 * BENCH_ONLY: which groups of figures to run, comma-separated (default: all).
 *   search   — in-process search latency and the $regex baseline (query.bench.ts)
 *   consumer — in-process consumer throughput and publish→searchable lag (query.bench.ts)
 *   router   — search through the router at 50 connections, real processes (router-search.bench.ts)
 *   lag      — songs mutation → searchable, real processes (propagation-lag.bench.ts)
 */
export const BENCH_GROUPS = ['search', 'consumer', 'router', 'lag'] as const;
export type BenchGroup = (typeof BENCH_GROUPS)[number];

const only = (process.env.BENCH_ONLY ?? '')
  .split(',')
  .map((name) => name.trim())
  .filter(Boolean);
const unknown = only.filter((name) => !(BENCH_GROUPS as readonly string[]).includes(name));
if (unknown.length) {
  throw new Error(
    `BENCH_ONLY: unknown ${unknown.join(', ')} (expected a comma-separated list of ${BENCH_GROUPS.join(', ')})`,
  );
}

export function benchSelected(group: BenchGroup): boolean {
  return only.length === 0 || only.includes(group);
}
