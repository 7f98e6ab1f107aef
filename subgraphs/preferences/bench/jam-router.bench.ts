/**
 * Jam through the public router: auth, preferences and the router as real processes (the stack
 * launcher, built), one instance each. JAM_SESSIONS sessions × 5 participants, every participant a
 * graphql-ws client of the router (its own socket, signed in with its own Bearer token in
 * connectionParams) subscribed with the web's own Jam document (`JamSessionEvents`, ids only: owned
 * by preferences, so the router's owner-only fast path serves it).
 *
 * Users: JAM_SESSIONS accounts (registration hashes a password: 1,000 would take minutes here);
 * session i is hosted by user i and joined by users i+1..i+4, so each user is in 5 sessions (one
 * socket and one subscription per participant either way; the router shares an upstream socket
 * per user, so there are JAM_SESSIONS upstream sockets rather than 5×).
 *
 * Load: controls at a realistic rate — every active session's host sends one PAUSE (at a new
 * position) every JAM_CONTROL_INTERVAL_MS (5 s), the sessions spread evenly over that interval —
 * for JAM_ROUNDS rounds, with the first k sessions active for each k of JAM_ACTIVE_SESSIONS (all
 * sockets stay open throughout). Figures, one JSON line each, per k:
 *   jam_router_control_to_delivery_p50/p95/p99_ms — HTTP control mutation sent → the event parsed by
 *     every participant's client (one clock: this process);
 *   jam_router_control_to_decision / decision_to_delivery p50/p95/p99_ms — the same split at the
 *     event's serverTimeMs (preferences' clock when it applied the control, before its write), and
 *     jam_router_control_reply_p*_ms (the mutation's own answer): where a slow delivery spent its time;
 *   jam_router_cpu_ms_per_delivery (router, preferences) — the process's CPU (from /proc) over the
 *     measured phase, per delivered event (idle work included); jam_router_deliveries_per_second
 *     (the offered rate: what the paced controls produced, not a capacity).
 * Then jam_router_saturated_deliveries_per_second: every host sends controls back to back for
 * JAM_SATURATED_SECONDS (10) — the capacity of one router and one preferences instance — with its
 * p95 and CPU per delivery; and memory per open socket, jam_router_{router,preferences}_rss_kib_per_socket
 * and jam_router_router_heap_kib_per_socket (growth from before the sockets opened to after).
 * Run: npm run bench:jam-router -w @groovy/subgraph-preferences (JAM_SESSIONS, JAM_ACTIVE_SESSIONS,
 * JAM_ROUNDS, JAM_CONTROL_INTERVAL_MS, JAM_SATURATED_SECONDS; BENCH_ONLY=jam-router inside `npm run bench`).
 */
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { freePort, launchStack } from '@groovy/tooling/stack';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { emit, percentile, runConcurrently } from './bench-tools';

const ONLY = process.env.BENCH_ONLY?.split(',');
const SESSIONS = Number(process.env.JAM_SESSIONS ?? 200);
const ACTIVE = (process.env.JAM_ACTIVE_SESSIONS ?? `25,50,100,${SESSIONS}`)
  .split(',')
  .map((value) => Math.min(SESSIONS, Number(value.trim())))
  .filter((value, index, all) => value > 0 && all.indexOf(value) === index);
const PARTICIPANTS = 5;
const ROUNDS = Number(process.env.JAM_ROUNDS ?? 3);
const CONTROL_INTERVAL_MS = Number(process.env.JAM_CONTROL_INTERVAL_MS ?? 5_000);
const SATURATED_SECONDS = Number(process.env.JAM_SATURATED_SECONDS ?? 10);

const REGISTER = `mutation R($input: RegisterInput!) { register(input: $input) { accessToken user { id } } }`;
const START = `mutation S { startJam { id code } }`;
const JOIN = `mutation J($code: String!) { joinJam(code: $code) { id } }`;
const CONTROL = `mutation C($id: ID!, $positionMs: Float) { controlJam(id: $id, action: PAUSE, positionMs: $positionMs) { id } }`;
/** The web's subscription (web/src/jam/jam.operations.ts). */
const JAM_EVENTS = `subscription JamSessionEvents($id: ID!) {
  jamSession(id: $id) {
    kind
    serverTimeMs
    session {
      id code guestsCanControl endedAt
      host { id }
      participants { connected joinedAt user { id } }
      queue { id addedBy { id } song { id } }
      playback { playing positionMs serverTimeMs current { id song { id } } }
    }
  }
}`;

