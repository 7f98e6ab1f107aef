import { ApolloClient, InMemoryCache } from '@apollo/client';
import type { Client, Sink } from 'graphql-ws';
import { JamSessionEventsDocument } from '@/gql/graphql';
import { LiveConnection, type ResyncReason } from '../live-connection';
import { SubscriptionLink } from '../subscription-link';

function recorded(connection: LiveConnection) {
  const reasons: ResyncReason[] = [];
  connection.onResync((reason) => reasons.push(reason));
  return reasons;
}

describe('LiveConnection', () => {
  it('signals a resync when a socket comes back after a drop, not on the first connect', () => {
    const connection = new LiveConnection();
    const reasons = recorded(connection);
    connection.connecting();
    expect(connection.getState()).toBe('connecting');
    connection.connected();
    expect(reasons).toEqual([]);
    connection.closed(1006); // network gone
    expect(connection.getState()).toBe('reconnecting');
    connection.connected();
    expect(connection.getState()).toBe('connected');
    expect(reasons).toEqual(['reconnected']);
  });

  it('treats a normal closure (the last subscription ended) as idle: the next socket is no reconnect', () => {
    const connection = new LiveConnection();
    const reasons = recorded(connection);
    connection.connected();
    connection.closed(1000);
    expect(connection.getState()).toBe('idle');
    connection.connecting();
    connection.connected();
    expect(reasons).toEqual([]);
  });

  it('drops the socket on reconnect() only while one is in use', () => {
    const connection = new LiveConnection();
    const terminate = jest.fn();
    connection.attach(terminate);
    connection.reconnect();
    expect(terminate).not.toHaveBeenCalled();
    connection.connected();
    connection.reconnect();
    expect(terminate).toHaveBeenCalledTimes(1);
  });
});

describe('SubscriptionLink after a retryable error', () => {
  it('subscribes again and signals a resync with the first event of the new subscription', async () => {
    const sinks: Sink[] = [];
    const fakeClient = {
      subscribe: (_payload: unknown, sink: Sink) => {
        sinks.push(sink);
        return () => undefined;
      },
      // The link also listens to the socket's connected/closed events (per-operation resubscribe).
      on: () => () => undefined,
    } as unknown as Client;
    const connection = new LiveConnection();
    const reasons = recorded(connection);
    const client = new ApolloClient({
      cache: new InMemoryCache(),
      link: new SubscriptionLink(fakeClient, connection),
    });
    const events: unknown[] = [];
    const subscription = client
      .subscribe({ query: JamSessionEventsDocument, variables: { id: 'jam-1' } })
      .subscribe({ next: (result) => events.push(result.data) });

    expect(sinks).toHaveLength(1);
    // The router: "the preferences service ended this subscription unexpectedly; subscribe again".
    sinks[0]!.error([
      {
        message: 'subscribe again',
        extensions: { code: 'INTERNAL_SERVER_ERROR', service: 'preferences', retryable: true },
      },
    ]);
    const deadline = Date.now() + 5_000;
    while (sinks.length < 2 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(sinks).toHaveLength(2);
    expect(reasons).toEqual([]);

    sinks[1]!.next({ data: { jamSession: null } });
    expect(reasons).toEqual(['resubscribed']);
    sinks[1]!.next({ data: { jamSession: null } });
    expect(reasons).toEqual(['resubscribed']);
    subscription.unsubscribe();
  });
});
