// Subscriptions through the router, end to end: graphql-ws clients → router (on a free port) →
// the "live" fixture subgraph over graphql-ws, with entity fields resolved per event from the
// library and accounts fixtures over HTTP.
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { TEST_ENVIRONMENT } from '@groovy/common/testing';
import WebSocket from 'ws';
import type { RunningRouter } from '../../start-router';
import {
  connectClient as openClient,
  startSubscriptionStack,
  subscribe,
  webSocketUrl,
  type SubscriptionStack,
} from '../../__tests__/fixtures/subscription-stack';
import {
  composeSupergraph,
  sha256,
  writeFileAtomically,
} from '../../__tests__/fixtures/test-stack';

let stack: SubscriptionStack;
let router: RunningRouter;

beforeAll(async () => {
  stack = await startSubscriptionStack();
  router = await stack.startRouter();
});

afterAll(async () => {
  await stack?.stop();
});

// Every client a test opened is closed after it, so one failing test leaves nothing running.
const opened: Array<ReturnType<typeof openClient>> = [];
const connectClient: typeof openClient = (...args) => {
  const connection = openClient(...args);
  opened.push(connection);
  return connection;
};
afterEach(async () => {
  await Promise.all(opened.splice(0).map((connection) => connection.dispose()));
  await stack.live.until((state) => state.sockets === 0 && state.subscriptions === 0);
});

const PLAYED = `subscription Played {
  songPlayed { id note song { id title uploader { id displayName } } }
}`;

describe('federated subscription', () => {
  it('delivers each event with the fields of other subgraphs resolved (entities per event)', async () => {
    const connection = connectClient(router.url);
    const played = subscribe(connection.client, PLAYED);
    await stack.live.until((state) => state.subscriptions === 1);

    stack.live.publishPlay({ id: 'p1', songId: 's3', note: 'first' });
    expect(await played.next()).toEqual({
      data: {
        songPlayed: {
          id: 'p1',
          note: 'first',
          song: { id: 's3', title: 'Song 3', uploader: { id: 'u3', displayName: 'User u3' } },
        },
      },
    });
    stack.live.publishPlay({ id: 'p2', songId: 's7' });
    expect(await played.next()).toEqual({
      data: {
        songPlayed: {
          id: 'p2',
          note: null,
          song: { id: 's7', title: 'Song 7', uploader: { id: 'u2', displayName: 'User u2' } },
        },
      },
    });
    await connection.dispose();
    await stack.live.until((state) => state.sockets === 0 && state.subscriptions === 0);
  });

  it('delivers a per-event field error as a GraphQL error and keeps the subscription', async () => {
    const connection = connectClient(router.url);
    const played = subscribe(connection.client, PLAYED);
    await stack.live.until((state) => state.subscriptions === 1);

    stack.live.publishPlay({ id: 'p3', songId: 's1', note: 'boom' });
    const broken = await played.next();
    expect(broken.data).toEqual({
      songPlayed: {
        id: 'p3',
        note: null,
        song: { id: 's1', title: 'Song 1', uploader: { id: 'u1', displayName: 'User u1' } },
      },
    });
    expect(broken.errors).toEqual([
      expect.objectContaining({
        message: 'This note could not be read.',
        extensions: { code: 'NOT_FOUND' },
      }),
    ]);
    stack.live.publishPlay({ id: 'p4', songId: 's2', note: 'fine' });
    expect((await played.next()).data).toMatchObject({ songPlayed: { id: 'p4', note: 'fine' } });
    await connection.dispose();
    await stack.live.until((state) => state.sockets === 0);
  });

  it('shapes the payload to the client’s selection (aliases, fragments, __typename)', async () => {
    const connection = connectClient(router.url);
    const played = subscribe(
      connection.client,
      `subscription { play: songPlayed { ...P } }
       fragment P on Play { __typename key: id song { name: title } }`,
    );
    await stack.live.until((state) => state.subscriptions === 1);
    stack.live.publishPlay({ id: 'p5', songId: 's4' });
    expect(await played.next()).toEqual({
      data: { play: { __typename: 'Play', key: 'p5', song: { name: 'Song 4' } } },
    });
    await connection.dispose();
    await stack.live.until((state) => state.sockets === 0);
  });
});

