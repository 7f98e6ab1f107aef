// `npm run bench:subscriptions` (also the last part of `npm run bench`): subscription fan-out
// through the router. N graphql-ws clients — each a different signed-in user, so each gets its own
// upstream socket, as Jam participants do — subscribe through the router (its own process, started
// from src/index.ts) to the fixture "live" subgraph. For every event the router resolves the rest
// of the plan per subscription (Song from the library fixture, its uploader from accounts), so
// `songPlayed` is the federated case and `ticks` (no entity fetch) the pass-through case.
// Events are published one at a time; each waits until every client has it. Figures, one JSON
// line each: event → client latency p50/p95/p99 (publish in the subgraph → message parsed by the
// client, one clock: same process), the router's CPU per event and per delivery (from its own
// /metrics `process_cpu_seconds_total`), upstream sockets and router memory per client socket.
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { spawnService } from '@groovy/common/testing';
import {
  connectClient,
  startSubscriptionStack,
  subscribe,
  type TestWsClient,
} from '../src/__tests__/fixtures/subscription-stack';
import { testRouterVariables } from '../src/__tests__/fixtures/test-stack';

const CLIENT_COUNTS = (process.env.BENCH_SUB_CLIENTS ?? '1,25,100')
  .split(',')
  .map((count) => Number(count.trim()))
  .filter((count) => count > 0);
const EVENTS = Number(process.env.BENCH_SUB_EVENTS ?? 30);

const OPERATIONS = {
  songPlayed:
    'subscription Played { songPlayed { id note song { title uploader { displayName } } } }',
  ticks: 'subscription Ticks { ticks { n } }',
} as const;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function metricValue(metricsUrl: string, name: string): Promise<number> {
  const text = await (await fetch(metricsUrl)).text();
  const total = text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
  return total;
}

async function main() {
  const stack = await startSubscriptionStack();
  const router = await spawnService({
    name: 'router',
    entry: path.join(__dirname, '..', 'src', 'index.ts'),
    cwd: path.join(__dirname, '..'),
    env: {
      ...testRouterVariables(stack.auth, stack.supergraphPath),
      NODE_OPTIONS: '--import tsx',
      LOG_LEVEL: 'info',
      WS_MAX_CONNECTIONS_PER_ADDRESS: '100000',
      SUBSCRIPTIONS_MAX_PER_CALLER: '100000',
      SUBSCRIPTIONS_MAX_PER_CONNECTION: '100',
    },
    startTimeoutMs: 60_000,
  });
  const metricsUrl = `${router.baseUrl}/metrics`;
  try {
    // Baseline: the same entity fetches as one songPlayed event, as an HTTP query, one at a time.
    const httpLatencies: number[] = [];
    let httpCpuBefore = 0;
    for (let index = 0; index < 5 + EVENTS; index += 1) {
      if (index === 5) httpCpuBefore = await metricValue(metricsUrl, 'process_cpu_seconds_total');
      const started = performance.now();
      const response = await fetch(router.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: `{ song(id: "s${(index % 50) + 1}") { title uploader { displayName } } }`,
        }),
      });
      await response.json();
      if (index >= 5) httpLatencies.push(performance.now() - started);
    }
    const httpCpuMs =
      ((await metricValue(metricsUrl, 'process_cpu_seconds_total')) - httpCpuBefore) * 1000;
    httpLatencies.sort((a, b) => a - b);
    console.log(
      JSON.stringify({
        bench: 'router-subscriptions',
        operation: 'httpQueryBaseline',
        requests: httpLatencies.length,
        p50Ms: Number(percentile(httpLatencies, 50).toFixed(3)),
        p99Ms: Number(percentile(httpLatencies, 99).toFixed(3)),
        routerCpuMsPerRequest: Number((httpCpuMs / httpLatencies.length).toFixed(3)),
      }),
    );

    for (const kind of Object.keys(OPERATIONS) as Array<keyof typeof OPERATIONS>) {
      for (const clients of CLIENT_COUNTS) {
        const rssIdle = await metricValue(metricsUrl, 'process_resident_memory_bytes');
        const connections: TestWsClient[] = [];
        const subscriptions = [];
        for (let index = 0; index < clients; index += 1) {
          const token = await stack.auth.signAccessToken(`bench-${index}`);
          const connection = connectClient(router.url, { authorization: `Bearer ${token}` });
          connections.push(connection);
          subscriptions.push(subscribe(connection.client, OPERATIONS[kind]));
        }
        await stack.live.until((state) => state.subscriptions === clients);
        const upstreamSockets = stack.live.sockets();
        const rssLoaded = await metricValue(metricsUrl, 'process_resident_memory_bytes');

        // Each event carries its number; its publish time is kept here (one clock: this process).
        const published = new Map<number, number>();
        const publish = (index: number) => {
          published.set(index, performance.now());
          if (kind === 'songPlayed')
            stack.live.publishPlay({
              id: `e${index}`,
              songId: `s${(Math.abs(index) % 50) + 1}`,
              note: String(index),
            });
          else stack.live.publishTick(index);
        };
        const sentAt = (result: { data?: Record<string, unknown> | null; errors?: unknown }) => {
          if (!result.data) throw new Error(`an event failed: ${JSON.stringify(result.errors)}`);
          const index =
            kind === 'songPlayed'
              ? Number((result.data.songPlayed as { note: string }).note)
              : (result.data.ticks as { n: number }).n;
          return published.get(index)!;
        };

        // Warm-up: the planner, keep-alive pools and JIT.
        for (let index = -5; index < 0; index += 1) {
          publish(index);
          await Promise.all(subscriptions.map((subscription) => subscription.next()));
        }
        const latencies: number[] = [];
        const cpuBefore = await metricValue(metricsUrl, 'process_cpu_seconds_total');
        const started = performance.now();
        for (let index = 0; index < EVENTS; index += 1) {
          publish(index);
          const results = await Promise.all(
            subscriptions.map(async (subscription) => {
              const result = await subscription.next();
              return performance.now() - sentAt(result);
            }),
          );
          latencies.push(...results);
        }
        const elapsedMs = performance.now() - started;
        const cpuMs =
          ((await metricValue(metricsUrl, 'process_cpu_seconds_total')) - cpuBefore) * 1000;
        latencies.sort((a, b) => a - b);
        const round = (value: number) => Number(value.toFixed(3));
        console.log(
          JSON.stringify({
            bench: 'router-subscriptions',
            operation: kind,
            clients,
            events: EVENTS,
            deliveries: latencies.length,
            p50Ms: round(percentile(latencies, 50)),
            p95Ms: round(percentile(latencies, 95)),
            p99Ms: round(percentile(latencies, 99)),
            routerCpuMsPerEvent: round(cpuMs / EVENTS),
            routerCpuMsPerDelivery: round(cpuMs / latencies.length),
            deliveriesPerSecond: Math.round(latencies.length / (elapsedMs / 1000)),
            upstreamSockets,
            // RSS with the clients connected minus RSS before (noisy: GC timing), per client.
            routerRssBytesPerClient: Math.round((rssLoaded - rssIdle) / clients),
          }),
        );
        await Promise.all(connections.map((connection) => connection.dispose()));
        await stack.live.until((state) => state.sockets === 0 && state.subscriptions === 0);
      }
    }
  } finally {
    await router.stop();
    await stack.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
