// The WebSocket server alone (no subgraphs): what a connection leaves behind when the client goes
// away while the router is still verifying its credentials.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestLogger } from '@groovy/common/testing';
import WebSocket from 'ws';
import type { CallerVerdict } from '../../identity/resolve-caller';
import type { createSubscribeGate } from '../subscribe-gate';
import type { SubscriptionMetrics } from '../subscription-metrics';
import { startSubscriptionServer, type SubscriptionServer } from '../subscription-server';
import { UpstreamPool } from '../upstream-pool';

const noMetrics: SubscriptionMetrics = {
  connectionOpened: () => undefined,
  connectionClosed: () => undefined,
  subscriptionStarted: () => undefined,
  subscriptionEnded: () => undefined,
  eventDelivered: () => undefined,
  upstreamSockets: () => undefined,
  refused: () => undefined,
};

const REVALIDATE_MS = 1_000;

let httpServer: http.Server;
let server: SubscriptionServer;
let url: string;
/** Each credentials check, answered by the test. */
const checks: Array<(verdict: CallerVerdict) => void> = [];
let checked: () => void = () => undefined;

beforeEach(async () => {
  httpServer = http.createServer();
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  url = `ws://127.0.0.1:${(httpServer.address() as AddressInfo).port}/graphql`;
  server = startSubscriptionServer({
    httpServer,
    path: '/graphql',
    clientAddress: () => '127.0.0.1',
    resolveCaller: () =>
      new Promise<CallerVerdict>((resolve) => {
        checks.push(resolve);
        checked();
      }),
    gate: (async () => {
      throw new Error('no subscribe in these tests');
    }) as unknown as ReturnType<typeof createSubscribeGate>,
    pool: new UpstreamPool({
      maxPayloadBytes: 1_000,
      connectionAckWaitTimeoutMs: 1_000,
      keepAliveMs: 0,
    }),
    signIdentity: async () => 'token',
    formatError: (formatted) => formatted,
    metrics: noMetrics,
    logger: createTestLogger('subscription-server'),
    limits: {
      maxSubscriptionsPerConnection: 5,
      maxSubscriptionsPerCaller: 5,
      maxConnectionsPerAddress: 5,
      connectionInitTimeoutMs: 60_000,
      maxMessageBytes: 10_000,
      keepAliveMs: 0,
      revalidateIntervalMs: REVALIDATE_MS,
      maxQueuedEvents: 4,
    },
  });
});

afterEach(async () => {
  jest.useRealTimers();
  checks.length = 0;
  await server.close();
  await new Promise<void>((resolve) => httpServer.close(() => resolve()));
});

/** Resolves once the router has seen every client socket close. */
async function untilNoConnections(): Promise<void> {
  while (server.stats().connections > 0) await new Promise((resolve) => setImmediate(resolve));
}

describe('a client that leaves while its API key is being verified', () => {
  it('leaves no revalidation running for the closed connection', async () => {
    const socket = new WebSocket(url, 'graphql-transport-ws');
    await new Promise((resolve) => socket.once('open', resolve));
    const firstCheck = new Promise<void>((resolve) => (checked = resolve));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { 'x-api-key': 'gsk_k' } }));
    await firstCheck;
    socket.terminate();
    await untilNoConnections();

    // The key turns out valid after the client has gone: nothing may keep checking it.
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
    checks[0]!({ identity: { kind: 'apiKey', userId: 'u1', apiKeyId: 'k1', roles: [] } });
    for (let tick = 0; tick < 10; tick++) await new Promise((resolve) => setImmediate(resolve));
    jest.advanceTimersByTime(REVALIDATE_MS * 3);
    expect(checks).toHaveLength(1);
  });
});
