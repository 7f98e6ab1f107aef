/**
 * How fast a live event reaches GraphQL subscribers on another instance, on the embedded bus (the
 * default, where Jam needs p95 < 50 ms between instances). One JSON line per figure.
 *
 * - `bus_*`: publish on one EmbeddedEventBus (its own MongoClient, as another process would have)
 *   → the handler of a live subscriber on another. The other bus is woken by the publish (its tailable
 *   awaitData cursor on the capped `event_wakes` collection); livePollIntervalMs applies only when
 *   wake-ups are unavailable. A subscriber on the publishing bus itself is woken at once.
 * - `subgraph_*`: publish on the bus → a graphql-ws client of a subgraph instance receives the
 *   subscription result (bus poll + pubSub + GraphQL execution + WebSocket).
 * Samples start at a random moment so they don't stay in phase with the poll.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { MongoClient } from 'mongodb';
import { z } from 'zod';
import { serviceEnvironmentShape, subgraphEnvironmentShape } from '../src/config';
import {
  createEvent,
  EmbeddedEventBus,
  eventBusEnvironmentShape,
  type EventEnvelope,
} from '../src/events';
import { shoutsSubgraph } from '../src/subgraph/__tests__/fixtures/shouts-subgraph';
import {
  createTestLogger,
  startTestMongo,
  startTestSubgraph,
  subscribeAsRouter,
  TEST_ENVIRONMENT,
  waitUntil,
} from '../src/testing';

const SAMPLES = Number(process.env.BENCH_LIVE_SAMPLES ?? 200);
/** Events in the log before measuring (a day's worth on a busy instance): polls must not scan them. */
const LOG_EVENTS = Number(process.env.BENCH_LIVE_LOG_EVENTS ?? 20_000);
/** How long the idle-poll CPU figure watches a live subscriber with nothing to read (ms). */
const IDLE_WINDOW_MS = 2_000;

