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
 *   jam_router_cpu_ms_per_delivery (router, preferences) — the process's CPU (from /proc) over the
 *     measured phase, per delivered event; jam_router_deliveries_per_second.
 * Run: npm run bench:jam-router -w @groovy/subgraph-preferences (JAM_SESSIONS, JAM_ACTIVE_SESSIONS,
 * JAM_ROUNDS, JAM_CONTROL_INTERVAL_MS; BENCH_ONLY=jam-router inside `npm run bench`).
 */
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { launchStack } from '@groovy/tooling/stack';
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
  jamSession: { kind: string; session: { playback: { positionMs: number } } };
}

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

/** One participant's subscription: resolves waiters by (kind, positionMs) as events arrive. */
class Participant {
  private readonly waiters = new Map<string, (at: number) => void>();
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
          const at = performance.now();
          first();
          const event = result.data?.jamSession;
          if (!event) return;
          const key = `${event.kind}:${event.session.playback.positionMs}`;
          participant.waiters.get(key)?.(at);
          participant.waiters.delete(key);
        },
        error: (error) => failed(error),
        complete: () => undefined,
      },
    );
    return participant;
  }

  /** Resolves with the arrival time of the PAUSE at `positionMs` (register before sending it). */
  arrival(positionMs: number): Promise<number> {
    return new Promise((resolve) => this.waiters.set(`PAUSE:${positionMs}`, resolve));
  }
}

async function main(): Promise<void> {
  if (ONLY && !ONLY.includes('jam-router')) return;
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

    let position = 0;
    /** One control per active session, spread over the interval; latencies to every participant. */
    const round = async (active: number): Promise<number[]> => {
      const latencies: number[] = [];
      await Promise.all(
        sessions.slice(0, active).map(async (session, index) => {
          await new Promise((resolve) =>
            setTimeout(resolve, (index * CONTROL_INTERVAL_MS) / active),
          );
          const positionMs = ++position;
          const seen = bySession[index]!.map((participant) => participant.arrival(positionMs));
          const sentAt = performance.now();
          await call(url, CONTROL, { id: session.id, positionMs }, session.host);
          for (const at of await Promise.all(seen)) latencies.push(at - sentAt);
        }),
      );
      return latencies;
    };
    await round(SESSIONS); // warm-up: every session once

    for (const active of ACTIVE) {
      const cpuBefore = {
        router: cpuSeconds(pids.router),
        preferences: cpuSeconds(pids.preferences),
      };
      const started = performance.now();
      const latencies: number[] = [];
      for (let r = 0; r < ROUNDS; r++) latencies.push(...(await round(active)));
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
      emit('jam_router_deliveries_per_second', latencies.length / elapsedS, extra);
      for (const name of ['router', 'preferences'] as const) {
        const cpuMs = (cpuSeconds(pids[name]) - cpuBefore[name]) * 1000;
        emit(`jam_router_${name}_cpu_ms_per_delivery`, cpuMs / latencies.length, extra);
      }
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