describe('who the caller is', () => {
  const TICKS = 'subscription { ticks { n viewer clientAddress } }';

  async function firstTick(params: Record<string, unknown>) {
    const connection = connectClient(router.url, params);
    const ticks = subscribe(connection.client, TICKS);
    await stack.live.until((state) => state.subscriptions === 1);
    stack.live.publishTick(1);
    const result = await ticks.next();
    await connection.dispose();
    await stack.live.until((state) => state.sockets === 0 && state.subscriptions === 0);
    return result;
  }

  it('passes a signed-in user’s identity (Bearer in connectionParams) to the subgraph', async () => {
    const token = await stack.auth.signAccessToken('u42');
    const result = await firstTick({ authorization: `Bearer ${token}` });
    expect(result.data).toEqual({
      ticks: { n: 1, viewer: 'user:u42', clientAddress: '127.0.0.1' },
    });
  });

  it('passes an API key’s identity (x-api-key in connectionParams)', async () => {
    stack.auth.apiKeys.set('gsk_subscriptions_key', { userId: 'u7', apiKeyId: 'k7' });
    const result = await firstTick({ 'x-api-key': 'gsk_subscriptions_key' });
    expect(result.data).toEqual({
      ticks: { n: 1, viewer: 'apiKey:u7:k7', clientAddress: '127.0.0.1' },
    });
  });

  it('serves anonymous callers where the subgraph field allows it', async () => {
    const result = await firstTick({});
    expect(result.data).toEqual({ ticks: { n: 1, viewer: null, clientAddress: '127.0.0.1' } });
  });

  it('passes on the subgraph’s refusal of an anonymous caller (UNAUTHENTICATED), then completes', async () => {
    const connection = connectClient(router.url);
    const ticks = subscribe(connection.client, 'subscription { privateTicks { n } }');
    // graphql-js answers a refused subscribe as one result with errors; the router forwards it.
    const refused = await ticks.next();
    expect(refused.data).toBeNull();
    expect(refused.errors).toEqual([
      expect.objectContaining({
        message: 'Sign in to follow private ticks.',
        extensions: { code: 'UNAUTHENTICATED' },
      }),
    ]);
    await ticks.completed;
  });

  it('refuses a bad access token at connect with 4401 and a reason', async () => {
    const connection = connectClient(router.url, { authorization: 'Bearer not.a.jwt' });
    expect(await connection.closed).toEqual({
      code: 4401,
      reason: 'The access token is invalid or has expired.',
    });
  });

  it('refuses an expired access token and an unknown API key', async () => {
    const expired = await stack.auth.signAccessToken('u1', {
      expiresIn: Math.floor(Date.now() / 1000) - 60,
    });
    const first = connectClient(router.url, { authorization: `Bearer ${expired}` });
    expect((await first.closed).code).toBe(4401);
    const second = connectClient(router.url, { 'x-api-key': 'gsk_unknown' });
    expect(await second.closed).toEqual({
      code: 4401,
      reason: 'The API key is invalid or has been revoked.',
    });
  });

  it('ignores a client-sent x-groovy-identity in connectionParams', async () => {
    const result = await firstTick({ 'x-groovy-identity': 'forged' });
    expect(result.data).toMatchObject({ ticks: { viewer: null } });
  });
});

