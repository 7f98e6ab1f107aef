/** What the comments benchmarks share: the JSON-line printer, CPU time by process, one GraphQL call. */
import fs from 'node:fs';

/** Prints one figure as one JSON line. */
export function emit(figure: string, value: number, extra: Record<string, unknown> = {}): void {
  process.stdout.write(
    `${JSON.stringify({ bench: 'comments', figure, value: Math.round(value * 100) / 100, ...extra })}\n`,
  );
}

/** USER_HZ: 100 on every Linux this runs on. */
const CLOCK_TICKS = 100;

/** CPU time (user + system, ms) each process used so far, from /proc; `bench` is this process. */
export function cpuTimesMs(pids: Record<string, number | undefined>): Record<string, number> {
  const times: Record<string, number> = {};
  for (const [name, pid] of Object.entries(pids)) {
    if (pid === undefined) continue;
    try {
      const fields = (fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1] as string).split(
        ' ',
      );
      times[name] = ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
    } catch {
      // not Linux, or the process is gone
    }
  }
  const self = process.cpuUsage();
  times.bench = (self.user + self.system) / 1000;
  return times;
}

/** CPU ms per request of each process between two `cpuTimesMs` readings. */
export function cpuPerRequest(
  before: Record<string, number>,
  after: Record<string, number>,
  requests: number,
): { total: number; byProcess: Record<string, number> } {
  const byProcess: Record<string, number> = {};
  for (const [name, end] of Object.entries(after)) {
    byProcess[name] =
      Math.round(((end - (before[name] ?? end)) / Math.max(1, requests)) * 100) / 100;
  }
  const total = Object.entries(byProcess).reduce(
    (sum, [name, ms]) => (name === 'bench' ? sum : sum + ms),
    0,
  );
  return { total, byProcess };
}

export async function graphql<T>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string; data?: T | null; errors?: unknown[] }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  try {
    return { status: response.status, text, ...(JSON.parse(text) as object) };
  } catch {
    throw new Error(`${url} answered ${response.status} with non-JSON: ${text.slice(0, 300)}`);
  }
}