interface JamEvent {
  jamSession: {
    kind: string;
    serverTimeMs: number;
    session: { playback: { positionMs: number } };
  };
}

/** When an event reached a participant, and when preferences decided it (both ms since the epoch). */
interface Arrival {
  at: number;
  serverTimeMs: number;
}

/** The wall clock with sub-millisecond resolution (comparable with the services' Date.now()). */
const epochNow = (): number => performance.timeOrigin + performance.now();

async function call<T>(url: string, query: string, variables: object, token?: string): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (!body.data || body.errors?.length)
    throw new Error(`${query.slice(0, 30)}: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** CPU seconds a process has used so far (user + system, from /proc). */
function cpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Resident memory of a process (bytes, from /proc). */
function rssBytes(pid: number): number {
  const line = fs
    .readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('VmRSS:'));
  return Number(line?.split(/\s+/)[1] ?? 0) * 1024;
}

/** The router's V8 heap in use (bytes), from its /metrics (prom-client's default metrics). */
async function routerHeapBytes(internalPort: number): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${internalPort}/metrics`)).text();
  // `nodejs_heap_size_used_bytes{service="router"} 123` (the registry's default labels).
  const line = text.split('\n').find((entry) => /^nodejs_heap_size_used_bytes[{ ]/.test(entry));
  return Number(line?.split(' ').at(-1) ?? Number.NaN);
}

/** The lowest of 5 samples a second apart of the router's RSS and heap and preferences' RSS. */
async function memoryOf(
  pids: { router: number; preferences: number },
  internalPort: number,
): Promise<{ routerRss: number; routerHeap: number; preferencesRss: number }> {
  const lowest = { routerRss: Infinity, routerHeap: Infinity, preferencesRss: Infinity };
  for (let sample = 0; sample < 5; sample++) {
    if (sample > 0) await new Promise((resolve) => setTimeout(resolve, 1_000));
    lowest.routerRss = Math.min(lowest.routerRss, rssBytes(pids.router));
    lowest.routerHeap = Math.min(lowest.routerHeap, await routerHeapBytes(internalPort));
    lowest.preferencesRss = Math.min(lowest.preferencesRss, rssBytes(pids.preferences));
  }
  return lowest;
}

/** One participant's subscription: resolves waiters by (kind, positionMs) as events arrive. */
class Participant {
  private readonly waiters = new Map<string, (arrival: Arrival) => void>();
  constructor(
    readonly client: Client,
    readonly started: Promise<void>,
  ) {}