describe('lifecycle', () => {
  it('closes the upstream subscription when the client unsubscribes, and the socket with the last one', async () => {
    const connection = connectClient(router.url);
    const first = subscribe(connection.client, 'subscription { ticks { n } }');
    const second = subscribe(connection.client, 'subscription { ticks { n } }');
    await stack.live.until((state) => state.subscriptions === 2);
    // Both of this caller's subscriptions share one upstream socket.
    expect(stack.live.sockets()).toBe(1);
    first.unsubscribe();
    await stack.live.until((state) => state.subscriptions === 1);
    expect(stack.live.sockets()).toBe(1);
    second.unsubscribe();
    await stack.live.until((state) => state.subscriptions === 0 && state.sockets === 0);
    await connection.dispose();
  });

  it('closes upstream when the client goes away without unsubscribing', async () => {
    const socket = new WebSocket(webSocketUrl(router.url), 'graphql-transport-ws');
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init' }));
    await new Promise((resolve) => socket.once('message', resolve));
    socket.send(
      JSON.stringify({
        id: '1',
        type: 'subscribe',
        payload: { query: 'subscription { ticks { n } }' },
      }),
    );
    await stack.live.until((state) => state.subscriptions === 1);
    socket.terminate();
    await stack.live.until((state) => state.subscriptions === 0 && state.sockets === 0);
  });

  it('errors the client subscription (retryable, naming the service) when the subgraph drops it', async () => {
    const connection = connectClient(router.url);
    const ticks = subscribe(connection.client, 'subscription { ticks { n } }');
    await stack.live.until((state) => state.subscriptions === 1);
    stack.live.terminateSockets();
    expect(await ticks.failed).toEqual([
      {
        message:
          'The live service ended this subscription unexpectedly (it may be restarting); subscribe again.',
        extensions: { code: 'INTERNAL_SERVER_ERROR', service: 'live', retryable: true },
      },
    ]);
    // The connection itself stays usable: a new subscription opens a fresh upstream socket.
    const again = subscribe(connection.client, 'subscription { ticks { n } }');
    await stack.live.until((state) => state.subscriptions === 1);
    stack.live.publishTick(9);
    expect((await again.next()).data).toEqual({ ticks: { n: 9 } });
    await connection.dispose();
    await stack.live.until((state) => state.sockets === 0);
  });

  it('errors the client subscription when the owning subgraph cannot be reached at all', async () => {
    // Port 9 (discard) on loopback: nothing listens there in the test environment.
    const cutOff = await stack.startRouter({ SUBGRAPH_LIVE_URL: 'http://127.0.0.1:9/graphql' });
    const connection = connectClient(cutOff.url);
    const ticks = subscribe(connection.client, 'subscription { ticks { n } }');
    expect(await ticks.failed).toEqual([
      expect.objectContaining({
        extensions: { code: 'INTERNAL_SERVER_ERROR', service: 'live', retryable: true },
      }),
    ]);
    await connection.dispose();
    await cutOff.stop();
  });

  it('counts connections, subscriptions and events in /metrics', async () => {
    const connection = connectClient(router.url);
    const ticks = subscribe(connection.client, 'subscription Ticker { ticks { n } }');
    await stack.live.until((state) => state.subscriptions === 1);
    stack.live.publishTick(1);
    await ticks.next();
    const metrics = await (await fetch(`${router.internalBaseUrl}/metrics`)).text();
    expect(metrics).toMatch(/^router_ws_connections\{[^}]*\} 1$/m);
    expect(metrics).toMatch(/^router_subscriptions_active\{subgraph="live"[^}]*\} 1$/m);
    expect(metrics).toMatch(/^router_upstream_ws_connections\{subgraph="live"[^}]*\} 1$/m);
    expect(metrics).toMatch(
      /^router_subscription_events_total\{subgraph="live",operation="Ticker"[^}]*\} 1$/m,
    );
    await connection.dispose();
    await stack.live.until((state) => state.sockets === 0);
  });
});

