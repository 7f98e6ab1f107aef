// `npm run bench`: the price of the router. The same `me` query (a signed-in user reading their
// profile) is sent by autocannon (BENCH_CONNECTIONS connections, BENCH_DURATION_S seconds each)
//   (a) straight to the subgraph, with the identity header the router would add, and
//   (b) through our router, with a Bearer access token it verifies (ES256, JWKS cached),
// and (c) through Hive Gateway (@graphql-hive/gateway-runtime) over the same supergraph.
// The subgraph is the real auth subgraph, built, in its own process, on a fresh embedded Mongo
// (each `me` reads the user from its database). One JSON line per figure; then the ratios b/a,
// c/a and b/c.
// `hostile` (issue 13, finding 2): /healthz latency while other clients keep sending the review's
// hostile batch (10 × one field repeated 540 times, ~70 KB), next to /healthz latency at rest.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import autocannon from 'autocannon';
import { IDENTITY_HEADER, signIdentityToken } from '@groovy/common/identity';
import { spawnService, startTestMongo, TEST_ENVIRONMENT } from '@groovy/common/testing';
import { parseRouterEnvironment } from '../src/environment';
import { startRouter } from '../src/start-router';
import { composeSupergraph, fetchSdl } from '../src/__tests__/fixtures/test-stack';
import { createLogger } from '@groovy/common/logging';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
/** Which hops to measure (default `direct,router,hive`; `router-anonymous` too on demand). */
const TARGETS = new Set(
  (process.env.BENCH_TARGETS ?? 'direct,router,hive,hostile')
    .split(',')
    .map((target) => target.trim()),
);
const QUERY = JSON.stringify({ query: 'query Me { me { user { id displayName } } }' });

interface Figure {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

async function load(target: string, url: string, headers: Record<string, string>): Promise<Figure> {
  const options = {
    url,
    method: 'POST' as const,
    headers: { 'content-type': 'application/json', ...headers },
    body: QUERY,
    connections: CONNECTIONS,
    workers: 1,
  };
  // Warm up (JIT, connection pools, JWKS and query-plan caches), then measure.
  await autocannon({ ...options, duration: 2 });
  const result = await autocannon({ ...options, duration: DURATION_S });
  const figure = {
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
  };
  const failed = result.errors + result.timeouts + result.non2xx;
  console.log(
    JSON.stringify({
      bench: 'router',
      target,
      connections: CONNECTIONS,
      durationS: DURATION_S,
      ...figure,
      requests: result.requests.total,
      failed,
    }),
  );
  if (failed > 0) throw new Error(`${target}: ${failed} requests failed`);
  return figure;
}

function ratio(name: string, through: Figure, direct: Figure) {
  console.log(
    JSON.stringify({
      bench: 'router',
      figure: name,
      requestsPerSecond: Number((through.requestsPerSecond / direct.requestsPerSecond).toFixed(3)),
      p50: Number((through.p50Ms / Math.max(direct.p50Ms, 0.001)).toFixed(3)),
      p99: Number((through.p99Ms / Math.max(direct.p99Ms, 0.001)).toFixed(3)),
    }),
  );
}

/** Hive Gateway (`@graphql-hive/gateway-runtime`, a dev dependency) over the same supergraph. */
async function startHiveGateway(supergraph: string, secret: string, userId: string) {
  // Same job as ours for this query: forward the caller identity to the subgraph (here the header
  // is signed once up front; our router verifies a JWT and signs per request).
  const identity = await signIdentityToken({ kind: 'user', userId }, secret, 3_600);
  const gateway = createGatewayRuntime({
    supergraph,
    logging: false,
    transportEntries: { '*.http': { headers: [[IDENTITY_HEADER, identity]] } },
  });
  const server = http.createServer(gateway);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  return {
    url,
    stop: async () => {
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      await gateway.dispose();
    },
  };
}

/** The review's batch: 10 × `{ me { email } … ×540 }` (~70 KB). */
const HOSTILE_BATCH = JSON.stringify(
  Array.from({ length: 10 }, () => ({ query: `{ ${'me { email } '.repeat(540)}}` })),
);
const HOSTILE_SENDERS = 4;

/** /healthz latency at rest, then while HOSTILE_SENDERS clients send the hostile batch in a loop. */
async function healthUnderHostileBatches(baseUrl: string, graphqlUrl: string) {
  const health = async (target: string) => {
    const result = await autocannon({
      url: `${baseUrl}/healthz`,
      connections: 10,
      workers: 1,
      duration: DURATION_S,
    });
    return {
      target,
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      maxMs: result.latency.max,
    };
  };
  const atRest = await health('healthz-at-rest');
  let running = true;
  const statuses: Record<string, number> = {};
  const senders = Array.from({ length: HOSTILE_SENDERS }, async () => {
    while (running) {
      const response = await fetch(graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: HOSTILE_BATCH,
      });
      await response.arrayBuffer();
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
    }
  });
  const underAttack = await health('healthz-under-hostile-batches');
  running = false;
  await Promise.all(senders);
  for (const figure of [atRest, { ...underAttack, hostileBatchesByStatus: statuses }])
    console.log(JSON.stringify({ bench: 'router', durationS: DURATION_S, ...figure }));
}

