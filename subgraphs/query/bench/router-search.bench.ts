/**
 * Search through the router under load: the web app's search-page operation (web/src, page size
 * 10, with its albums, artists and facets; the router fetches from songs what the query subgraph
 * does not hold, e.g. covers and stream URLs) for a mix of generated queries (exact, one typo, as-you-type prefix, with a
 * genre/year/artist filter), sent by autocannon over BENCH_CONNECTIONS (50) keep-alive
 * connections for BENCH_ROUTER_DURATION_S (20) seconds after BENCH_ROUTER_WARMUP_S (5) of
 * warm-up. Every response is checked: a non-2xx, a GraphQL `errors` entry or a null song counts
 * as failed. The router runs with rate limits off (ROUTER_BENCH_ENV) and its other limits at
 * their defaults (max cost 5,000).
 */
import { loadavg } from 'node:os';
import autocannon from 'autocannon';
import { generateQueries, type Catalogue } from './catalogue';
import {
  CPU_PROF_DIR,
  cpuTimesMs,
  graphql,
  ROUTER_BENCH_ENV,
  startCpuProfiles,
  type BenchStack,
} from './bench-stack';
import { unlessFailed, type Emit } from './bench-stats';
import type { SeededCatalogue } from './seed-catalogue';
import type { Load } from './router-figures.bench';
import { webOperation, webSearchPageSizes } from './web-search-document';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const DURATION_S = Number(process.env.BENCH_ROUTER_DURATION_S ?? 20);
const WARMUP_S = Number(process.env.BENCH_ROUTER_WARMUP_S ?? 5);
const QUERY_COUNT = 1_000;
/** Requests sent one by one before the load, each fully checked (shape, no errors, every song resolved). */
const PREFLIGHT = 40;

interface SearchResponse {
  search: {
    songs: {
      totalCount: number;
      edges: Array<{ node: { id: string; title: string; artist: { name: string } } | null }>;
    };
    albums: Array<{ id: string } | null>;
    artists: Array<{ id: string } | null>;
    facets: Array<{ name: string }>;
  };
}

/** The paced run's rate, as a share of the saturated run's throughput, and its length. */
const PACED_SHARE = 0.5;
const PACED_DURATION_S = 10;

/** A response the web app could render: 2xx (checked by autocannon), data, no errors, no null song. */
function goodBody(raw: string | Buffer | undefined): boolean {
  const body = String(raw ?? '');
  return (
    body.startsWith('{"data":{') &&
    body.includes('"search":{') &&
    !body.includes('"errors"') &&
    !body.includes('"node":null')
  );
}