describe('limits', () => {
  let limited: RunningRouter;

  beforeAll(async () => {
    limited = await stack.startRouter({
      LIMIT_MAX_DEPTH: '4',
      SUBSCRIPTIONS_MAX_PER_CONNECTION: '2',
      WS_MAX_CONNECTIONS_PER_ADDRESS: '3',
      WS_CONNECTION_INIT_TIMEOUT_MS: '300',
      WS_MAX_MESSAGE_BYTES: '2000',
      RATE_LIMIT_ANONYMOUS_BURST: '8',
      RATE_LIMIT_ANONYMOUS_PER_MINUTE: '1',
      SUBSCRIPTIONS_MAX_PER_CALLER: '3',
    });
  });

  afterAll(async () => {
    await limited?.stop();
  });

  it('refuses a document over the depth limit before running it (QUERY_TOO_DEEP)', async () => {
    const connection = connectClient(limited.url);
    const deep = subscribe(
      connection.client,
      'subscription { songPlayed { song { uploader { songs { uploader { id } } } } } }',
    );
    expect(await deep.failed).toEqual([
      expect.objectContaining({
        extensions: expect.objectContaining({ code: 'QUERY_TOO_DEEP', maxDepth: 4 }),
      }),
    ]);
    expect(stack.live.subscriptions()).toBe(0);
    await connection.dispose();
  });

  it('refuses invalid documents and queries over WebSocket with clear errors', async () => {
    const connection = connectClient(limited.url);
    const invalid = subscribe(connection.client, 'subscription { songPlayd { id } }');
    expect(await invalid.failed).toEqual([
      expect.objectContaining({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }),
    ]);
    const query = subscribe(connection.client, '{ liveVersion }');
    expect(await query.failed).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/Only subscriptions are served over WebSocket/),
        extensions: { code: 'BAD_REQUEST' },
      }),
    ]);
    await connection.dispose();
  });

  it('allows at most SUBSCRIPTIONS_MAX_PER_CONNECTION subscriptions on one connection', async () => {
    const connection = connectClient(limited.url);
    subscribe(connection.client, 'subscription { ticks { n } }');
    subscribe(connection.client, 'subscription { ticks { n } }');
    const third = subscribe(connection.client, 'subscription { ticks { n } }');
    expect(await third.failed).toEqual([
      expect.objectContaining({
        extensions: { code: 'RATE_LIMITED', maxSubscriptionsPerConnection: 2 },
      }),
    ]);
    await connection.dispose();
    await stack.live.until((state) => state.sockets === 0 && state.subscriptions === 0);
  });

  it('allows at most SUBSCRIPTIONS_MAX_PER_CALLER subscriptions per user across connections', async () => {
    const token = await stack.auth.signAccessToken('u-many');
    const first = connectClient(limited.url, { authorization: `Bearer ${token}` });
    const second = connectClient(limited.url, { authorization: `Bearer ${token}` });
    subscribe(first.client, 'subscription { ticks { n } }');
    subscribe(first.client, 'subscription { ticks { n } }');
    subscribe(second.client, 'subscription { ticks { n } }');
    await stack.live.until((state) => state.subscriptions === 3);
    const fourth = subscribe(second.client, 'subscription { ticks { n } }');
    expect(await fourth.failed).toEqual([
      expect.objectContaining({
        extensions: { code: 'RATE_LIMITED', maxSubscriptionsPerCaller: 3 },
      }),
    ]);
  });

  it('closes a connection that never sends connection_init (4408)', async () => {
    const socket = new WebSocket(webSocketUrl(limited.url), 'graphql-transport-ws');
    const [code, reason] = await new Promise<[number, string]>((resolve) =>
      socket.once('close', (closeCode, closeReason) => resolve([closeCode, String(closeReason)])),
    );
    expect(code).toBe(4408);
    expect(reason).toBe('Connection initialisation timeout');
  });

  it('closes a connection that sends a message over WS_MAX_MESSAGE_BYTES (1009)', async () => {
    const socket = new WebSocket(webSocketUrl(limited.url), 'graphql-transport-ws');
    await new Promise((resolve) => socket.once('open', resolve));
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { pad: 'x'.repeat(5_000) } }));
    expect(await closed).toBe(1009);
  });

  it('answers HTTP 429 to more than WS_MAX_CONNECTIONS_PER_ADDRESS connections from one address', async () => {
    const open = [
      connectClient(limited.url),
      connectClient(limited.url),
      connectClient(limited.url),
    ];
    await Promise.all(open.map((connection) => connection.connected));
    const status = await new Promise<number>((resolve, reject) => {
      const socket = new WebSocket(webSocketUrl(limited.url), 'graphql-transport-ws');
      socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
      socket.once('open', () => reject(new Error('the fourth connection was accepted')));
      socket.once('error', () => undefined);
    });
    expect(status).toBe(429);
    await Promise.all(open.map((connection) => connection.dispose()));
  });

  it('charges subscribes to the caller’s rate-limit bucket (RATE_LIMITED with retryAfterSeconds)', async () => {
    const connection = connectClient(limited.url);
    let refusal: unknown;
    // The anonymous bucket holds 8 tokens and refills one a minute; other tests spent some.
    for (let attempt = 0; attempt < 12 && refusal === undefined; attempt += 1) {
      const one = subscribe(connection.client, 'subscription { songPlayd { id } }');
      const failure = (await one.failed) as Array<{ extensions?: { code?: string } }>;
      if (failure[0]?.extensions?.code === 'RATE_LIMITED') refusal = failure;
    }
    expect(refusal).toEqual([
      expect.objectContaining({
        extensions: { code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) },
      }),
    ]);
    await connection.dispose();
  });
});

