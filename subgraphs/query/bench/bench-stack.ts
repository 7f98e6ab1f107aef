/**
 * The platform as real processes for the stack benchmarks, started by the stack launcher
 * (tooling/stack, as the integration tests and `npm run dev` are): the embedded Mongo engine in its
 * own process (so it does not share the bench's event loop with the load generator), auth, songs,
 * query and the router, each built (`dist/`) on a free port with a fresh database. Every child is
 * killed when the bench exits, crashes or is interrupted; a service that fails to start is reported
 * with its output.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { SpawnedService } from '@groovy/common/testing';
import { launchStack, type LaunchedStack } from '@groovy/tooling/stack';

export const BENCH_SECRETS = {
  IDENTITY_TOKEN_SECRET: 'bench-identity-token-secret-0123456789abcdef',
  WORKER_WEBHOOK_SECRET: 'bench-worker-webhook-secret-0123456789abcdef',
  STORAGE_SIGNING_SECRET: 'bench-storage-signing-secret-0123456789abcdef',
};

/**
 * The router's configuration for the benchmarks: rate limits off (one client sending thousands of
 * requests a second is the point), everything else — cost, depth, alias limits — at its defaults,
 * so the web app's search document must pass them as it does in production.
 */
export const ROUTER_BENCH_ENV = { RATE_LIMIT_ENABLED: 'false', RESPONSE_CACHE_ENABLED: 'false' };

/** The embedded bus's poll interval the services run with (their default, unless BENCH_EVENT_BUS_POLL_INTERVAL_MS). */
export const EVENT_BUS_POLL_INTERVAL_MS = process.env.BENCH_EVENT_BUS_POLL_INTERVAL_MS ?? '50';

export interface BenchDatabases {
  auth: string;
  songs: string;
  query: string;
  events: string;
}

export interface BenchStack {
  mongoUrl: string;
  databases: BenchDatabases;
  auth: SpawnedService;
  songs: SpawnedService;
  query: SpawnedService;
  preferences: SpawnedService;
  router: SpawnedService;
  /** The router's environment as the launcher gave it, for extra routers (bench/extra-router.ts). */
  routerEnv: Record<string, string>;
  /** Process ids of the children (mongo is absent with MONGO_URL), for CPU accounting. */
  pids: Record<string, number | undefined>;
  stop(): Promise<void>;
}

/** Stacks not yet stopped (stopped on a signal too). */
const running = new Set<LaunchedStack>();
let signalsHooked = false;

function hookSignals(): void {
  if (signalsHooked) return;
  signalsHooked = true;
  // The launcher kills its children on `exit`; these make Ctrl-C and `kill` stop them gracefully first.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      process.stderr.write(`bench: ${signal}, stopping ${running.size} stack(s)\n`);
      const stopping = Promise.all([...running].map((stack) => stack.stop()));
      void Promise.race([stopping, new Promise((resolve) => setTimeout(resolve, 5_000))]).then(() =>
        process.exit(130),
      );
    });
  }
}

/**
 * BENCH_CPU_PROF_DIR: each service profiles its CPU from `startCpuProfiles` (the router bench calls
 * it when its measured load starts) and writes `<dir>/<service>.cpuprofile` (open in Chrome
 * DevTools) when the bench stops it — where the time of a request goes.
 */
export const CPU_PROF_DIR = process.env.BENCH_CPU_PROF_DIR;

/** Starts the services' CPU profiles (BENCH_CPU_PROF_DIR; a no-op without it). */
export function startCpuProfiles(stack: BenchStack): void {
  if (!CPU_PROF_DIR) return;
  for (const name of ['auth', 'songs', 'query', 'preferences', 'router'] as const) {
    const pid = stack.pids[name];
    if (pid !== undefined) process.kill(pid, 'SIGUSR2');
  }
}