export async function routerSearchBench(
  stack: BenchStack,
  catalogue: Catalogue,
  seeded: SeededCatalogue,
  emit: Emit,
  /** The stack's CPU doing nothing, % of a core per process (stack_idle_cpu_pct's by_process). */
  idleCpuPct: Record<string, number> = {},
): Promise<{ load: Load; rps: number; p99: number; failed: number; requests: number }> {
  const operation = webOperation('Search');
  const sizes = webSearchPageSizes();
  const bodies = generateQueries(catalogue, QUERY_COUNT, 21).map((q) => {
    const filter: { genre?: string; year?: number; artistId?: string } = {};
    if (q.filter.genre) filter.genre = q.filter.genre;
    if (q.filter.year) filter.year = q.filter.year;
    if (q.filter.artistId) filter.artistId = seeded.artistIds.get(q.filter.artistId) as string;
    const variables = {
      query: q.text,
      filter: Object.keys(filter).length ? filter : null,
      first: sizes.first,
      others: sizes.others,
      // An anonymous visitor, as the web's search page sends it (no hearts of its own).
      signedIn: false,
    };
    return {
      variables,
      body: JSON.stringify({
        operationName: operation.operationName,
        variables,
        query: operation.query,
      }),
    };
  });
  // As the web app's server-side Apollo Client sends it (anonymous visitor).
  const headers = {
    'content-type': 'application/json',
    accept: 'application/graphql-response+json,application/json;q=0.9',
    'apollographql-client-name': 'groovy-web',
  };

  // Preflight: the document passes the router's limits and resolves across both subgraphs.
  let withHits = 0;
  for (const { variables } of bodies.slice(0, PREFLIGHT)) {
    const result = await graphql<SearchResponse>(
      stack.router.url,
      operation.query,
      variables,
      headers,
    );
    if (result.status !== 200 || result.errors || !result.data || !goodBody(result.text)) {
      throw new Error(
        `router search preflight failed (${result.status}) for ${JSON.stringify(variables)}: ${result.text.slice(0, 800)}`,
      );
    }
    const edges = result.data.search.songs.edges;
    if (edges.some((edge) => !edge.node || !edge.node.title || !edge.node.artist?.name)) {
      throw new Error(
        `router search preflight: a song did not resolve from songs: ${JSON.stringify(edges)}`,
      );
    }
    if (edges.length) withHits += 1;
  }
  if (withHits < PREFLIGHT / 2)
    throw new Error(
      `router search preflight: only ${withHits}/${PREFLIGHT} queries found songs; the catalogue is not searchable`,
    );

  let next = 0;
  const options: autocannon.Options = {
    url: stack.router.url,
    method: 'POST',
    headers,
    connections: CONNECTIONS,
    // One global round robin over the mix (each connection takes the next query).
    requests: [
      {
        setupRequest: (request) => {
          const { body } = bodies[next++ % bodies.length] as { body: string };
          return { ...request, body };
        },
      },
    ],
    verifyBody: goodBody,
  };
  await autocannon({ ...options, duration: WARMUP_S });
  const loadStart = loadavg()[0] as number;
  startCpuProfiles(stack);
  const cpuStart = cpuTimesMs(stack.pids);
  const measuredStart = performance.now();
  const result = await autocannon({ ...options, duration: DURATION_S });
  const measuredMs = performance.now() - measuredStart;
  const cpuEnd = cpuTimesMs(stack.pids);
  const loadEnd = loadavg()[0] as number;

  const failed = result.errors + result.timeouts + result.non2xx + result.mismatches;
  const extra = {
    connections: CONNECTIONS,
    duration_s: DURATION_S,
    songs: seeded.songs,
    page_size: sizes.first,
    others: sizes.others,
    operation: `web ${operation.operationName} (web/src/gql/persisted-documents.json)`,
    caller: 'anonymous',
    router: `rate limits off (${Object.entries(ROUTER_BENCH_ENV)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')}); cost/depth/alias limits at defaults`,
    loadavg_1m: [Math.round(loadStart * 100) / 100, Math.round(loadEnd * 100) / 100],
    ...(CPU_PROF_DIR ? { cpu_profiling: 'on (slower)' } : {}),
  };
  const requests = result.requests.total;
  const valid = (value: number, more: Record<string, unknown> = extra) =>
    unlessFailed(value, failed, requests, more);
  emit('router_search_p50_ms', ...valid(result.latency.p50));
  emit('router_search_p90_ms', ...valid(result.latency.p90));
  emit('router_search_p99_ms', ...valid(result.latency.p99, { ...extra, goal_ms: 50 }));
  emit('router_search_max_ms', ...valid(result.latency.max));
  emit(
    'router_search_rps',
    ...valid(result.requests.average, { ...extra, goal: '>= 402 (3 x 134)' }),
  );
  emit('router_search_requests', requests, extra);
  emit(
    'router_search_response_bytes',
    result.throughput.total / Math.max(1, result.requests.total),
    extra,
  );
  emit('router_search_failed', failed, {
    ...extra,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    graphql_errors_or_null_songs: result.mismatches,
    expected: 0,
  });
  // Where the time goes: CPU per request of each process (bench = autocannon and this script).
  const perRequest: Record<string, number> = {};
  for (const [name, end] of Object.entries(cpuEnd)) {
    perRequest[name] =
      Math.round(((end - (cpuStart[name] ?? end)) / Math.max(1, result.requests.total)) * 100) /
      100;
  }
  const total = Object.entries(perRequest).reduce(
    (sum, [name, ms]) => (name === 'bench' ? sum : sum + ms),
    0,
  );
  emit(
    'router_search_cpu_ms_per_request',
    ...valid(total, {
      ...extra,
      by_process: perRequest,
      goal: '<= 5',
      note: 'services only (bench excluded), idle CPU included; /proc',
    }),
  );
  // The same with what the services burn doing nothing over the run subtracted (the embedded
  // bus's polling): what a request itself costs. Not the issue's figure; for reading it.
  const seconds = measuredMs / 1000;
  const idlePerRequest: Record<string, number> = {};
  let idleTotal = 0;
  for (const [name, pct] of Object.entries(idleCpuPct)) {
    const ms = ((pct / 100) * seconds * 1000) / Math.max(1, requests);
    idlePerRequest[name] = Math.round(ms * 100) / 100;
    idleTotal += ms;
  }
  emit(
    'router_search_cpu_ms_per_request_idle_subtracted',
    ...valid(Math.round((total - idleTotal) * 100) / 100, {
      ...extra,
      idle_ms_per_request_subtracted: idlePerRequest,
      note: 'router_search_cpu_ms_per_request less stack_idle_cpu_pct over the measured seconds',
    }),
  );

  // The saturated run measures queueing: with a closed loop of 50 connections, latency ≈ 50 /
  // throughput. Two more figures say what a caller sees when the stack is not saturated: the same
  // 50 connections paced at half the throughput just measured, and one connection alone.
  const pacedRate = Math.max(1, Math.floor(result.requests.average * PACED_SHARE));
  const paced = await autocannon({
    ...options,
    duration: PACED_DURATION_S,
    overallRate: pacedRate,
  });
  const pacedExtra = {
    ...extra,
    duration_s: PACED_DURATION_S,
    paced_rps: pacedRate,
    paced_share_of_saturated: PACED_SHARE,
  };
  const pacedFailed = paced.errors + paced.timeouts + paced.non2xx + paced.mismatches;
  const pacedValid = (value: number, more: Record<string, unknown> = pacedExtra) =>
    unlessFailed(value, pacedFailed, paced.requests.total, more);
  emit('router_search_paced_p50_ms', ...pacedValid(paced.latency.p50));
  emit(
    'router_search_paced_p99_ms',
    ...pacedValid(paced.latency.p99, { ...pacedExtra, goal_ms: 50 }),
  );
  emit(
    'router_search_paced_failed',
    paced.errors + paced.timeouts + paced.non2xx + paced.mismatches,
    {
      ...pacedExtra,
      expected: 0,
    },
  );
  const single = await autocannon({ ...options, connections: 1, duration: PACED_DURATION_S });
  const singleExtra = { ...extra, connections: 1, duration_s: PACED_DURATION_S };
  const singleFailed = single.errors + single.timeouts + single.non2xx + single.mismatches;
  const singleValid = (value: number) =>
    unlessFailed(value, singleFailed, single.requests.total, singleExtra);
  emit('router_search_single_connection_p50_ms', ...singleValid(single.latency.p50));
  emit('router_search_single_connection_p99_ms', ...singleValid(single.latency.p99));
  emit(
    'router_search_single_connection_failed',
    single.errors + single.timeouts + single.non2xx + single.mismatches,
    {
      ...singleExtra,
      expected: 0,
    },
  );
  if (failed > 0) {
    // Show what a failure looks like, for the report.
    const sample = await graphql(
      stack.router.url,
      operation.query,
      bodies[0]?.variables ?? {},
      headers,
    ).catch((error: unknown) => String(error));
    process.stderr.write(
      `bench: ${failed} router search requests failed; a sample answer now: ${JSON.stringify(sample).slice(0, 800)}\n`,
    );
  }
  return {
    load: { bodies: bodies.map(({ body }) => body), good: goodBody },
    rps: result.requests.average,
    p99: result.latency.p99,
    failed,
    requests,
  };
}