function emit(figure: string, value: number, extra: Record<string, unknown> = {}): void {
  const line = { bench: 'live-events', figure, ...extra, value: Math.round(value * 1000) / 1000 };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

function summarise(timings: number[]) {
  const sorted = [...timings].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
  return { p50: at(50), p95: at(95), p99: at(99), max: sorted.at(-1)! };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function shout(channel: string): EventEnvelope {
  const id = randomUUID();
  return createEvent({
    type: 'COMMENT_CREATED',
    version: 1,
    producer: 'comments',
    aggregateId: id,
    aggregateVersion: 1,
    data: {
      commentId: id,
      authorId: 'bench',
      parentId: null,
      inReplyTo: null,
      atMs: null,
      createdAt: new Date().toISOString(),
      target: { type: 'SONG', id: channel },
      commentCount: 1,
      countVersion: 1,
    },
  });
}

/** Publish → arrival, SAMPLES times; `arrival(id)` resolves when the event with that id arrived. */
async function measure(
  publish: (event: EventEnvelope) => Promise<void>,
  arrival: (event: EventEnvelope) => Promise<void>,
  channel: string,
): Promise<number[]> {
  const timings: number[] = [];
  for (let i = 0; i < SAMPLES; i += 1) {
    await sleep(Math.random() * 25);
    const event = shout(channel);
    const arrived = arrival(event);
    const started = performance.now();
    await publish(event);
    await arrived;
    timings.push(performance.now() - started);
  }
  return timings;
}

/** Resolves arrivals by event id as a handler sees them. */
class Arrivals {
  private readonly waiting = new Map<string, () => void>();
  expect(id: string): Promise<void> {
    return new Promise((resolve) => this.waiting.set(id, resolve));
  }
  arrived(id: string): void {
    this.waiting.get(id)?.();
    this.waiting.delete(id);
  }
}

async function main(): Promise<void> {
  const mongo = await startTestMongo();
  const eventsDatabase = `events_${randomUUID().slice(0, 8)}`;
  const clients: MongoClient[] = [];
  const bus = async (options: { livePollIntervalMs?: number } = {}) => {
    const client = await MongoClient.connect(mongo.url);
    clients.push(client);
    return new EmbeddedEventBus({
      db: client.db(eventsDatabase),
      logger: createTestLogger('bench'),
      ...options,
    });
  };

  const publisher = await bus();
  // A log of realistic length first: a poll that scanned the log would grow with it.
  for (let published = 0; published < LOG_EVENTS; published += 500) {
    const batch = Array.from({ length: Math.min(500, LOG_EVENTS - published) }, () =>
      shout('bench-prefill'),
    );
    await publisher.publish(batch);
  }
  emit('bus_log_events', LOG_EVENTS);
  for (const [label, pollMs] of [
    ['default', undefined],
    ['poll_5ms', 5],
  ] as const) {
    const subscriberBus = await bus(pollMs ? { livePollIntervalMs: pollMs } : {});
    const arrivals = new Arrivals();
    const subscription = await subscriberBus.subscribe({
      consumer: 'bench-live',
      types: ['COMMENT_CREATED'],
      live: true,
      handler: async (event) => arrivals.arrived(event.id),
    });
    const timings = await measure(
      (event) => publisher.publish([event]),
      (event) => arrivals.expect(event.id),
      `bus-${label}`,
    );
    const stats = summarise(timings);
    const interval = { live_poll_interval_ms: pollMs ?? 20 };
    for (const [name, value] of Object.entries(stats))
      emit(`bus_between_instances_${name}_ms`, value, { ...interval, samples: SAMPLES });
    // What an idle live subscriber costs: its polls (client) and their answers (the engine runs
    // in this process), per second of idling.
    const cpuBefore = process.cpuUsage();
    await sleep(IDLE_WINDOW_MS);
    const cpu = process.cpuUsage(cpuBefore);
    emit(
      'bus_idle_live_subscriber_cpu_ms_per_s',
      (cpu.user + cpu.system) / 1000 / (IDLE_WINDOW_MS / 1000),
      interval,
    );
    await subscription.stop();
    await subscriberBus.close();
  }

  {
    const arrivals = new Arrivals();
    const subscription = await publisher.subscribe({
      consumer: 'bench-live-same',
      types: ['COMMENT_CREATED'],
      live: true,
      handler: async (event) => arrivals.arrived(event.id),
    });
    const stats = summarise(
      await measure(
        (event) => publisher.publish([event]),
        (event) => arrivals.expect(event.id),
        'bus-same',
      ),
    );
    for (const [name, value] of Object.entries(stats))
      emit(`bus_same_instance_${name}_ms`, value, { samples: SAMPLES });
    await subscription.stop();
  }

  // Through a subgraph instance's graphql-ws endpoint.
  const env = z
    .object({
      ...serviceEnvironmentShape(0),
      ...subgraphEnvironmentShape(),
      ...eventBusEnvironmentShape(),
    })
    .parse({
      NODE_ENV: 'test',
      PORT: '0',
      LOG_LEVEL: 'silent',
      IDENTITY_TOKEN_SECRET: TEST_ENVIRONMENT.IDENTITY_TOKEN_SECRET,
      EVENT_BUS_DATABASE: eventsDatabase,
    });
  const instance = await startTestSubgraph(mongo, shoutsSubgraph(env, 'bench'));
  const client = await subscribeAsRouter<{ shoutAdded: { id: string } }>(
    instance.url,
    { as: 'listener', identitySecret: env.IDENTITY_TOKEN_SECRET },
    'subscription ($channel: ID!) { shoutAdded(channel: $channel) { id } }',
    { channel: 'bench-ws' },
  );
  await waitUntil(() => instance.openSubscriptions() === 1);
  const timings = await measure(
    (event) => publisher.publish([event]),
    async (event) => {
      // The subscription answers with the comment id: the event's aggregate.
      const result = await client.next();
      if (result.data?.shoutAdded.id !== event.aggregateId)
        throw new Error(`unexpected result ${JSON.stringify(result)}`);
    },
    'bench-ws',
  );
  for (const [name, value] of Object.entries(summarise(timings)))
    emit(`subgraph_ws_between_instances_${name}_ms`, value, { samples: SAMPLES });
  await client.close();
  await instance.stop();

  await publisher.close();
  await Promise.all(clients.map((c) => c.close()));
  await mongo.stop();
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
