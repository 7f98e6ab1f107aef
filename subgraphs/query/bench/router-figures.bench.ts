/**
 * Issue 14's figures beside the search load of router-search.bench.ts, on the same stack and
 * catalogue, one after the other in one run:
 *
 * - `router_search_baseline_*`: the same search load through a second router process on the
 *   supergraph before the query subgraph held covers and streams (BENCH_BASELINE_REF, git), over
 *   the same subgraphs: what the one-fetch plan is worth.
 * - `router_search_hive_*`: Hive Gateway (bench/hive-gateway.ts) on our supergraph, same load.
 * - `router_search_open_loop_*`: a constant-arrival generator (BENCH_OPEN_LOOP_RPS, 100/s): each
 *   request is sent at its scheduled time whether or not earlier ones answered, and its latency is
 *   counted from that time, so queueing shows.
 * - `router_home_*`, `router_song_page_*`: the web's Discover (home page) and Song documents.
 * - `router_search_cached_*`: a router with the response cache on; queries drawn Zipf(1) over the
 *   1,000 queries, so popular searches repeat (the repeat ratio is printed with it).
 *
 * CPU per request is summed over the services (Mongo, auth, songs, query, preferences and the
 * router under load; the idle routers are left out), from /proc.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { loadavg } from 'node:os';
import autocannon from 'autocannon';
import { spawnService, type SpawnedService } from '@groovy/common/testing';
import { cpuTimesMs, type BenchStack } from './bench-stack';
import { percentile, unlessFailed, type Emit } from './bench-stats';
import type { SeededCatalogue } from './seed-catalogue';
import { webOperation } from './web-search-document';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const DURATION_S = Number(process.env.BENCH_EXTRA_DURATION_S ?? 10);
const WARMUP_S = Number(process.env.BENCH_EXTRA_WARMUP_S ?? 3);
const OPEN_LOOP_RPS = Number(process.env.BENCH_OPEN_LOOP_RPS ?? 100);
const OPEN_LOOP_S = Number(process.env.BENCH_OPEN_LOOP_S ?? 10);
/** The commit whose supergraph is the baseline (before the read model held covers and streams). */
const BASELINE_REF = process.env.BENCH_BASELINE_REF ?? '3e4c5aa';
const ROOT = path.resolve(__dirname, '..', '..', '..');
const HEADERS = {
  'content-type': 'application/json',
  accept: 'application/graphql-response+json,application/json;q=0.9',
  'apollographql-client-name': 'groovy-web',
};

export interface Load {
  bodies: string[];
  /** A good answer (2xx is checked by autocannon). */
  good: (body: string) => boolean;
  /** Index of the next body to send (default: round robin). */
  pick?: () => number;
}

interface Measured {
  rps: number;
  p50: number;
  p99: number;
  failed: number;
  requests: number;
  cpuMsPerRequest: number;
  byProcess: Record<string, number>;
  /** The start of the first answer that was not good (for the report), if any. */
  sampleFailure?: string;
}

/** Closed loop (autocannon, CONNECTIONS connections) against `url`, with CPU of `pids` per request. */
async function closedLoop(
  url: string,
  load: Load,
  pids: Record<string, number | undefined>,
): Promise<Measured> {
  let next = 0;
  const pick = load.pick ?? (() => next++ % load.bodies.length);
  let sampleFailure: string | undefined;
  const options: autocannon.Options = {
    url,
    method: 'POST',
    headers: HEADERS,
    connections: CONNECTIONS,
    requests: [
      { setupRequest: (request) => ({ ...request, body: load.bodies[pick()] as string }) },
    ],
    verifyBody: (body) => {
      const text = String(body ?? '');
      const good = load.good(text);
      if (!good && sampleFailure === undefined) sampleFailure = text.slice(0, 400);
      return good;
    },
  };
  await autocannon({ ...options, duration: WARMUP_S });
  const start = cpuTimesMs(pids);
  const result = await autocannon({ ...options, duration: DURATION_S });
  const end = cpuTimesMs(pids);
  const requests = Math.max(1, result.requests.total);
  const byProcess: Record<string, number> = {};
  let total = 0;
  for (const [name, ms] of Object.entries(end)) {
    if (name === 'bench') continue;
    const perRequest = (ms - (start[name] ?? ms)) / requests;
    byProcess[name] = Math.round(perRequest * 100) / 100;
    total += perRequest;
  }
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failed: result.errors + result.timeouts + result.non2xx + result.mismatches,
    requests: result.requests.total,
    cpuMsPerRequest: Math.round(total * 100) / 100,
    byProcess,
    ...(sampleFailure === undefined ? {} : { sampleFailure }),
  };
}

