// A client that plays graphql-ws's bookkeeping against the router: raw sockets sending what a
// well-behaved client never would, checked by counting the live fixture's upstream subscriptions.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import type { RunningRouter } from '../../start-router';
import {
  connectClient,
  startSubscriptionStack,
  subscribe,
  webSocketUrl,
  type SubscriptionStack,
} from '../../__tests__/fixtures/subscription-stack';

let stack: SubscriptionStack;
let router: RunningRouter;

beforeAll(async () => {
  stack = await startSubscriptionStack();
  router = await stack.startRouter();
});

afterAll(async () => {
  await stack?.stop();
});

interface RawMessage {
  id?: string;
  type: string;
  payload?: unknown;
}

/** A raw graphql-transport-ws socket, acknowledged, with every message it receives queued. */
async function rawConnection(url: string) {
  const socket = new WebSocket(webSocketUrl(url), 'graphql-transport-ws');
  const received: RawMessage[] = [];
  const waiters: Array<() => void> = [];
  socket.on('message', (data) => {
    received.push(JSON.parse(String(data)) as RawMessage);
    for (const waiter of waiters.splice(0)) waiter();
  });
  await new Promise((resolve) => socket.once('open', resolve));
  /** Resolves with the first received message that `predicate` accepts. */
  const until = (predicate: (message: RawMessage) => boolean) =>
    new Promise<RawMessage>((resolve) => {
      const check = () => {
        const found = received.find(predicate);
        if (found) resolve(found);
        else waiters.push(check);
      };
      check();
    });
  socket.send(JSON.stringify({ type: 'connection_init' }));
  await until((message) => message.type === 'connection_ack');
  /** Sends the messages in one write, so the router reads them together. */
  const sendTogether = (...messages: RawMessage[]) => {
    const raw = (socket as unknown as { _socket: import('node:net').Socket })._socket;
    raw.cork();
    for (const message of messages) socket.send(JSON.stringify(message));
    raw.uncork();
  };
  return { socket, until, sendTogether };
}

const TICKS = { query: 'subscription { ticks { n } }' };

describe('an id completed and reused while its subscribe is still being admitted', () => {
  it('leaves no upstream subscription behind once the client goes away', async () => {
    const { socket, until, sendTogether } = await rawConnection(router.url);
    sendTogether(
      { id: '1', type: 'subscribe', payload: TICKS },
      { id: '1', type: 'complete' },
      { id: '1', type: 'subscribe', payload: TICKS },
      { id: '2', type: 'subscribe', payload: TICKS },
    );
    // Subscribe '2' was read after the others: once it delivers, the router has settled them.
    await stack.live.until((state) => state.subscriptions >= 1);
    stack.live.publishTick(1);
    await until((message) => message.id === '2' && message.type === 'next');
    socket.terminate();
    await stack.live.until((state) => state.subscriptions === 0 && state.sockets === 0);
  });
});

describe('events held for a connection that does not read them', () => {
  it('ends a subscription once the connection as a whole holds SUBSCRIPTIONS_MAX_QUEUED_EVENTS_PER_CONNECTION', async () => {
    // Per subscription the bound is generous; across the connection's subscriptions it is not
    // (before, 25 subscriptions × 256 events of any size could pile up per connection).
    const hanging = http.createServer(() => undefined); // accepts entity fetches, never answers
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    const { port } = hanging.address() as AddressInfo;
    const stuck = await stack.startRouter({
      SUBGRAPH_LIBRARY_URL: `http://127.0.0.1:${port}/graphql`,
      SUBGRAPH_TIMEOUT_MS: '600000',
      SUBSCRIPTIONS_MAX_QUEUED_EVENTS: '100',
      SUBSCRIPTIONS_MAX_QUEUED_EVENTS_PER_CONNECTION: '4',
    });
    try {
      const connection = connectClient(stuck.url);
      const played = 'subscription { songPlayed { id song { title } } }';
      const first = subscribe(connection.client, played);
      const second = subscribe(connection.client, played);
      await stack.live.until((state) => state.subscriptions === 2);
      for (let n = 1; n <= 3; n += 1) stack.live.publishPlay({ id: `q${n}`, songId: 's1' });
      expect(await Promise.race([first.failed, second.failed])).toEqual([
        expect.objectContaining({
          extensions: expect.objectContaining({ code: 'RATE_LIMITED' }),
        }),
      ]);
      await connection.dispose();
      await stack.live.until((state) => state.subscriptions === 0);
    } finally {
      hanging.closeAllConnections();
      await stuck.stop();
      await new Promise<void>((resolve) => hanging.close(() => resolve()));
    }
  });
});
