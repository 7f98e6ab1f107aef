/**
 * Jam benchmark, directly against two subgraph instances on one database and one embedded bus (the
 * router-level figure is measured in the router's bench). One JSON line per figure:
 *  - control → every participant latency (p50/p95/p99): 200 sessions × 5 participants, each
 *    participant's subscription on instance A or B in turn; the host's SEEK goes to instance A over
 *    HTTP; the clock starts before the mutation is sent and stops when a participant receives the
 *    event. Split by path: subscribers on A (the writing instance pushes at once) and on B (the
 *    copy through the outbox relay and the bus's live poll).
 *  - memory per socket (heap and RSS growth of this process, which holds both the servers and the
 *    1,000 client sockets: an upper bound for the server side), events delivered per second.
 *
 * Run: npm run bench -w @groovy/subgraph-preferences   (BENCH_ONLY=jam; JAM_SESSIONS, JAM_ROUNDS)
 */
import 'reflect-metadata';
import type { TestSubscription } from '@groovy/common/testing';
import { performance } from 'node:perf_hooks';
import { newId, PreferencesTestServer } from '../src/__tests__/preferences-test-server';
import {
  CONTROL,
  JOIN,
  publishSongs,
  START,
  startInstance,
  subscribeJam,
  type JamEventView,
  type JamView,
} from '../src/jam/__tests__/jam-test-kit';
import { emit, percentile, runConcurrently } from './bench-tools';

const ONLY = process.env.BENCH_ONLY?.split(',');
const SESSIONS = Number(process.env.JAM_SESSIONS ?? 200);
const PARTICIPANTS = 5;
const ROUNDS = Number(process.env.JAM_ROUNDS ?? 5);
/** All sessions' controls spread over this period per round (≈ SESSIONS / period controls per second). */
const ROUND_MS = Number(process.env.JAM_ROUND_MS ?? 2_000);

interface Listener {
  subscription: TestSubscription<JamEventView>;
  onWritingInstance: boolean;
}

function heap(): { heap: number; rss: number } {
  (globalThis as { gc?: () => void }).gc?.();
  const usage = process.memoryUsage();
  return { heap: usage.heapUsed, rss: usage.rss };
}

/** Resolves with the arrival time of the first event of `kind` whose position is `positionMs`. */
async function arrival(listener: Listener, kind: string, positionMs: number): Promise<number> {
  for (;;) {
    const result = await listener.subscription.next(60_000);
    const event = result.data?.jamSession;
    if (event?.kind === kind && event.session.playback.positionMs === positionMs)
      return performance.now();
  }
}

async function main(): Promise<void> {
  if (ONLY && !ONLY.includes('jam')) return;
  const server = await PreferencesTestServer.start({ LOG_LEVEL: 'silent' });
  const b = await startInstance(server);
  const instances = [server.subgraph, b];
  try {
    const [song] = await publishSongs(server, [3_600_000]);
    const sessions = await runConcurrently(SESSIONS, 20, async () => {
      const users = Array.from({ length: PARTICIPANTS }, () => newId('listener'));
      const jam = (await server.ok<{ startJam: JamView }>(START, { songIds: [song] }, users[0]))
        .startJam;
      for (const user of users.slice(1)) await server.ok(JOIN, { code: jam.code }, user);
      return { id: jam.id, users };
    });

    const before = heap();
    let socketIndex = 0;
    const listeners = await runConcurrently(SESSIONS, 10, async (index) => {
      const session = sessions[index]!;
      const opened: Listener[] = [];
      for (const user of session.users) {
        const onWritingInstance = socketIndex++ % 2 === 0;
        const subscription = await subscribeJam(
          instances[onWritingInstance ? 0 : 1]!.url,
          server,
          session.id,
          user,
        );
        await subscription.next(60_000); // STATE
        opened.push({ subscription, onWritingInstance });
      }
      return opened;
    });
    const after = heap();
    const sockets = SESSIONS * PARTICIPANTS;
    emit(
      'jam memory per socket (heap, servers and clients in one process)',
      (after.heap - before.heap) / sockets / 1024,
      { unit: 'KiB', sockets },
    );
    emit(
      'jam memory per socket (rss, servers and clients in one process)',
      (after.rss - before.rss) / sockets / 1024,
      { unit: 'KiB', sockets },
    );

    // Warm-up: a PAUSE each, seen by everyone (presence events of the opening drain before it).
    await runConcurrently(SESSIONS, 20, async (index) => {
      const session = sessions[index]!;
      const seen = listeners[index]!.map((listener) => arrival(listener, 'PAUSE', 0));
      await server.ok(
        CONTROL,
        { id: session.id, action: 'PAUSE', positionMs: 0 },
        session.users[0],
      );
      await Promise.all(seen);
    });

    const latencies: { ms: number; local: boolean }[] = [];
    let delivered = 0;
    const started = performance.now();
    for (let round = 1; round <= ROUNDS; round++) {
      const positionMs = round * 1_000;
      await Promise.all(
        sessions.map(async (session, index) => {
          await new Promise((resolve) => setTimeout(resolve, (index * ROUND_MS) / SESSIONS));
          const seen = listeners[index]!.map((listener) =>
            arrival(listener, 'SEEK', positionMs).then((at) => ({
              at,
              local: listener.onWritingInstance,
            })),
          );
          const sentAt = performance.now();
          await server.ok(
            CONTROL,
            { id: session.id, action: 'SEEK', positionMs },
            session.users[0],
          );
          for (const { at, local } of await Promise.all(seen)) {
            latencies.push({ ms: at - sentAt, local });
            delivered++;
          }
        }),
      );
    }
    const elapsedS = (performance.now() - started) / 1000;
    const figures = (label: string, values: number[]) => {
      for (const p of [50, 95, 99])
        emit(`jam control → participant latency ${label} p${p}`, percentile(values, p), {
          unit: 'ms',
          sessions: SESSIONS,
          participants: PARTICIPANTS,
          samples: values.length,
        });
    };
    figures(
      '(all)',
      latencies.map((l) => l.ms),
    );
    figures(
      '(subscriber on the writing instance)',
      latencies.filter((l) => l.local).map((l) => l.ms),
    );
    figures(
      '(subscriber on the other instance, via the bus)',
      latencies.filter((l) => !l.local).map((l) => l.ms),
    );
    emit('jam events delivered per second', delivered / elapsedS, {
      unit: 'events/s',
      controlsPerSecond: Math.round((SESSIONS * ROUNDS) / elapsedS),
    });

    await Promise.all(listeners.flat().map((listener) => listener.subscription.close()));
  } finally {
    await b.stop();
    await server.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