  static open(routerUrl: string, token: string, jamId: string): Participant {
    const url = new URL(routerUrl);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const client = createClient({
      url: url.toString(),
      webSocketImpl: WebSocket,
      lazy: true,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${token}` },
    });
    let first!: () => void;
    let failed!: (error: unknown) => void;
    const started = new Promise<void>((resolve, reject) => ((first = resolve), (failed = reject)));
    const participant: Participant = new Participant(client, started);
    client.subscribe<JamEvent>(
      { query: JAM_EVENTS, variables: { id: jamId } },
      {
        next: (result) => {
          const at = epochNow();
          first();
          const event = result.data?.jamSession;
          if (!event) return;
          const key = `${event.kind}:${event.session.playback.positionMs}`;
          participant.waiters.get(key)?.({ at, serverTimeMs: event.serverTimeMs });
          participant.waiters.delete(key);
        },
        error: (error) => failed(error),
        complete: () => undefined,
      },
    );
    return participant;
  }

  /** Resolves with the arrival time of the PAUSE at `positionMs` (register before sending it). */
  arrival(positionMs: number): Promise<Arrival> {
    return new Promise((resolve) => this.waiters.set(`PAUSE:${positionMs}`, resolve));
  }
}

interface Samples {
  delivery: number[];
  toDecision: number[];
  fromDecision: number[];
  reply: number[];
}

const newSamples = (): Samples => ({ delivery: [], toDecision: [], fromDecision: [], reply: [] });

async function main(): Promise<void> {
  if (ONLY && !ONLY.includes('jam-router')) return;
  const internalPort = await freePort();
  const launched = await launchStack({
    mode: 'isolated',
    services: ['auth', 'preferences', 'router'],
    mongoUrl: process.env.MONGO_URL || undefined,
    secrets: {
      IDENTITY_TOKEN_SECRET: 'bench-identity-token-secret-0123456789abcdef',
      WORKER_WEBHOOK_SECRET: 'bench-worker-webhook-secret-0123456789abcdef',
      STORAGE_SIGNING_SECRET: 'bench-storage-signing-secret-0123456789abcdef',
    },
    env: { NODE_ENV: 'production' },
    serviceEnv: {
      auth: { REGISTRATION_MAX_PER_ADDRESS: '100000' },
      router: {
        SUPERGRAPH_WATCH: 'false',
        RATE_LIMIT_ENABLED: 'false',
        WS_MAX_CONNECTIONS_PER_ADDRESS: '100000',
        SUBSCRIPTIONS_MAX_PER_CALLER: '1000',
        // /metrics on a port of its own (production's default 9400 may be taken by another stack).
        INTERNAL_PORT: String(internalPort),
      },
    },
    startTimeoutMs: 300_000,
  });
  const participants: Participant[] = [];
  try {
    const url = launched.services.router!.url;
    const pids = { router: launched.pids.router!, preferences: launched.pids.preferences! };
    const users = await runConcurrently(SESSIONS, 4, async (index) => {
      const suffix = `${index}-${Math.random().toString(36).slice(2, 8)}`;
      const data = await call<{ register: { accessToken: string } }>(url, REGISTER, {
        input: {
          email: `jam-${suffix}@example.com`,
          password: `passphrase ${suffix} long`,
          displayName: `Jam ${index}`,
        },
      });
      return data.register.accessToken;
    });
    const sessions = await runConcurrently(SESSIONS, 8, async (index) => {
      const jam = (
        await call<{ startJam: { id: string; code: string } }>(url, START, {}, users[index])
      ).startJam;
      const members = [index];
      for (let k = 1; k < PARTICIPANTS; k++) {
        const member = (index + k) % SESSIONS;
        await call(url, JOIN, { code: jam.code }, users[member]);
        members.push(member);
      }
      return { id: jam.id, host: users[index]!, members };
    });
    const memoryBefore = await memoryOf(pids, internalPort);
    const bySession = await runConcurrently(SESSIONS, 10, async (index) => {
      const session = sessions[index]!;
      const opened = session.members.map((member) =>
        Participant.open(url, users[member]!, session.id),
      );
      participants.push(...opened);
      await Promise.all(opened.map((participant) => participant.started));
      return opened;
    });
    emit('jam_router_sockets', participants.length, { sessions: SESSIONS });
    // Memory per open subscription socket: each process's growth from before the sockets opened to
    // after (the lowest of a few samples a second apart, so passing garbage counts less).
    const memoryAfter = await memoryOf(pids, internalPort);
    const perSocket = (before: number, after: number) =>
      (after - before) / 1024 / participants.length;
    const memoryExtra = { sockets: participants.length, sessions: SESSIONS };
    emit(
      'jam_router_router_rss_kib_per_socket',
      perSocket(memoryBefore.routerRss, memoryAfter.routerRss),
      memoryExtra,
    );
    emit(
      'jam_router_router_heap_kib_per_socket',
      perSocket(memoryBefore.routerHeap, memoryAfter.routerHeap),
      memoryExtra,
    );
    emit(
      'jam_router_preferences_rss_kib_per_socket',
      perSocket(memoryBefore.preferencesRss, memoryAfter.preferencesRss),
      memoryExtra,
    );

    let position = 0;
    /** One control per active session, spread over the interval; timings of every participant's copy. */
    const round = async (active: number, samples: Samples): Promise<void> => {
      await Promise.all(
        sessions.slice(0, active).map(async (session, index) => {
          await new Promise((resolve) =>
            setTimeout(resolve, (index * CONTROL_INTERVAL_MS) / active),
          );
          const positionMs = ++position;
          const seen = bySession[index]!.map((participant) => participant.arrival(positionMs));
          const sentAt = epochNow();
          await call(url, CONTROL, { id: session.id, positionMs }, session.host);
          samples.reply.push(epochNow() - sentAt);
          for (const { at, serverTimeMs } of await Promise.all(seen)) {
            samples.delivery.push(at - sentAt);
            samples.toDecision.push(serverTimeMs - sentAt);
            samples.fromDecision.push(at - serverTimeMs);
          }
        }),
      );
    };
    await round(SESSIONS, newSamples()); // warm-up: every session once

    for (const active of ACTIVE) {
      const cpuBefore = {
        router: cpuSeconds(pids.router),
        preferences: cpuSeconds(pids.preferences),
      };
      const started = performance.now();
      const samples = newSamples();
      for (let r = 0; r < ROUNDS; r++) await round(active, samples);
      const latencies = samples.delivery;
      const elapsedS = (performance.now() - started) / 1000;
      const extra = {
        active_sessions: active,
        participants: PARTICIPANTS,
        sockets: participants.length,
        control_interval_ms: CONTROL_INTERVAL_MS,
        samples: latencies.length,
      };
      for (const p of [50, 95, 99])
        emit(`jam_router_control_to_delivery_p${p}_ms`, percentile(latencies, p), extra);
      // Where the time goes: sent → preferences decided the change (router, HTTP, the read of the
      // session; the event's serverTimeMs), decided → delivered (the write, the push, both
      // subscription hops), and the control mutation's own reply.
      for (const p of [50, 95, 99]) {
        emit(`jam_router_control_to_decision_p${p}_ms`, percentile(samples.toDecision, p), extra);
        emit(
          `jam_router_decision_to_delivery_p${p}_ms`,
          percentile(samples.fromDecision, p),
          extra,
        );
        emit(`jam_router_control_reply_p${p}_ms`, percentile(samples.reply, p), extra);
      }
      emit('jam_router_deliveries_per_second', latencies.length / elapsedS, extra);
      for (const name of ['router', 'preferences'] as const) {
        const cpuMs = (cpuSeconds(pids[name]) - cpuBefore[name]) * 1000;
        emit(`jam_router_${name}_cpu_ms_per_delivery`, cpuMs / latencies.length, extra);
      }
    }

    // Capacity: every session's host sends controls back to back (each waits for its previous
    // one to reach all its participants), SATURATED_SECONDS long: deliveries per second through
    // one router when nothing paces the load (the figures above are at the offered rate).
    const saturatedUntil = performance.now() + SATURATED_SECONDS * 1000;
    const cpuBefore = {
      router: cpuSeconds(pids.router),
      preferences: cpuSeconds(pids.preferences),
    };
    const started = performance.now();
    const latencies: number[] = [];
    await Promise.all(
      sessions.map(async (session, index) => {
        while (performance.now() < saturatedUntil) {
          const positionMs = ++position;
          const seen = bySession[index]!.map((participant) => participant.arrival(positionMs));
          const sentAt = epochNow();
          await call(url, CONTROL, { id: session.id, positionMs }, session.host);
          for (const { at } of await Promise.all(seen)) latencies.push(at - sentAt);
        }
      }),
    );
    const elapsedS = (performance.now() - started) / 1000;
    const saturated = {
      active_sessions: SESSIONS,
      participants: PARTICIPANTS,
      sockets: participants.length,
      control_interval_ms: 0,
      samples: latencies.length,
    };
    emit('jam_router_saturated_deliveries_per_second', latencies.length / elapsedS, saturated);
    emit('jam_router_saturated_control_to_delivery_p95_ms', percentile(latencies, 95), saturated);
    for (const name of ['router', 'preferences'] as const) {
      const cpuMs = (cpuSeconds(pids[name]) - cpuBefore[name]) * 1000;
      emit(`jam_router_saturated_${name}_cpu_ms_per_delivery`, cpuMs / latencies.length, saturated);
    }
  } finally {
    await Promise.all(participants.map((participant) => participant.client.dispose()));
    await launched.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
