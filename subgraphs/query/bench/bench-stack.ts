/**
 * The platform as real processes for the stack benchmarks: the embedded Mongo engine (its CLI, in its
 * own process, so the engine does not share the bench's event loop with the load generator), auth,
 * songs, query and the router, each on a free port, all built (`dist/`), wired as
 * tests/integration/src/testkit/stack.ts wires them. Every child is killed when the bench exits,
 * crashes or is interrupted; a service that fails to start is reported with its output.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { spawnService, type SpawnedService } from '@groovy/common/testing';

const REPO = path.resolve(__dirname, '..', '..', '..');
const ENTRIES = {
  mongo: path.join(REPO, 'embedded-mongo', 'dist', 'cli.js'),
  auth: path.join(REPO, 'subgraphs', 'auth', 'dist', 'index.js'),
  songs: path.join(REPO, 'subgraphs', 'songs', 'dist', 'index.js'),
  query: path.join(REPO, 'subgraphs', 'query', 'dist', 'index.js'),
  router: path.join(REPO, 'router', 'dist', 'index.js'),
};
const SUPERGRAPH = path.join(REPO, 'schemas', 'supergraph.graphql');

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
export const ROUTER_BENCH_ENV = { RATE_LIMIT_ENABLED: 'false' };

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
  router: SpawnedService;
  /** Process ids of the children (mongo is absent with MONGO_URL), for CPU accounting. */
  pids: Record<string, number | undefined>;
  stop(): Promise<void>;
}

interface Stoppable {
  name: string;
  stop(): Promise<unknown>;
  kill(): void;
}

/** Everything started and not yet stopped, newest last (stopped in reverse). */
const running: Stoppable[] = [];
/** Scratch directories of stacks not yet stopped (removed on a signal too). */
const workDirs = new Set<string>();
let signalsHooked = false;

function hookSignals(): void {
  if (signalsHooked) return;
  signalsHooked = true;
  // spawnService kills its child on `exit`; these make Ctrl-C and `kill` reach `exit` too.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      process.stderr.write(`bench: ${signal}, killing ${running.length} child process(es)\n`);
      for (const child of [...running].reverse()) child.kill();
      for (const dir of workDirs) fs.rmSync(dir, { recursive: true, force: true });
      process.exit(130);
    });
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function requireBuilt(): void {
  const missing = Object.entries(ENTRIES).filter(([, entry]) => !fs.existsSync(entry));
  if (missing.length) {
    throw new Error(
      `not built: ${missing.map(([name, entry]) => `${name} (${path.relative(REPO, entry)})`).join(', ')}; ` +
        'run `npm run build` at the repository root (or `npm run bench` there, which builds first)',
    );
  }
}

/** The embedded engine's CLI on a free port; resolves with its `mongodb://` URL once it listens. */
async function startMongoProcess(): Promise<{ url: string; process?: ChildProcess }> {
  const external = process.env.MONGO_URL;
  if (external) return { url: external };
  const child = spawn(process.execPath, [ENTRIES.mongo, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`embedded mongo did not announce its URL in 30 s; output:\n${output}`));
    }, 30_000);
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
      for (const line of output.split('\n')) {
        const url = /"url":"(mongodb:\/\/[^"]+)"/.exec(line)?.[1];
        if (url) {
          clearTimeout(timer);
          child.stdout!.off('data', onData);
          child.stdout!.resume(); // keep draining: a full pipe would block the engine
          resolve({ url, process: child });
          return;
        }
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`embedded mongo exited (code ${code}) before listening; output:\n${output}`));
    });
  });
}

function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
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
  for (const name of ['auth', 'songs', 'query', 'router'] as const) {
    const pid = stack.pids[name];
    if (pid !== undefined) process.kill(pid, 'SIGUSR2');
  }
}

/** spawnService with the bench's bookkeeping: registered for cleanup, a clear error naming the service. */
async function startService(name: string, entry: string, env: Record<string, string>): Promise<SpawnedService> {
  const profile = CPU_PROF_DIR
    ? {
        NODE_OPTIONS: `--require ${path.join(__dirname, 'cpu-profile.preload.js')}`,
        BENCH_CPU_PROF_FILE: path.resolve(CPU_PROF_DIR, `${name}.cpuprofile`),
      }
    : {};
  try {
    const service = await spawnService({ name, entry, env: { ...env, ...profile }, startTimeoutMs: 60_000 });
    running.push({ name, stop: () => service.stop(), kill: () => service.process.kill('SIGKILL') });
    // The child's output is kept by spawnService in memory; nothing else reads its pipes.
    return service;
  } catch (error) {
    throw new Error(`bench stack: ${name} failed to start: ${(error as Error).message}`);
  }
}

