import { randomUUID } from 'node:crypto';
import { createClient } from 'graphql-ws';
import { MongoClient } from 'mongodb';
import WebSocket from 'ws';
import { z } from 'zod';
import { serviceEnvironmentShape, subgraphEnvironmentShape } from '../../config';
import { eventBusEnvironmentShape } from '../../events';
import { IDENTITY_HEADER, signIdentityToken } from '../../identity';
import {
  executeAsRouter,
  startTestMongo,
  startTestSubgraph,
  subscribeAsRouter,
  TEST_ENVIRONMENT,
  waitUntil,
  type TestMongo,
  type TestSubscription,
} from '../../testing';
import type { RunningDescribedSubgraph } from '../start-described-subgraph';
import { shoutsSubgraph, type ShoutsModule } from './fixtures/shouts-subgraph';

const SECRET = TEST_ENVIRONMENT.IDENTITY_TOKEN_SECRET;
const SHOUT_ADDED =
  'subscription ($channel: ID!) { shoutAdded(channel: $channel) { id channel authorId deliveredBy } }';
const SHOUT = 'mutation ($channel: ID!) { shout(channel: $channel) }';

interface ShoutAdded {
  shoutAdded: { id: string; channel: string; authorId: string; deliveredBy: string };
}

const environment = z.object({
  ...serviceEnvironmentShape(0),
  ...subgraphEnvironmentShape(),
  ...eventBusEnvironmentShape(),
});