describe('credentials during a long subscription', () => {
  it('ends an API-key connection with 4403 once the key is revoked (within revalidate interval + cache TTL)', async () => {
    const watchful = await stack.startRouter({
      WS_REVALIDATE_INTERVAL_MS: '200',
      API_KEY_CACHE_TTL_MS: '100',
    });
    stack.auth.apiKeys.set('gsk_soon_revoked', { userId: 'u8', apiKeyId: 'k8' });
    const connection = connectClient(watchful.url, { 'x-api-key': 'gsk_soon_revoked' });
    const ticks = subscribe(connection.client, 'subscription { ticks { n } }');
    await stack.live.until((state) => state.subscriptions === 1);
    stack.live.publishTick(1);
    expect((await ticks.next()).data).toEqual({ ticks: { n: 1 } });
    stack.auth.apiKeys.delete('gsk_soon_revoked');
    expect(await connection.closed).toEqual({
      code: 4403,
      reason: 'The API key has been revoked or is no longer valid.',
    });
    await stack.live.until((state) => state.subscriptions === 0);
    await watchful.stop();
  });
});

describe('signed-out sessions', () => {
  it('ends a signed-in connection with 4403 once its session is signed out (one batched check per interval)', async () => {
    const watchful = await stack.startRouter({ WS_REVALIDATE_INTERVAL_MS: '200' });
    try {
      const leaving = await stack.auth.signAccessToken('u-out', { sessionId: 'session-out' });
      const staying = await stack.auth.signAccessToken('u-in', { sessionId: 'session-in' });
      const gone = connectClient(watchful.url, { authorization: `Bearer ${leaving}` });
      const kept = connectClient(watchful.url, { authorization: `Bearer ${staying}` });
      const goneTicks = subscribe(gone.client, 'subscription { ticks { n } }');
      const keptTicks = subscribe(kept.client, 'subscription { ticks { n } }');
      await stack.live.until((state) => state.subscriptions === 2);
      const checksBefore = stack.auth.sessionChecks;
      stack.auth.signedOutSessions.add('session-out');
      expect(await gone.closed).toEqual({ code: 4403, reason: 'The session has been signed out.' });
      expect(stack.auth.sessionChecks).toBeGreaterThan(checksBefore);
      await stack.live.until((state) => state.subscriptions === 1);
      stack.live.publishTick(1);
      expect((await keptTicks.next()).data).toEqual({ ticks: { n: 1 } });
      void goneTicks;
    } finally {
      await watchful.stop();
    }
  });
});