/** Constant arrival: one request every 1/rate s for `seconds`, latency from its scheduled time. */
async function openLoop(
  url: string,
  load: Load,
  rate: number,
  seconds: number,
): Promise<{ p50: number; p99: number; max: number; sent: number; failed: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const target = new URL(url);
  const latencies: number[] = [];
  let failed = 0;
  const total = Math.round(rate * seconds);
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  const send = (body: string, scheduled: number) =>
    new Promise<void>((resolve) => {
      const request = http.request(
        {
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          headers: HEADERS,
          agent,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            latencies.push(performance.now() - scheduled);
            if (response.statusCode !== 200 || !load.good(Buffer.concat(chunks).toString('utf8')))
              failed += 1;
            resolve();
          });
        },
      );
      request.on('error', () => {
        failed += 1;
        resolve();
      });
      request.end(body);
    });
  for (let index = 0; index < total; index += 1) {
    const scheduled = started + (index * 1000) / rate;
    const wait = scheduled - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(send(load.bodies[index % load.bodies.length] as string, scheduled));
  }
  await Promise.all(inFlight);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 10) / 10;
  return {
    p50: round(percentile(latencies, 50)),
    p99: round(percentile(latencies, 99)),
    max: round(latencies[latencies.length - 1] ?? 0),
    sent: total,
    failed,
  };
}

/** Another router process over the stack's subgraphs (its own supergraph file and settings). */
async function startRouter(
  stack: BenchStack,
  supergraphPath: string,
  env: Record<string, string>,
): Promise<SpawnedService> {
  return spawnService({
    name: `router (${path.basename(supergraphPath)}, ${JSON.stringify(env)})`,
    entry: path.join(ROOT, 'router', 'dist', 'index.js'),
    cwd: path.join(ROOT, 'router'),
    // INTERNAL_PORT: production serves /metrics on 9400 by default, taken by the stack's router.
    env: { ...stack.routerEnv, SUPERGRAPH_PATH: supergraphPath, INTERNAL_PORT: '0', ...env },
    startTimeoutMs: 120_000,
  });
}

async function startHive(stack: BenchStack, supergraphPath: string): Promise<SpawnedService> {
  return spawnService({
    name: 'hive gateway',
    startTimeoutMs: 120_000,
    entry: path.join(__dirname, 'hive-gateway.ts'),
    cwd: path.resolve(__dirname, '..'),
    env: {
      NODE_OPTIONS: '--require @swc-node/register',
      NODE_ENV: 'production',
      HIVE_SUPERGRAPH_PATH: supergraphPath,
      IDENTITY_TOKEN_SECRET: stack.routerEnv.IDENTITY_TOKEN_SECRET,
      HIVE_SUBGRAPH_URLS: JSON.stringify({
        auth: stack.auth.url,
        songs: stack.songs.url,
        query: stack.query.url,
        preferences: stack.preferences.url,
      }),
    },
  });
}

/** The stack's services without its own router (idle while another one is measured), plus `pid`. */
function pidsWith(stack: BenchStack, name: string, pid: number | undefined) {
  const { router: _router, ...services } = stack.pids;
  return { ...services, [name]: pid };
}