const AUTH_ENTRY = path.resolve(__dirname, '..', '..', 'subgraphs', 'auth', 'dist', 'index.js');

/** The real auth subgraph in its own process (the load generator runs in a worker thread). */
async function startAuthProcess(secret: string, mongoUrl: string) {
  return spawnService({
    name: 'auth',
    entry: AUTH_ENTRY,
    env: {
      MONGO_URL: mongoUrl,
      IDENTITY_TOKEN_SECRET: secret,
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      // Sign-in throttling would count the bench's one sign-up per IP; nothing else is relevant here.
    },
  });
}

/** Registers the bench's listener straight at auth; returns their id and access token. */
async function registerListener(authUrl: string): Promise<{ userId: string; accessToken: string }> {
  const response = await fetch(authUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query:
        'mutation { register(input: { email: "bench@example.com", password: "load testing passphrase", displayName: "Bench Listener" }) { accessToken user { id } } }',
    }),
  });
  const body = (await response.json()) as {
    data?: { register: { accessToken: string; user: { id: string } } };
    errors?: unknown;
  };
  if (!body.data) throw new Error(`register failed: ${JSON.stringify(body.errors)}`);
  return { userId: body.data.register.user.id, accessToken: body.data.register.accessToken };
}

async function main() {
  const secret = TEST_ENVIRONMENT.IDENTITY_TOKEN_SECRET;
  const mongo = await startTestMongo();
  const auth = await startAuthProcess(secret, mongo.url);
  const listener = await registerListener(auth.url).catch(async (error: unknown) => {
    await auth.stop();
    await mongo.stop();
    throw error;
  });
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'groovy-router-bench-'));
  const supergraphPath = path.join(directory, 'supergraph.graphql');
  const supergraph = composeSupergraph([
    { name: 'auth', url: auth.url, sdl: await fetchSdl(auth) },
  ]);
  fs.writeFileSync(supergraphPath, supergraph);
  const router = await startRouter({
    environment: parseRouterEnvironment({
      NODE_ENV: 'production',
      PORT: '0',
      IDENTITY_TOKEN_SECRET: secret,
      SUPERGRAPH_PATH: supergraphPath,
      SUPERGRAPH_WATCH: 'false',
      AUTH_JWKS_URL: `${auth.baseUrl}/.well-known/jwks.json`,
      AUTH_INTERNAL_URL: auth.baseUrl,
      RATE_LIMIT_ENABLED: 'false',
      INTERNAL_PORT: '0',
    }),
    logger: createLogger({ service: 'router', level: 'warn' }),
  });
  const hive = await startHiveGateway(supergraph, secret, listener.userId);

  try {
    const identity = await signIdentityToken(
      { kind: 'user', userId: listener.userId },
      secret,
      3_600,
    );
    const direct = TARGETS.has('direct')
      ? await load('auth-subgraph-direct', auth.url, { [IDENTITY_HEADER]: identity })
      : undefined;
    let routed: Figure | undefined;
    if (TARGETS.has('router')) {
      routed = await load('groovy-router', router.url, {
        authorization: `Bearer ${listener.accessToken}`,
      });
      if (direct) ratio('groovy-router/auth-subgraph-direct', routed, direct);
    }
    if (TARGETS.has('router-anonymous')) {
      // The same through the router without credentials: what verifying the caller costs.
      await load('groovy-router-anonymous', router.url, {});
    }
    if (TARGETS.has('hive')) {
      const viaHive = await load('hive-gateway', hive.url, {});
      if (direct) ratio('hive-gateway/auth-subgraph-direct', viaHive, direct);
      if (routed) ratio('groovy-router/hive-gateway', routed, viaHive);
    }
    if (TARGETS.has('hostile')) await healthUnderHostileBatches(router.baseUrl, router.url);
  } finally {
    await hive.stop();
    await router.stop();
    await auth.stop();
    await mongo.stop();
    fs.rmSync(directory, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