/** BENCH_CPU_PROF_DIR: each service writes `<dir>/<service>.cpuprofile` when it stops. */
function profileEnv(name: string): Record<string, string> {
  if (!CPU_PROF_DIR) return {};
  return {
    NODE_OPTIONS: `--require ${path.join(__dirname, 'cpu-profile.preload.js')}`,
    BENCH_CPU_PROF_FILE: path.resolve(CPU_PROF_DIR, `${name}.cpuprofile`),
  };
}

/** Starts everything; `beforeServices` runs once Mongo is up and before any service starts (seeding). */
export async function startBenchStack(
  beforeServices: (mongoUrl: string, databases: BenchDatabases) => Promise<void> = async () =>
    undefined,
): Promise<BenchStack> {
  hookSignals();
  if (CPU_PROF_DIR) fs.mkdirSync(CPU_PROF_DIR, { recursive: true });
  // preferences: every song row of the web's lists shows its heart (likedByMe, likeCount).
  const names = ['auth', 'songs', 'query', 'preferences', 'router'] as const;
  const launched = await launchStack({
    mode: 'isolated',
    services: [...names],
    mongoUrl: process.env.MONGO_URL || undefined,
    secrets: BENCH_SECRETS,
    env: { NODE_ENV: 'production', EVENT_BUS_POLL_INTERVAL_MS },
    serviceEnv: {
      auth: profileEnv('auth'),
      songs: profileEnv('songs'),
      preferences: profileEnv('preferences'),
      // The benches read the query subgraph directly too (propagation lag, seeding), not only via the router.
      query: { ...profileEnv('query'), REQUIRE_ROUTER_IDENTITY: 'false' },
      router: { SUPERGRAPH_WATCH: 'false', ...ROUTER_BENCH_ENV, ...profileEnv('router') },
    },
    // Generous: on a shared machine at load 40 a service can take minutes to answer.
    startTimeoutMs: 180_000,
    beforeServices: ({ mongoUrl, databases }) =>
      beforeServices(mongoUrl, databases as unknown as BenchDatabases),
  }).catch((error: unknown) => {
    throw new Error(`bench stack: ${(error as Error).message}`);
  });
  running.add(launched);
  const { auth, songs, query, preferences, router } = launched.services as Record<
    (typeof names)[number],
    SpawnedService
  >;
  return {
    mongoUrl: launched.mongoUrl!,
    databases: launched.databases as unknown as BenchDatabases,
    auth,
    songs,
    query,
    preferences,
    router,
    routerEnv: {
      NODE_ENV: 'production',
      IDENTITY_TOKEN_SECRET: BENCH_SECRETS.IDENTITY_TOKEN_SECRET,
      SUPERGRAPH_WATCH: 'false',
      ...ROUTER_BENCH_ENV,
      AUTH_JWKS_URL: `${auth.baseUrl}/.well-known/jwks.json`,
      AUTH_INTERNAL_URL: auth.baseUrl,
      SUBGRAPH_AUTH_URL: auth.url,
      SUBGRAPH_SONGS_URL: songs.url,
      SUBGRAPH_QUERY_URL: query.url,
      SUBGRAPH_PREFERENCES_URL: preferences.url,
      // The response cache (when a bench turns it on) drops answers on the stack's catalogue events.
      EVENT_BUS_MONGO_URL: launched.mongoUrl!,
      EVENT_BUS_DATABASE: (launched.databases as Record<string, string>).events!,
    },
    pids: launched.pids,
    stop: async () => {
      await launched.stop();
      running.delete(launched);
    },
  };
}

/** CPU time (user + system, ms) each process used so far, from /proc; empty where there is no /proc. */
export function cpuTimesMs(pids: Record<string, number | undefined>): Record<string, number> {
  const times: Record<string, number> = {};
  for (const [name, pid] of Object.entries(pids)) {
    if (pid === undefined) continue;
    try {
      // Fields after the command's closing parenthesis: state is [0], utime [11], stime [12] (clock ticks).
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

/** USER_HZ: 100 on every Linux this runs on. */
const CLOCK_TICKS = 100;

/** One GraphQL request; throws with the status and body when the answer is not JSON. */
export async function graphql<T>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<{
  status: number;
  text: string;
  data?: T | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}> {
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
