// A client that plays graphql-ws's bookkeeping against the router: raw sockets sending what a
// well-behaved client never would, checked by counting the live fixture's upstream subscriptions.
import WebSocket from 'ws';
import type { RunningRouter } from '../../start-router';
import {
  startSubscriptionStack,
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