describe('GraphQL subscriptions fed by liveEventTypes, on two instances', () => {
  let mongo: TestMongo;
  let client: MongoClient;
  let a: RunningDescribedSubgraph<ShoutsModule>;
  let b: RunningDescribedSubgraph<ShoutsModule>;
  const opened: Array<TestSubscription<unknown>> = [];
  const eventsDatabase = `events_${randomUUID().slice(0, 8)}`;
  let env: z.infer<typeof environment>;

  const subscribe = async <T>(
    url: string,
    options: Parameters<typeof subscribeAsRouter>[1],
    query: string,
    variables: Record<string, unknown> = {},
  ) => {
    const subscription = await subscribeAsRouter<T>(url, options, query, variables);
    opened.push(subscription as TestSubscription<unknown>);
    return subscription;
  };
  const openOn = (subgraph: RunningDescribedSubgraph<ShoutsModule>, count: number) =>
    waitUntil(() => subgraph.openSubscriptions() === count, {
      what: `${count} subscriptions on ${subgraph.url}`,
    });

  beforeAll(async () => {
    mongo = await startTestMongo();
    client = await MongoClient.connect(mongo.url);
    env = environment.parse({
      NODE_ENV: 'test',
      PORT: '0',
      LOG_LEVEL: 'silent',
      IDENTITY_TOKEN_SECRET: SECRET,
      REQUIRE_ROUTER_IDENTITY: 'true',
      EVENT_BUS_DATABASE: eventsDatabase,
    });
    a = await startTestSubgraph(mongo, shoutsSubgraph(env, 'a'));
    // The second instance: same database, same bus.
    b = await startTestSubgraph(mongo, shoutsSubgraph(env, 'b'), {
      databaseName: a.connection.name,
    });
  });

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((subscription) => subscription.close()));
    await openOn(a, 0);
    if (b) await openOn(b, 0);
  });

  afterAll(async () => {
    await b?.stop();
    await a?.stop();
    await client?.close();
    await mongo?.stop();
  });

  it('delivers an event written through one instance’s outbox to clients of every instance, filtered by argument', async () => {
    const onA = await subscribe<ShoutAdded>(
      a.url,
      { as: 'u1', identitySecret: SECRET },
      SHOUT_ADDED,
      {
        channel: 'c1',
      },
    );
    const onB = await subscribe<ShoutAdded>(
      b.url,
      { as: 'u2', identitySecret: SECRET },
      SHOUT_ADDED,
      {
        channel: 'c1',
      },
    );
    const otherChannel = await subscribe<ShoutAdded>(
      b.url,
      { as: 'u3', identitySecret: SECRET },
      SHOUT_ADDED,
      { channel: 'c2' },
    );
    await openOn(a, 1);
    await openOn(b, 2);

    const shouted = await executeAsRouter<{ shout: string }>(
      a.url,
      SHOUT,
      { channel: 'c1' },
      {
        as: 'author',
        identitySecret: SECRET,
      },
    );
    expect(shouted.errors).toBeUndefined();
    const id = shouted.data!.shout;

    expect((await onA.next()).data).toEqual({
      shoutAdded: { id, channel: 'c1', authorId: 'author', deliveredBy: 'a' },
    });
    expect((await onB.next()).data).toEqual({
      shoutAdded: { id, channel: 'c1', authorId: 'author', deliveredBy: 'b' },
    });

    // The filter: c2's subscriber did not get c1's shout; its first result is c2's.
    const second = await executeAsRouter<{ shout: string }>(
      b.url,
      SHOUT,
      { channel: 'c2' },
      {
        as: 'author',
        identitySecret: SECRET,
      },
    );
    expect((await otherChannel.next()).data).toEqual({
      shoutAdded: { id: second.data!.shout, channel: 'c2', authorId: 'author', deliveredBy: 'b' },
    });
    expect(onA.pending()).toBe(0);
    expect(onB.pending()).toBe(0);
  });

  it('builds each operation’s context from the router-signed identity of the connection, roles included', async () => {
    const moderator = await subscribe<{ whoHears: unknown }>(
      b.url,
      { as: 'mod-1', roles: ['MODERATOR'], identitySecret: SECRET },
      'subscription { whoHears { userId roles transport } }',
    );
    const anonymous = await subscribe<{ whoHears: unknown }>(
      b.url,
      { clientAddress: '203.0.113.9', identitySecret: SECRET },
      'subscription { whoHears { userId roles transport } }',
    );
    await openOn(b, 2);
    await executeAsRouter(
      a.url,
      SHOUT,
      { channel: 'c3' },
      { as: 'author', identitySecret: SECRET },
    );
    expect((await moderator.next()).data).toEqual({
      whoHears: { userId: 'mod-1', roles: ['MODERATOR'], transport: 'websocket' },
    });
    expect((await anonymous.next()).data).toEqual({
      whoHears: { userId: null, roles: [], transport: 'websocket' },
    });
  });

  it('refuses a field that needs a role to a caller without it (FORBIDDEN per event)', async () => {
    const listener = await subscribe<{ moderatorFeed: unknown }>(
      a.url,
      { as: 'u9', identitySecret: SECRET },
      'subscription { moderatorFeed { id } }',
    );
    await openOn(a, 1);
    await executeAsRouter(
      a.url,
      SHOUT,
      { channel: 'c4' },
      { as: 'author', identitySecret: SECRET },
    );
    const result = await listener.next();
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses connections without a valid router-signed identity (4403) when REQUIRE_ROUTER_IDENTITY is on', async () => {
    const anonymous = await subscribe(a.url, { identitySecret: SECRET }, SHOUT_ADDED, {
      channel: 'c1',
    });
    await expect(anonymous.next()).rejects.toMatchObject({ closeCode: 4403 });

    const forged = await signIdentityToken(
      { kind: 'user', userId: 'mallory', roles: ['MODERATOR'] },
      'a-different-secret-that-is-long-enough-0000',
    );
    const forgedClient = await subscribe(
      a.url,
      { identitySecret: SECRET, connectionParams: { [IDENTITY_HEADER]: forged } },
      SHOUT_ADDED,
      { channel: 'c1' },
    );
    await expect(forgedClient.next()).rejects.toMatchObject({ closeCode: 4403 });
    expect(a.openSubscriptions()).toBe(0);
  });

  it('answers a malformed or invalid operation with an error, keeping the connection', async () => {
    const broken = await subscribe(a.url, { as: 'u1', identitySecret: SECRET }, 'subscription {');
    await expect(broken.next()).rejects.toMatchObject({
      errors: [expect.objectContaining({ extensions: { code: 'GRAPHQL_PARSE_FAILED' } })],
    });
    const unknown = await subscribe(
      a.url,
      { as: 'u1', identitySecret: SECRET },
      'subscription { nope }',
    );
    await expect(unknown.next()).rejects.toMatchObject({
      errors: [expect.objectContaining({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })],
    });
  });

  it('serves /metrics with the open connections and subscriptions', async () => {
    await subscribe(a.url, { as: 'u1', identitySecret: SECRET }, SHOUT_ADDED, { channel: 'c9' });
    await openOn(a, 1);
    const metrics = async () => (await fetch(`${a.baseUrl}/metrics`)).text();
    // Sockets of earlier tests close asynchronously: wait until only this one is counted.
    await waitUntil(async () =>
      /^graphql_ws_open_connections\{service="shouts"\} 1$/m.test(await metrics()),
    );
    expect(await metrics()).toMatch(/^graphql_ws_open_subscriptions\{service="shouts"\} 1$/m);
    expect(await metrics()).toMatch(
      /^graphql_ws_refused_total\{reason="identity",service="shouts"\} 2$/m,
    );
  });

  it('holds a connection to its limits: operations at once, message size, time to connection_init', async () => {
    const limited = await startTestSubgraph(
      mongo,
      shoutsSubgraph(env, 'limited', {
        maxSubscriptionsPerConnection: 2,
        maxPayloadBytes: 2_048,
        connectionInitWaitTimeoutMs: 200,
      }),
      { databaseName: a.connection.name },
    );
    try {
      const token = await signIdentityToken({ kind: 'user', userId: 'u1' }, SECRET);
      const closes: number[] = [];
      const client = createClient({
        url: limited.url.replace(/^http/, 'ws'),
        webSocketImpl: WebSocket,
        connectionParams: { [IDENTITY_HEADER]: token },
        retryAttempts: 0,
        on: { closed: (event) => void closes.push((event as { code: number }).code) },
      });
      const outcome = (query: string) =>
        new Promise<unknown>((resolve) => {
          client.subscribe(
            { query, variables: { channel: 'limits' } },
            { next: () => resolve('next'), error: resolve, complete: () => resolve('complete') },
          );
        });
      void outcome(SHOUT_ADDED);
      void outcome(SHOUT_ADDED);
      await openOn(limited, 2);
      expect(await outcome(SHOUT_ADDED)).toEqual([
        expect.objectContaining({ extensions: { code: 'TOO_MANY_SUBSCRIPTIONS' } }),
      ]);
      expect(limited.openSubscriptions()).toBe(2);

      // A message over maxPayloadBytes closes the socket (1009 Message Too Big).
      const oversized = outcome(`subscription { whoHears { userId } } # ${'x'.repeat(4_096)}`);
      expect(await oversized).toMatchObject({ code: 1009 });
      await openOn(limited, 0);
      await client.dispose();

      // A socket that never sends connection_init is closed after connectionInitWaitTimeoutMs (4408).
      const silent = new WebSocket(limited.url.replace(/^http/, 'ws'), 'graphql-transport-ws');
      const code = await new Promise<number>((resolve) => silent.once('close', resolve));
      expect(code).toBe(4408);
    } finally {
      await limited.stop();
    }
  });

  it('on stop closes its sockets (1001) and its live subscriber, while the other instance goes on delivering', async () => {
    const onA = await subscribe<ShoutAdded>(
      a.url,
      { as: 'u1', identitySecret: SECRET },
      SHOUT_ADDED,
      {
        channel: 'c5',
      },
    );
    const onB = await subscribe<ShoutAdded>(
      b.url,
      { as: 'u2', identitySecret: SECRET },
      SHOUT_ADDED,
      {
        channel: 'c5',
      },
    );
    await openOn(a, 1);
    await openOn(b, 1);
    await b.stop();
    await expect(onB.next()).rejects.toMatchObject({ closeCode: 1001 });
    expect(b.openSubscriptions()).toBe(0);
    // No position outlives a live subscriber: nothing of it in the bus's checkpoints.
    const checkpoints = await client
      .db(eventsDatabase)
      .collection('consumer_checkpoints')
      .find({ _id: /shouts/ as never })
      .toArray();
    expect(checkpoints).toEqual([]);

    await executeAsRouter(
      a.url,
      SHOUT,
      { channel: 'c5' },
      { as: 'author', identitySecret: SECRET },
    );
    expect((await onA.next()).data?.shoutAdded.deliveredBy).toBe('a');
    b = undefined as never;
  });
});