/** Zipf(1) over n items: item k (0-based) with probability ∝ 1/(k+1). */
function zipfPicker(n: number, seed: number): () => number {
  const cumulative: number[] = [];
  let sum = 0;
  for (let k = 0; k < n; k += 1) cumulative.push((sum += 1 / (k + 1)));
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const target = (state / 2 ** 32) * sum;
    let low = 0;
    let high = n - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((cumulative[mid] as number) < target) low = mid + 1;
      else high = mid;
    }
    return low;
  };
}

/** rps, p99 and CPU per request of a load (null, with why, when any request failed), and its failures. */
function emitMeasured(
  emit: Emit,
  prefix: string,
  measured: Measured,
  extra: Record<string, unknown>,
) {
  const valid = (value: number, more: Record<string, unknown> = extra) =>
    unlessFailed(value, measured.failed, measured.requests, more);
  emit(`${prefix}_rps`, ...valid(Math.round(measured.rps)));
  emit(`${prefix}_p99_ms`, ...valid(measured.p99));
  emit(
    `${prefix}_cpu_ms_per_request`,
    ...valid(measured.cpuMsPerRequest, { ...extra, by_process: measured.byProcess }),
  );
  emit(`${prefix}_failed`, measured.failed, {
    ...extra,
    requests: measured.requests,
    expected: 0,
    ...(measured.failed ? { sample_failure: measured.sampleFailure } : {}),
  });
}