describe('persisted operations', () => {
  const LISTED = 'subscription Listed { ticks { n } }';
  let directory: string;
  let persistedOnly: RunningRouter;

  beforeAll(async () => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'groovy-subs-manifest-'));
    const manifestPath = path.join(directory, 'persisted-documents.json');
    fs.writeFileSync(manifestPath, JSON.stringify({ [sha256(LISTED)]: LISTED }));
    persistedOnly = await stack.startRouter({
      PERSISTED_QUERIES_ALLOWLIST_PATH: manifestPath,
      PERSISTED_QUERIES_ONLY: 'true',
    });
  });

  afterAll(async () => {
    await persistedOnly?.stop();
    fs.rmSync(directory, { recursive: true, force: true });
  });

  it('runs a listed subscription sent by hash alone', async () => {
    const connection = connectClient(persistedOnly.url);
    const listed = subscribe(connection.client, '', undefined, {
      persistedQuery: { version: 1, sha256Hash: sha256(LISTED) },
    });
    await stack.live.until((state) => state.subscriptions === 1);
    stack.live.publishTick(3);
    expect((await listed.next()).data).toEqual({ ticks: { n: 3 } });
  });

  it('refuses an unlisted subscription from a caller without an API key (FORBIDDEN)', async () => {
    const connection = connectClient(persistedOnly.url);
    const unlisted = subscribe(connection.client, 'subscription { ticks { n viewer } }');
    expect(await unlisted.failed).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/^Only persisted operations are accepted here/),
        extensions: { code: 'FORBIDDEN' },
      }),
    ]);
  });

  it('answers PERSISTED_QUERY_NOT_FOUND for an unknown hash on a router with APQ', async () => {
    const connection = connectClient(router.url);
    const unknown = subscribe(connection.client, '', undefined, {
      persistedQuery: { version: 1, sha256Hash: sha256('subscription { nope }') },
    });
    expect(await unknown.failed).toEqual([
      expect.objectContaining({ extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }),
    ]);
  });
});

describe('supergraph reload', () => {
  it('keeps open subscriptions on the plan they started with; new ones use the new supergraph', async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'groovy-subs-reload-'));
    const supergraphPath = path.join(directory, 'supergraph.graphql');
    const withoutAddress = stack.sources.map((source) =>
      source.name === 'live'
        ? { ...source, sdl: source.sdl.replace(/^\s*clientAddress: String\s*$/m, '') }
        : source,
    );
    writeFileAtomically(supergraphPath, composeSupergraph(withoutAddress));
    const reloading = await stack.startRouter({ SUPERGRAPH_PATH: supergraphPath });
    const connection = connectClient(reloading.url);
    const before = subscribe(connection.client, 'subscription { ticks { n } }');
    await stack.live.until((state) => state.subscriptions === 1);

    const updated = new Promise((resolve) => reloading.supergraphEvents.once('updated', resolve));
    writeFileAtomically(supergraphPath, composeSupergraph(stack.sources));
    await updated;
    const after = subscribe(connection.client, 'subscription { ticks { n clientAddress } }');
    await stack.live.until((state) => state.subscriptions === 2);
    stack.live.publishTick(5);
    expect((await before.next()).data).toEqual({ ticks: { n: 5 } });
    expect((await after.next()).data).toEqual({ ticks: { n: 5, clientAddress: '127.0.0.1' } });
    await connection.dispose();
    await reloading.stop();
    fs.rmSync(directory, { recursive: true, force: true });
  });
});

describe('shutdown', () => {
  it('closes client sockets with 1001 and the upstream sockets on stop', async () => {
    const leaving = await stack.startRouter();
    const connection = connectClient(leaving.url);
    subscribe(connection.client, 'subscription { ticks { n } }');
    await stack.live.until((state) => state.subscriptions === 1);
    await leaving.stop();
    expect((await connection.closed).code).toBe(1001);
    await stack.live.until((state) => state.sockets === 0 && state.subscriptions === 0);
  });
});

it('uses the test secret (sanity: the live fixture refuses tokens signed with another)', () => {
  expect(TEST_ENVIRONMENT.IDENTITY_TOKEN_SECRET.length).toBeGreaterThanOrEqual(32);
});