/** Starts everything; `beforeServices` runs once Mongo is up and before any service starts (seeding). */
export async function startBenchStack(
  beforeServices: (mongoUrl: string, databases: BenchDatabases) => Promise<void> = async () => undefined,
): Promise<BenchStack> {
  hookSignals();
  requireBuilt();
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'groovy-query-bench-'));
  workDirs.add(workDir);
  if (CPU_PROF_DIR) fs.mkdirSync(CPU_PROF_DIR, { recursive: true });
  const mongo = await startMongoProcess();
  if (mongo.process) {
    const child = mongo.process;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    running.push({
      name: 'mongo',
      stop: async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      },
      kill: () => child.kill('SIGKILL'),
    });
  }
  const stop = async (): Promise<void> => {
    while (running.length) {
      const next = running.pop() as Stoppable;
      await next.stop().catch((error: unknown) => process.stderr.write(`bench: stopping ${next.name}: ${String(error)}\n`));
    }
    fs.rmSync(workDir, { recursive: true, force: true });
    workDirs.delete(workDir);
  };

  try {
    const databases = {
      auth: uniqueName('bench_auth'),
      songs: uniqueName('bench_songs'),
      query: uniqueName('bench_query'),
      events: uniqueName('bench_events'),
    };
    await beforeServices(mongo.url, databases);
    const shared = {
      NODE_ENV: 'production',
      MONGO_URL: mongo.url,
      IDENTITY_TOKEN_SECRET: BENCH_SECRETS.IDENTITY_TOKEN_SECRET,
    };
    const bus = { EVENT_BUS: 'embedded', EVENT_BUS_DATABASE: databases.events, EVENT_BUS_POLL_INTERVAL_MS };
    const storagePort = await freePort();
    const [auth, songs, query] = await Promise.all([
      startService('auth', ENTRIES.auth, { ...shared, MONGO_DATABASE: databases.auth }),
      startService('songs', ENTRIES.songs, {
        ...shared,
        ...bus,
        MONGO_DATABASE: databases.songs,
        WORKER_WEBHOOK_SECRET: BENCH_SECRETS.WORKER_WEBHOOK_SECRET,
        STORAGE_DRIVER: 'local',
        STORAGE_LOCAL_DIR: path.join(workDir, 'storage'),
        STORAGE_PUBLIC_URL: `http://127.0.0.1:${storagePort}`,
        STORAGE_SIGNING_SECRET: BENCH_SECRETS.STORAGE_SIGNING_SECRET,
      }),
      // The benches read the query subgraph directly too (propagation lag, seeding), not only via the router.
      startService('query', ENTRIES.query, { ...shared, ...bus, MONGO_DATABASE: databases.query, REQUIRE_ROUTER_IDENTITY: 'false' }),
    ]);
    const supergraphPath = path.join(workDir, 'supergraph.graphql');
    fs.copyFileSync(SUPERGRAPH, supergraphPath);
    const router = await startService('router', ENTRIES.router, {
      NODE_ENV: 'production',
      IDENTITY_TOKEN_SECRET: BENCH_SECRETS.IDENTITY_TOKEN_SECRET,
      SUPERGRAPH_PATH: supergraphPath,
      SUPERGRAPH_WATCH: 'false',
      SUBGRAPH_AUTH_URL: auth.url,
      SUBGRAPH_SONGS_URL: songs.url,
      SUBGRAPH_QUERY_URL: query.url,
      AUTH_JWKS_URL: `${auth.baseUrl}/.well-known/jwks.json`,
      AUTH_INTERNAL_URL: auth.baseUrl,
      ...ROUTER_BENCH_ENV,
    });
    const pids = {
      mongo: mongo.process?.pid,
      auth: auth.process.pid,
      songs: songs.process.pid,
      query: query.process.pid,
      router: router.process.pid,
    };
    return { mongoUrl: mongo.url, databases, auth, songs, query, router, pids, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** CPU time (user + system, ms) each process used so far, from /proc; empty where there is no /proc. */
export function cpuTimesMs(pids: Record<string, number | undefined>): Record<string, number> {
  const times: Record<string, number> = {};
  for (const [name, pid] of Object.entries(pids)) {
    if (pid === undefined) continue;
    try {
      // Fields after the command's closing parenthesis: state is [0], utime [11], stime [12] (clock ticks).
      const fields = (fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1] as string).split(' ');
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
): Promise<{ status: number; text: string; data?: T | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }> {
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