export async function routerFiguresBench(
  stack: BenchStack,
  seeded: SeededCatalogue,
  search: { load: Load; rps: number; p99: number; failed: number; requests: number },
  emit: Emit,
): Promise<void> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'groovy-bench-routers-'));
  const started: SpawnedService[] = [];
  const base = {
    connections: CONNECTIONS,
    duration_s: DURATION_S,
    caller: 'anonymous',
  };
  const load = () => {
    const [one, five] = loadavg();
    return [Math.round((one as number) * 100) / 100, Math.round((five as number) * 100) / 100];
  };
  try {
    const current = path.join(workDir, 'supergraph.graphql');
    fs.copyFileSync(path.join(ROOT, 'schemas', 'supergraph.graphql'), current);

    // Baseline: the supergraph before the read model held covers and streams.
    let baselineSupergraph: string | undefined;
    try {
      baselineSupergraph = path.join(workDir, 'baseline-supergraph.graphql');
      fs.writeFileSync(
        baselineSupergraph,
        execFileSync('git', ['show', `${BASELINE_REF}:schemas/supergraph.graphql`], { cwd: ROOT }),
      );
    } catch (error) {
      baselineSupergraph = undefined;
      process.stderr.write(`bench: no baseline supergraph at ${BASELINE_REF}: ${String(error)}\n`);
    }
    if (baselineSupergraph) {
      const router = await startRouter(stack, baselineSupergraph, {});
      started.push(router);
      const measured = await closedLoop(
        router.url,
        search.load,
        pidsWith(stack, 'router', router.process.pid),
      );
      const extra = { ...base, supergraph: `git ${BASELINE_REF}`, loadavg: load() };
      emitMeasured(emit, 'router_search_baseline', measured, extra);
      emit(
        'router_search_vs_baseline_rps_ratio',
        ...unlessFailed(
          Math.round((search.rps / measured.rps) * 100) / 100,
          measured.failed + search.failed,
          measured.requests + search.requests,
          {
            ...extra,
            goal: '>= 3',
            note: 'router_search_rps / router_search_baseline_rps; same stack, same code, only the plan differs',
          },
        ),
      );
      await router.stop();
    }

    // Hive Gateway, same supergraph, same load.
    const hive = await startHive(stack, current);
    started.push(hive);
    const hiveMeasured = await closedLoop(
      hive.url,
      search.load,
      pidsWith(stack, 'hive', hive.process.pid),
    );
    const hiveExtra = { ...base, gateway: '@graphql-hive/gateway-runtime', loadavg: load() };
    emitMeasured(emit, 'router_search_hive', hiveMeasured, hiveExtra);
    emit(
      'router_search_vs_hive_rps_ratio',
      ...unlessFailed(
        Math.round((search.rps / hiveMeasured.rps) * 100) / 100,
        hiveMeasured.failed + search.failed,
        hiveMeasured.requests + search.requests,
        {
          ...hiveExtra,
          goal: '>= 1.0',
          router_p99_ms: search.p99,
          hive_p99_ms: hiveMeasured.p99,
          note: 'the router measured first (router_search_rps), Hive right after on the same stack',
        },
      ),
    );
    await hive.stop();

    // Open loop, on the stack's router.
    const open = await openLoop(stack.router.url, search.load, OPEN_LOOP_RPS, OPEN_LOOP_S);
    const openExtra = {
      offered_rps: OPEN_LOOP_RPS,
      duration_s: OPEN_LOOP_S,
      sent: open.sent,
      p50_ms: open.p50,
      max_ms: open.max,
      failed: open.failed,
      generator: 'constant arrival, latency from the scheduled send time',
      loadavg: load(),
    };
    emit(
      'router_search_open_loop_p99_ms',
      ...unlessFailed(open.p99, open.failed, open.sent, { ...openExtra, goal_ms: 50 }),
    );
    emit('router_search_open_loop_failed', open.failed, { ...openExtra, expected: 0 });

    // Home page (Discover) and song page, on the stack's router.
    const discover = webOperation('Discover');
    const home = await closedLoop(
      stack.router.url,
      {
        bodies: [
          JSON.stringify({
            operationName: 'Discover',
            query: discover.query,
            variables: { first: 12, signedIn: false }, // anonymous, as the web's home page sends it
          }),
        ],
        good: (body) => body.startsWith('{"data":{') && !body.includes('"errors"'),
      },
      stack.pids,
    );
    emitMeasured(emit, 'router_home', home, {
      ...base,
      operation: 'web Discover (first: 12, signedIn: false)',
      loadavg: load(),
    });

    const songPage = webOperation('Song');
    const songIds = seeded.songIds.slice(0, 1_000);
    const song = await closedLoop(
      stack.router.url,
      {
        bodies: songIds.map((id) =>
          JSON.stringify({ operationName: 'Song', query: songPage.query, variables: { id } }),
        ),
        good: (body) =>
          body.startsWith('{"data":{"__typename":"Query","song":{') && !body.includes('"errors"'),
      },
      stack.pids,
    );
    emitMeasured(emit, 'router_song_page', song, {
      ...base,
      operation: `web Song, ${songIds.length} songs round robin`,
      loadavg: load(),
    });

    // The response cache on: a router with it, Zipf(1) over the search mix.
    const cachedRouter = await startRouter(stack, current, { RESPONSE_CACHE_ENABLED: 'true' });
    started.push(cachedRouter);
    const picks: number[] = [];
    const zipf = zipfPicker(search.load.bodies.length, 14);
    const cached = await closedLoop(
      cachedRouter.url,
      {
        ...search.load,
        pick: () => {
          const index = zipf();
          picks.push(index);
          return index;
        },
      },
      pidsWith(stack, 'router', cachedRouter.process.pid),
    );
    const repeatRatio = 1 - new Set(picks).size / Math.max(1, picks.length);
    const cachedExtra = {
      ...base,
      mix: 'Zipf(1) over the 1,000 search queries',
      repeat_ratio: Math.round(repeatRatio * 1000) / 1000,
      hint_s: 30,
      note: 'repeat ratio over warm-up and load: requests that repeat an earlier one (hits while within the 30 s hint)',
      loadavg: load(),
    };
    emitMeasured(emit, 'router_search_cached', cached, cachedExtra);
  } finally {
    await Promise.all(started.map((service) => service.stop().catch(() => undefined)));
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}