describe('limits that hold under pressure', () => {
  it('holds SUBSCRIPTIONS_MAX_PER_CALLER when a burst of subscribes arrives together', async () => {
    const strict = await stack.startRouter({
      SUBSCRIPTIONS_MAX_PER_CONNECTION: '25',
      SUBSCRIPTIONS_MAX_PER_CALLER: '3',
    });
    try {
      const token = await stack.auth.signAccessToken('u-burst');
      const connection = connectClient(strict.url, { authorization: `Bearer ${token}` });
      const subs = Array.from({ length: 12 }, () =>
        subscribe(connection.client, 'subscription { ticks { n } }'),
      );
      let refused = 0;
      const allRefused = new Promise<'refused'>((resolve) => {
        for (const sub of subs)
          void sub.failed.then(() => {
            refused += 1;
            if (refused === 9) resolve('refused');
          });
      });
      const outcome = await Promise.race([
        allRefused,
        stack.live.until((state) => state.subscriptions > 3).then(() => 'over the limit'),
      ]);
      expect(outcome).toBe('refused');
      await stack.live.until((state) => state.subscriptions === 3);
      expect(stack.live.subscriptions()).toBe(3);
      await connection.dispose();
    } finally {
      await strict.stop();
    }
  });

  it('gives back the address’s connection slot when a WebSocket handshake fails', async () => {
    const strict = await stack.startRouter({ WS_MAX_CONNECTIONS_PER_ADDRESS: '2' });
    try {
      const port = Number(new URL(strict.url).port);
      const badHandshake = () =>
        new Promise<string>((resolve) => {
          const socket = net.connect(port, '127.0.0.1', () => {
            socket.write(
              'GET /graphql HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n' +
                'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: not-a-valid-key\r\n\r\n',
            );
          });
          let answer = '';
          socket.on('data', (chunk) => (answer += chunk.toString()));
          socket.on('close', () => resolve(answer.split('\r\n')[0] ?? ''));
        });
      expect(await badHandshake()).toMatch(/^HTTP\/1\.1 400/);
      expect(await badHandshake()).toMatch(/^HTTP\/1\.1 400/);
      const connection = connectClient(strict.url);
      const sub = subscribe(connection.client, 'subscription { ticks { n } }');
      const outcome = await Promise.race([
        stack.live.until((state) => state.subscriptions === 1).then(() => 'subscribed'),
        sub.failed.then(() => 'refused'),
      ]);
      expect(outcome).toBe('subscribed');
      await connection.dispose();
    } finally {
      await strict.stop();
    }
  });

  it('signs each upstream socket with the caller’s current roles (no stale MODERATOR)', async () => {
    const moderator = await stack.auth.signAccessToken('u-mod', { roles: ['MODERATOR'] });
    const demoted = await stack.auth.signAccessToken('u-mod');
    const first = connectClient(router.url, { authorization: `Bearer ${moderator}` });
    const second = connectClient(router.url, { authorization: `Bearer ${demoted}` });
    const a = subscribe(first.client, 'subscription { ticks { n viewer viewerRoles } }');
    await stack.live.until((state) => state.subscriptions === 1);
    const b = subscribe(second.client, 'subscription { ticks { n viewer viewerRoles } }');
    await stack.live.until((state) => state.subscriptions === 2);
    stack.live.publishTick(1);
    expect(await a.next()).toEqual({
      data: { ticks: { n: 1, viewer: 'user:u-mod', viewerRoles: 'MODERATOR' } },
    });
    expect(await b.next()).toEqual({
      data: { ticks: { n: 1, viewer: 'user:u-mod', viewerRoles: '' } },
    });
    expect(stack.live.sockets()).toBe(2);
  });

  it('ends a subscription whose events pile up behind a hanging entity fetch (slow consumer)', async () => {
    const hanging = http.createServer(() => undefined); // accepts requests, never answers
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    const { port } = hanging.address() as net.AddressInfo;
    const stuck = await stack.startRouter({
      SUBGRAPH_LIBRARY_URL: `http://127.0.0.1:${port}/graphql`,
      SUBGRAPH_TIMEOUT_MS: '600000',
      SUBSCRIPTIONS_MAX_QUEUED_EVENTS: '4',
    });
    try {
      const connection = connectClient(stuck.url);
      const played = subscribe(connection.client, PLAYED);
      await stack.live.until((state) => state.subscriptions === 1);
      for (let n = 1; n <= 6; n += 1) stack.live.publishPlay({ id: `p${n}`, songId: 's1' });
      expect(await played.failed).toEqual([
        expect.objectContaining({
          extensions: expect.objectContaining({ code: 'RATE_LIMITED', maxQueuedEvents: 4 }),
        }),
      ]);
      await stack.live.until((state) => state.subscriptions === 0);
      await connection.dispose();
    } finally {
      hanging.closeAllConnections();
      await stuck.stop();
      await new Promise<void>((resolve) => hanging.close(() => resolve()));
    }
  });
});
